package dev.accessconsole.web.infrastructure;

import dev.accessconsole.authz.api.AccessCheckFailed;
import dev.accessconsole.authz.api.RequestRefused;
import dev.accessconsole.authz.api.AccessDeniedException;
import dev.accessconsole.authz.api.AccessDeclaration;
import dev.accessconsole.authz.api.CallerTokens;
import jakarta.annotation.Priority;
import jakarta.servlet.RequestDispatcher;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;

import java.lang.reflect.Method;

/**
 * After the token is verified: provisions the user on its first call, then applies default deny. An operation with
 * no access declaration ({@link AccessDeclaration#of}, the resolver the interceptors use) is refused; the declared
 * ones are enforced by the authz interceptors.
 */
@Provider
@Priority(Priorities.AUTHORIZATION)
public class CallerFilter implements ContainerRequestFilter {

    @Context
    ResourceInfo resource;

    @Context
    jakarta.servlet.http.HttpServletRequest servletRequest;

    @Inject
    CallerTokens tokens;

    @Inject
    CurrentUser currentUser;

    @Override
    public void filter(ContainerRequestContext request) {
        try {
            tokens.current().map(org.eclipse.microprofile.jwt.JsonWebToken.class::cast).ifPresent(currentUser::provision);
        } catch (RequestRefused refused) {
            throw refused;
        } catch (RuntimeException unidentified) {
            // who the caller is could not be settled (the database did not answer): part of the access check
            throw new AccessCheckFailed(unidentified);
        }
        Method method = resource.getResourceMethod();
        Class<?> type = resource.getResourceClass();
        if (method == null) {
            return;
        }
        // default deny: an operation nobody declared access for is open to nobody; the declared ones are enforced by
        // the authz interceptors on the resource method itself
        var declaration = AccessDeclaration.of(method, type);
        if (declaration.isEmpty()) {
            throw new AccessDeniedException.MissingPermission("(undeclared)", "this operation declares no permission");
        }
        // SCIM's resources answer at /scim/v2 only (ScimServlet hands them on), never at their /v1 address
        if (declaration.get() instanceof AccessDeclaration.Provisioning && servletRequest.getAttribute(RequestDispatcher.FORWARD_REQUEST_URI) == null) {
            throw new jakarta.ws.rs.NotFoundException();
        }
    }
}
