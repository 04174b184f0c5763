package dev.accessconsole.authz.api;

import java.util.List;

/**
 * Permissions a module declares in code: a CDI bean implementing this joins its permissions to the catalog when the
 * application starts. They are enforced by {@link RequiresPermission} like the built-in ones, listed wherever the
 * catalog is (roles, OpenAPI), granted by {@code admin} and by the custom roles that list them, by no other built-in
 * role.
 *
 * <pre>{@code
 * @ApplicationScoped
 * public class PayrollPermissions implements PermissionDeclarations {
 *     public static final String EXPORT = "payroll:export";
 *
 *     public String module() { return "payroll"; }
 *
 *     public List<Declared> permissions() {
 *         return List.of(new Declared(EXPORT, PermissionScope.ORGANIZATION, "Export the payroll"));
 *     }
 * }
 * }</pre>
 */
public interface PermissionDeclarations {

    /** The module's name, shown beside its permissions. */
    String module();

    /** What it declares. */
    List<Declared> permissions();

    /** One permission: {@code resource:action}, where it is decided, what it allows. */
    record Declared(String name, PermissionScope scope, String description) {
    }
}
