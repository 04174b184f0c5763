package dev.accessconsole.web.infrastructure;

import dev.accessconsole.authz.api.AccessDeniedException;
import dev.accessconsole.authz.api.AnyAuthenticatedCaller;
import dev.accessconsole.authz.api.PlatformCredential;
import dev.accessconsole.authz.api.RequestCredentials;
import dev.accessconsole.authz.api.RequiresPermission;
import dev.accessconsole.authz.api.UserRef;
import dev.accessconsole.authz.impl.CallerTokens;
import dev.accessconsole.domain.application.UserDirectory;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.lang.reflect.Method;

/**
 * After the token is verified: provisions the user on its first call, then applies default deny. An operation
 * that declares neither {@link RequiresPermission} nor {@link AnyAuthenticatedCaller} is refused; one open to any
 * authenticated caller still refuses anonymous and platform credentials.
 */
@Provider
@Priority(Priorities.AUTHORIZATION)
public class CallerFilter implements ContainerRequestFilter {

    @Context
    ResourceInfo resource;

    @Inject
    CallerTokens tokens;

    @Inject
    UserDirectory users;

    @Inject
    CurrentUser currentUser;

    @Inject
    RequestCredentials credentials;

    @Override
    public void filter(ContainerRequestContext request) {
        tokens.current().ifPresent(this::provision);
        Method method = resource.getResourceMethod();
        Class<?> type = resource.getResourceClass();
        if (method == null) {
            return;
        }
        if (declaresPermission(method, type)) {
            return;
        }
        if (method.isAnnotationPresent(AnyAuthenticatedCaller.class) || type.isAnnotationPresent(AnyAuthenticatedCaller.class)) {
            currentUser.require();
            return;
        }
        PlatformCredential platform = method.isAnnotationPresent(PlatformCredential.class)
                ? method.getAnnotation(PlatformCredential.class) : type.getAnnotation(PlatformCredential.class);
        if (platform != null) {
            requirePlatformGroup(platform.value());
            return;
        }
        // default deny: an operation nobody declared a permission for is open to nobody
        throw new AccessDeniedException.MissingPermission("(undeclared)", "this operation declares no permission");
    }

    /** Platform operations take a token of the named group; members and Admin API keys get 403, nobody 401. */
    private void requirePlatformGroup(String group) {
        var token = tokens.current();
        if (token.isEmpty()) {
            if (credentials.apiKey() != null && !credentials.apiKey().isBlank()) {
                throw new AccessDeniedException.MissingPermission("platform:" + group, "Admin API keys cannot call platform operations");
            }
            throw new AccessDeniedException.Unauthenticated();
        }
        if (token.get().getGroups() == null || !token.get().getGroups().contains(group)) {
            throw new AccessDeniedException.MissingPermission("platform:" + group, "this operation is for the platform's " + group + " credential");
        }
    }

    static boolean declaresPermission(Method method, Class<?> type) {
        return method.isAnnotationPresent(RequiresPermission.class) || type.isAnnotationPresent(RequiresPermission.class);
    }

    private void provision(JsonWebToken token) {
        if (CallerTokens.isPlatformCredential(token)) {
            currentUser.markServiceCredential();
            return;
        }
        String email = claimText(token, "email");
        String name = claimText(token, "name");
        Object verified = token.getClaim("email_verified");
        boolean emailVerified = verified == null || !(verified == JsonValue.FALSE || "false".equals(verified.toString()));
        currentUser.set(users.ensure(new UserRef(token.getIssuer(), token.getSubject()), email, name), emailVerified);
    }

    private static String claimText(JsonWebToken token, String claim) {
        Object value = token.getClaim(claim);
        if (value == null) {
            return null;
        }
        String text = value instanceof jakarta.json.JsonString json ? json.getString() : value.toString();
        return text.isBlank() ? null : text;
    }
}
