package dev.accessconsole.authz.impl;

import dev.accessconsole.authz.api.RequiresPermission;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * Enforces {@link RequiresPermission}. Runs before {@code @Transactional} (PLATFORM_BEFORE + 200) so that a refused
 * call opens no transaction, and so that a refusal raised inside a transaction is reported after it rolled back.
 */
@RequiresPermission({})
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class RequiresPermissionInterceptor {

    @Inject
    AccessEnforcement enforcement;

    @AroundInvoke
    public Object enforce(InvocationContext invocation) throws Exception {
        return enforcement.around(invocation);
    }
}
