package dev.accessconsole.web.infrastructure;

import dev.accessconsole.authz.api.RequestHeaders;
import dev.accessconsole.authz.api.AccessContext;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

/** Names the organization a request acted on in the {@code anthropic-organization-id} response header. */
@Provider
public class OrganizationHeaderFilter implements ContainerResponseFilter {

    @Inject
    AccessContext access;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        try {
            if (access.established() && !response.getHeaders().containsKey(RequestHeaders.ORGANIZATION)) {
                response.getHeaders().putSingle(RequestHeaders.ORGANIZATION, access.organizationId());
            }
        } catch (ContextNotActiveException noRequest) {
            // nothing to name
        }
    }
}
