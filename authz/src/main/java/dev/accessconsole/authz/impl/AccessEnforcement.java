package dev.accessconsole.authz.impl;

import dev.accessconsole.authz.api.AccessCheckFailed;
import dev.accessconsole.authz.api.AccessDeclaration;
import dev.accessconsole.authz.api.RequestRefused;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.interceptor.InvocationContext;

import java.lang.reflect.Method;

/**
 * What the three enforcement interceptors do, in the manner of Spring Security's method interceptor: resolve the
 * declaration (one resolver), decide with the guard (which publishes refusals), then call; a refusal the guarded code
 * raises itself is published the same way before it propagates.
 */
@ApplicationScoped
public class AccessEnforcement {

    private static final String ENFORCED = AccessEnforcement.class.getName() + ".enforced";

    @Inject
    AccessGuard guard;

    Object around(InvocationContext invocation) throws Exception {
        // a method bound through its class and itself is enforced once, by the first interceptor to run
        if (invocation.getContextData().putIfAbsent(ENFORCED, Boolean.TRUE) != null) {
            return invocation.proceed();
        }
        Method method = invocation.getMethod();
        Class<?> type = invocation.getTarget() == null ? method.getDeclaringClass() : invocation.getTarget().getClass();
        AccessDeclaration declaration = AccessDeclaration.of(method, type)
                .orElseThrow(() -> new IllegalStateException("no readable access declaration on " + method + ": refusing rather than allowing"));
        try {
            guard.enforce(declaration, WorkspaceArgument.of(method, invocation.getParameters()));
        } catch (RequestRefused refused) {
            throw refused;
        } catch (RuntimeException undecided) {
            // what the decision reads failed (the database, the cluster): nothing is allowed, and the transport answers
            // by the cause (AccessCheckFailed)
            throw new AccessCheckFailed(undecided);
        }
        try {
            return invocation.proceed();
        } catch (RequestRefused refused) {
            guard.report(refused, null);
            throw refused;
        }
    }
}
