package dev.accessconsole.authz.impl;

import dev.accessconsole.authz.api.AccessCheckFailed;
import dev.accessconsole.authz.api.AccessDecided;
import dev.accessconsole.authz.api.AccessDeclaration;
import dev.accessconsole.authz.api.RequestRefused;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.interceptor.InvocationContext;

import java.lang.reflect.Method;

/**
 * What the three enforcement interceptors do, in the manner of Spring Security's method interceptor: resolve the
 * declaration (one resolver), decide with the guard (which publishes refusals), then call; a refusal the guarded code
 * raises itself is published the same way before it propagates. Every decision is published too
 * ({@link AccessDecided}: allowed, refused or unavailable), for the host's metrics.
 */
@ApplicationScoped
public class AccessEnforcement {

    private static final String ENFORCED = AccessEnforcement.class.getName() + ".enforced";

    @Inject
    AccessGuard guard;

    @Inject
    Event<AccessDecided> decisions;

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
            publish(new AccessDecided(declaration, AccessDecided.Outcome.REFUSED, refused.code()));
            throw refused;
        } catch (RuntimeException undecided) {
            // what the decision reads failed (the database, the cluster): nothing is allowed, and the transport answers
            // by the cause (AccessCheckFailed)
            publish(new AccessDecided(declaration, AccessDecided.Outcome.UNAVAILABLE, null));
            throw new AccessCheckFailed(undecided);
        }
        publish(new AccessDecided(declaration, AccessDecided.Outcome.ALLOWED, null));
        try {
            return invocation.proceed();
        } catch (RequestRefused refused) {
            guard.report(refused, null);
            throw refused;
        }
    }

    /** A failing observer never changes the decision. */
    private void publish(AccessDecided decided) {
        try {
            decisions.fire(decided);
        } catch (RuntimeException observerFailed) {
            java.util.logging.Logger.getLogger(AccessEnforcement.class.getName())
                    .log(java.util.logging.Level.WARNING, "an observer of access decisions failed", observerFailed);
        }
    }
}
