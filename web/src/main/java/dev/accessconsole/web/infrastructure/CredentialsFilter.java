package dev.accessconsole.web.infrastructure;

import dev.accessconsole.authz.api.RequestCredentials;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;

/** Hands the authz guard what only HTTP knows: the Admin API key and the organization the caller names. */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public class CredentialsFilter implements ContainerRequestFilter {

    public static final String API_KEY_HEADER = "x-api-key";
    public static final String ORGANIZATION_HEADER = "anthropic-organization-id";

    @Inject
    RequestCredentials credentials;

    @Override
    public void filter(ContainerRequestContext request) {
        String apiKey = request.getHeaderString(API_KEY_HEADER);
        // keys that arrived as "Authorization: Bearer sk-ant-…" were moved here by the server's Undertow filter
        if (apiKey != null && apiKey.startsWith("Bearer ")) {
            apiKey = apiKey.substring("Bearer ".length()).trim();
        }
        credentials.apiKey(apiKey);
        credentials.organizationId(request.getHeaderString(ORGANIZATION_HEADER));
    }
}
