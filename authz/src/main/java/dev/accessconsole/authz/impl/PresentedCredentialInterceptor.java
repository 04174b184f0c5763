package dev.accessconsole.authz.impl;

import dev.accessconsole.authz.api.PresentedCredential;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/** Enforces {@link PresentedCredential} on any CDI bean: the credential in the request itself (checked by the operation). */
@PresentedCredential
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class PresentedCredentialInterceptor {

    @Inject
    AccessEnforcement enforcement;

    @AroundInvoke
    public Object enforce(InvocationContext invocation) throws Exception {
        return enforcement.around(invocation);
    }
}
