package dev.accessconsole.authz.impl;

import dev.accessconsole.authz.api.PlatformCredential;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/** Enforces {@link PlatformCredential} on any CDI bean: a token whose groups hold the named platform group. */
@PlatformCredential("")
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class PlatformCredentialInterceptor {

    @Inject
    AccessEnforcement enforcement;

    @AroundInvoke
    public Object enforce(InvocationContext invocation) throws Exception {
        return enforcement.around(invocation);
    }
}
