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

    @Inject
    BeanManager beans;

    /** The Admin API key, however it arrived ({@code x-api-key}, or moved there from {@code Authorization: Bearer sk-ant-…}). */
    String apiKey() {
        String key = header(RequestHeaders.API_KEY);
        if (key != null && key.startsWith("Bearer ")) {
            key = key.substring("Bearer ".length()).trim();
        }
        return key == null || key.isEmpty() ? null : key;
    }

    /**
     * The secret of an {@code Authorization: Bearer} header that is no token (a provisioning credential): read only where
     * the token mechanism let the request through without a token (the SCIM endpoints).
     */
    String bearerSecret() {
        String header = header("Authorization");
        if (header == null || header.length() < 8 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String secret = header.substring(7).trim();
        return secret.isEmpty() ? null : secret;
    }

    String organizationId() {
        String named = header(RequestHeaders.ORGANIZATION);
        return named == null || named.isBlank() ? null : named.trim();
    }

    private final CurrentReference<HttpServletRequest> requestReference = new CurrentReference<>();

    private String header(String name) {
        try {
            RequestState framed = RequestState.framed();
            if (framed != null && framed.request() != null) {
                return framed.request().header(name);
            }
            HttpServletRequest current = requestReference.get(request, beans);
            return current == null ? null : current.getHeader(name);
        } catch (ContextNotActiveException | IllegalStateException noHttpRequest) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "RequestCredentials[apiKey=" + (apiKey() == null ? "none" : "present") + "]"; // never the key itself
    }
}
