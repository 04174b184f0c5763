package dev.accessconsole.it.payroll;

import dev.accessconsole.authz.api.PermissionDeclarations;
import dev.accessconsole.authz.api.PermissionScope;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** The sample module's permission, declared in code: it joins the catalog when the deployment starts. */
@ApplicationScoped
public class PayrollPermissions implements PermissionDeclarations {

    public static final String EXPORT = "payroll:export";

    @Override
    public String module() {
        return "payroll";
    }

    @Override
    public List<Declared> permissions() {
        return List.of(new Declared(EXPORT, PermissionScope.ORGANIZATION, "Export the organization's payroll"));
    }
}
