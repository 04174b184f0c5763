package dev.accessconsole.authz.api;

/**
 * Permission names as compile-time constants, so that they can be used in {@link RequiresPermission}.
 * {@link Permission} is the typed catalog behind them.
 */
public final class Permissions {
    public static final String ORGANIZATION_READ = "organization:read";
    public static final String CLAUDE_CODE_USE = "claude_code:use";
    public static final String MEMBERS_MANAGE = "members:manage";
    public static final String WORKSPACES_CREATE = "workspaces:create";
    public static final String WORKSPACES_ARCHIVE = "workspaces:archive";
    public static final String ADMIN_KEYS_MANAGE = "admin_keys:manage";
    public static final String AUDIT_READ = "audit:read";
    public static final String ACCESS_REVIEW_READ = "access_review:read";
    public static final String BILLING_READ = "billing:read";
    public static final String BILLING_MANAGE = "billing:manage";

    public static final String WORKSPACE_READ = "workspace:read";
    public static final String WORKBENCH_USE = "workbench:use";
    public static final String USAGE_READ = "usage:read";
    public static final String COST_READ = "cost:read";
    public static final String LIMITS_READ = "limits:read";
    public static final String API_KEYS_READ = "api_keys:read";
    public static final String API_KEYS_MANAGE = "api_keys:manage";
    public static final String WORKSPACE_MANAGE = "workspace:manage";
    public static final String WORKSPACE_MEMBERS_MANAGE = "workspace_members:manage";

    private Permissions() {
    }
}
