package dev.accessconsole.authz.api;

import jakarta.enterprise.context.RequestScoped;

/**
 * What a transport layer learned from the request beyond the bearer token, which MicroProfile JWT already
 * provides: an Admin API key and the organization the caller names. Without a transport both stay null and
 * the guard relies on the token alone.
 */
@RequestScoped
public class RequestCredentials {

    private String apiKey;
    private String organizationId;

    public String apiKey() {
        return apiKey;
    }

    public void apiKey(String apiKey) {
        this.apiKey = apiKey;
    }

    public String organizationId() {
        return organizationId;
    }

    public void organizationId(String organizationId) {
        this.organizationId = organizationId;
    }

    @Override
    public String toString() {
        // never the key itself
        return "RequestCredentials[apiKey=" + (apiKey == null ? "none" : "present") + ", organizationId=" + organizationId + "]";
    }
}
