package dev.accessconsole.authz.impl;

import dev.accessconsole.authz.api.AnyAuthenticatedCaller;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/** Enforces {@link AnyAuthenticatedCaller} on any CDI bean: a signed-in person, not anonymous, not a platform credential. */
@AnyAuthenticatedCaller
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class AnyAuthenticatedCallerInterceptor {

    @Inject
    AccessEnforcement enforcement;

    @AroundInvoke
    public Object enforce(InvocationContext invocation) throws Exception {
        return enforcement.around(invocation);
    }
}
