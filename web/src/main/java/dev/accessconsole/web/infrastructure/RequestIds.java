package dev.accessconsole.web.infrastructure;

import dev.accessconsole.authz.api.AccessFrames;
import dev.accessconsole.authz.api.InboundRequest;
import dev.accessconsole.domain.model.Ids;
import dev.accessconsole.domain.model.RequestCorrelation;
import jakarta.inject.Inject;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * Opens the request's authorization frame around the rest of the chain ({@link AccessFrames}), and gives every
 * request an id, sent back in the {@code request-id} header and named in error bodies and audit events.
 * Runs on error dispatches too, so that the mechanism's 401 carries one.
 */
@WebFilter(urlPatterns = "/*", dispatcherTypes = {DispatcherType.REQUEST, DispatcherType.ERROR})
public class RequestIds extends HttpFilter {

    @jakarta.inject.Inject
    AccessFrames frames;

    static final String ATTRIBUTE = "dev.accessconsole.request-id";
    public static final String HEADER = "request-id";

    @Inject
    RequestCorrelation correlation;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException {
        String requestId = of(request);
        if (!response.containsHeader(HEADER)) {
            response.setHeader(HEADER, requestId);
        }
        correlation.requestId(requestId);
        // every log line written for this request carries its id (the JSON log format prints the MDC)
        Object outer = org.jboss.logging.MDC.put("request_id", requestId);
        try (AccessFrames.Frame frame = frames.open(request, new InboundRequest() {
            @Override
            public String header(String name) {
                return request.getHeader(name);
            }

            @Override
            public java.security.Principal caller() {
                return request.getUserPrincipal();
            }
        })) {
            chain.doFilter(request, response);
        } finally {
            if (outer == null) {
                org.jboss.logging.MDC.remove("request_id");
            } else {
                org.jboss.logging.MDC.put("request_id", outer);
            }
        }
    }

    /** The id of this request, created on first use. */
    public static String of(HttpServletRequest request) {
        if (request == null) {
            return null;
        }
        Object existing = request.getAttribute(ATTRIBUTE);
        if (existing != null) {
            return existing.toString();
        }
        String created = "req_" + Ids.next();
        request.setAttribute(ATTRIBUTE, created);
        return created;
    }
}
