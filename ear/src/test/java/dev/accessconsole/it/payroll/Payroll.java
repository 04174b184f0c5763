package dev.accessconsole.it.payroll;

import dev.accessconsole.authz.api.AccessContext;
import dev.accessconsole.authz.api.RequiresPermission;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** A bean of the sample module guarded by its own permission, with the authz library's interceptor. */
@ApplicationScoped
public class Payroll {

    @Inject
    AccessContext access;

    @RequiresPermission(PayrollPermissions.EXPORT)
    public String export() {
        return "payroll of " + access.organizationId() + " exported for " + access.principalId();
    }
}
