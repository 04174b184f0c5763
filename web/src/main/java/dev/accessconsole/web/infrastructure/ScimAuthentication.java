package dev.accessconsole.web.infrastructure;

import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.security.enterprise.AuthenticationException;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * SCIM clients (Okta, Microsoft Entra ID) send the organization's SCIM token as {@code Authorization: Bearer sk-ant-scim01-…},
 * which is no JWT: MicroProfile JWT's mechanism would refuse it before the application runs. Under {@code /scim/v2} the
 * mechanism therefore does nothing (no token principal there), and the SCIM endpoints authenticate the bearer secret
 * themselves ({@code @ProvisioningCredential}). Everywhere else the mechanism runs as before; a SCIM token sent there is
 * refused by it as any other non-JWT bearer.
 */
@Decorator
@Priority(Interceptor.Priority.APPLICATION)
public abstract class ScimAuthentication implements HttpAuthenticationMechanism {

    /** Where the SCIM application answers. */
    public static final String SCIM_PATH = "/scim/v2";

    @Inject
    @Delegate
    HttpAuthenticationMechanism delegate;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context)
            throws AuthenticationException {
        if (isScim(request)) {
            return context.doNothing();
        }
        return delegate.validateRequest(request, response, context);
    }

    public static boolean isScim(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals(SCIM_PATH) || path.startsWith(SCIM_PATH + "/");
    }
}
