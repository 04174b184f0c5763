package dev.accessconsole.authz.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * A permission of the catalog ({@code resource:action}): the built-in ones of roles.md, one constant each, and those
 * other modules declare ({@link #declare}, from a {@link PermissionDeclarations} bean). Each has a fixed index in the
 * catalog (the built-in ones first, in this order), which the decision service keeps permissions by. At most 64.
 */
public final class Permission implements Comparable<Permission> {

    /** A permission name: {@code resource:action}, lower case, digits, {@code _} and {@code -}. */
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,40}:[a-z][a-z0-9_-]{0,40}");
    /** The decision service keeps a standing's permissions as bits of a long. */
    public static final int MAX = 64;

    private static final List<Permission> CATALOG = new ArrayList<>();
    private static final Map<String, Permission> BY_VALUE = new ConcurrentHashMap<>();
    private static volatile Permission[] values = new Permission[0];

    public static final Permission ORGANIZATION_READ = builtIn(Permissions.ORGANIZATION_READ, PermissionScope.ORGANIZATION, "See the organization and one's own permissions");
    public static final Permission CLAUDE_CODE_USE = builtIn(Permissions.CLAUDE_CODE_USE, PermissionScope.ORGANIZATION, "Sign in to Claude Code");
    public static final Permission MEMBERS_MANAGE = builtIn(Permissions.MEMBERS_MANAGE, PermissionScope.ORGANIZATION, "List, invite, change the role of and remove members");
    public static final Permission WORKSPACES_CREATE = builtIn(Permissions.WORKSPACES_CREATE, PermissionScope.ORGANIZATION, "Create workspaces");
    public static final Permission WORKSPACES_ARCHIVE = builtIn(Permissions.WORKSPACES_ARCHIVE, PermissionScope.ORGANIZATION, "Archive workspaces");
    public static final Permission ADMIN_KEYS_MANAGE = builtIn(Permissions.ADMIN_KEYS_MANAGE, PermissionScope.ORGANIZATION, "Create, list and revoke Admin API keys");
    public static final Permission AUDIT_READ = builtIn(Permissions.AUDIT_READ, PermissionScope.ORGANIZATION, "Read the audit log");
    public static final Permission ACCESS_REVIEW_READ = builtIn(Permissions.ACCESS_REVIEW_READ, PermissionScope.ORGANIZATION, "Read the access review");
    public static final Permission BILLING_READ = builtIn(Permissions.BILLING_READ, PermissionScope.ORGANIZATION, "See billing details");
    public static final Permission BILLING_MANAGE = builtIn(Permissions.BILLING_MANAGE, PermissionScope.ORGANIZATION, "Edit company, address and tax id");

    public static final Permission WORKSPACE_READ = builtIn(Permissions.WORKSPACE_READ, PermissionScope.WORKSPACE, "See the workspace and its members");
    public static final Permission WORKBENCH_USE = builtIn(Permissions.WORKBENCH_USE, PermissionScope.WORKSPACE, "Use Workbench");
    public static final Permission USAGE_READ = builtIn(Permissions.USAGE_READ, PermissionScope.WORKSPACE, "See usage");
    public static final Permission COST_READ = builtIn(Permissions.COST_READ, PermissionScope.WORKSPACE, "See cost");
    public static final Permission LIMITS_READ = builtIn(Permissions.LIMITS_READ, PermissionScope.WORKSPACE, "See limits");
    public static final Permission API_KEYS_READ = builtIn(Permissions.API_KEYS_READ, PermissionScope.WORKSPACE, "See API keys");
    public static final Permission API_KEYS_MANAGE = builtIn(Permissions.API_KEYS_MANAGE, PermissionScope.WORKSPACE, "Create and manage API keys");
    public static final Permission WORKSPACE_MANAGE = builtIn(Permissions.WORKSPACE_MANAGE, PermissionScope.WORKSPACE, "Rename the workspace and set its limits");
    public static final Permission WORKSPACE_MEMBERS_MANAGE = builtIn(Permissions.WORKSPACE_MEMBERS_MANAGE, PermissionScope.WORKSPACE, "Add, change and remove workspace members");

    private static final int BUILT_IN = CATALOG.size();

    private final String value;
    private final PermissionScope scope;
    private final String description;
    private final int index;
    private final String module;

    private Permission(String value, PermissionScope scope, String description, int index, String module) {
        this.value = value;
        this.scope = scope;
        this.description = description;
        this.index = index;
        this.module = module;
    }

    private static Permission builtIn(String value, PermissionScope scope, String description) {
        return add(value, scope, description, null);
    }

    private static synchronized Permission add(String value, PermissionScope scope, String description, String module) {
        if (CATALOG.size() >= MAX) {
            throw new IllegalStateException("the permission catalog holds at most " + MAX + " permissions; " + value + " is one too many");
        }
        Permission permission = new Permission(value, scope, description, CATALOG.size(), module);
        CATALOG.add(permission);
        BY_VALUE.put(value, permission);
        values = CATALOG.toArray(new Permission[0]);
        return permission;
    }

    /**
     * Declares a module's permission (a name {@code module:action}, its scope, what it allows): it joins the catalog,
     * granted by {@code admin} and by custom roles that list it, by no other built-in role. Declaring the same name
     * again with the same scope answers the one already declared; a built-in name, another scope, or a malformed name
     * is refused.
     */
    public static synchronized Permission declare(String value, PermissionScope scope, String description, String module) {
        Objects.requireNonNull(scope, "scope");
        if (value == null || !NAME.matcher(value).matches()) {
            throw new IllegalArgumentException("a permission is named resource:action in lower case: " + value);
        }
        Permission known = BY_VALUE.get(value);
        if (known != null) {
            if (known.builtIn() || known.scope != scope) {
                throw new IllegalArgumentException("permission " + value + " is already declared " + (known.builtIn() ? "(built in)" : "with scope " + known.scope));
            }
            return known;
        }
        return add(value, scope, description == null ? value : description, module == null ? "module" : module);
    }

    /** The wire name, {@code resource:action}. */
    public String value() {
        return value;
    }

    public PermissionScope scope() {
        return scope;
    }

    public String description() {
        return description;
    }

    /** The permission's place in the catalog (the built-in ones first). */
    public int index() {
        return index;
    }

    /** Whether it is one of roles.md's (else a module declared it). */
    public boolean builtIn() {
        return module == null;
    }

    /** The module that declared it; null for a built-in one. */
    public String module() {
        return module;
    }

    /** Every permission of the catalog, the built-in ones first. */
    public static Permission[] values() {
        return values.clone();
    }

    /** The built-in permissions, in catalog order. */
    public static List<Permission> builtInValues() {
        return List.of(values).subList(0, BUILT_IN);
    }

    public static Optional<Permission> fromValue(String value) {
        return value == null ? Optional.empty() : Optional.ofNullable(BY_VALUE.get(value));
    }

    @Override
    public int compareTo(Permission other) {
        return Integer.compare(index, other.index);
    }

    @Override
    public String toString() {
        return value;
    }
}
