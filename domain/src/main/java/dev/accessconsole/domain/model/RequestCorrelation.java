package dev.accessconsole.domain.model;

import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.context.RequestScoped;

/** The id of the request being served, set by the transport, so that audit events can name it. */
@RequestScoped
public class RequestCorrelation {

    private String requestId;

    public void requestId(String requestId) {
        this.requestId = requestId;
    }

    public String requestId() {
        return requestId;
    }

    /** The request id of the current request; null outside a request (the proxy refuses there) or before it was set. */
    public static String of(RequestCorrelation correlation) {
        try {
            return correlation.requestId();
        } catch (ContextNotActiveException noRequest) {
            return null;
        }
    }
}
