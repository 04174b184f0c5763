package dev.accessconsole.authz.impl;

import dev.accessconsole.authz.api.ProvisioningCredential;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/** Enforces {@link ProvisioningCredential} on any CDI bean: an organization's SCIM token, and nothing else. */
@ProvisioningCredential
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class ProvisioningCredentialInterceptor {

    @Inject
    AccessEnforcement enforcement;

    @AroundInvoke
    public Object enforce(InvocationContext invocation) throws Exception {
        return enforcement.around(invocation);
    }
}
