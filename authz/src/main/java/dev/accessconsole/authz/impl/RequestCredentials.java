package dev.accessconsole.authz.impl;

import dev.accessconsole.authz.api.RequestHeaders;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

/**
 * What an HTTP request says beyond the bearer token, which MicroProfile JWT already verified: an Admin API key and
 * the organization the caller names. Read from the request itself; outside an HTTP request both are absent.
 */
@ApplicationScoped
public class RequestCredentials {

    @Inject
    Instance<HttpServletRequest> request;

    /** The Admin API key, however it arrived ({@code x-api-key}, or moved there from {@code Authorization: Bearer sk-ant-…}). */
    String apiKey() {
        String key = header(RequestHeaders.API_KEY);
        if (key != null && key.startsWith("Bearer ")) {
            key = key.substring("Bearer ".length()).trim();
        }
        return key == null || key.isEmpty() ? null : key;
    }

    String organizationId() {
        String named = header(RequestHeaders.ORGANIZATION);
        return named == null || named.isBlank() ? null : named.trim();
    }

    @Inject
    BeanManager beans;

    /** The request bean's client proxy (a normal scope: it stands for the current request on every call), taken once. */
    private volatile HttpServletRequest requestProxy;

    private HttpServletRequest requestReference() {
        HttpServletRequest proxy = requestProxy;
        if (proxy != null) {
            return proxy;
        }
        Instance.Handle<HttpServletRequest> handle = request.getHandle();
        HttpServletRequest reference = handle.get();
        if (beans.isNormalScope(handle.getBean().getScope())) {
            requestProxy = reference;
        }
        return reference;
    }

    /** Whether an HttpServletRequest bean exists is a fact of the deployment: asked of Weld once. */
    private volatile Boolean resolvable;

    private String header(String name) {
        try {
            if (resolvable == null) {
                resolvable = request.isResolvable();
            }
            return resolvable ? requestReference().getHeader(name) : null;
        } catch (ContextNotActiveException | IllegalStateException noHttpRequest) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "RequestCredentials[apiKey=" + (apiKey() == null ? "none" : "present") + "]"; // never the key itself
    }
}
