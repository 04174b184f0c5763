package dev.accessconsole.authz.api;

/**
 * The caller of the current request as the guard established it (once per request), and the questions guarded code
 * asks about it. Every answer comes from the policy; nothing here can be set from outside the authz module.
 */
public interface AccessContext {

    /** True once a guarded call established who calls in which organization. */
    boolean established();

    /** The caller's standing, loaded once per request (by the first guarded call, or by this call when none came first). */
    MemberStanding standing();

    default String organizationId() {
        return standing().organizationId();
    }

    default String principalId() {
        return standing().principalId();
    }

    default boolean isAdminApiKey() {
        return standing().isAdminApiKey();
    }

    /**
     * The workspaces the caller may see for a workspace-level permission, for a list to filter by. A caller whose scope
     * is empty is refused (403 naming the permission, audited like any refusal).
     */
    WorkspaceScope scope(Permission permission);

    /** The workspaces whose rows an organization-wide usage or cost report shows the caller; refused like {@link #scope} when none. */
    WorkspaceScope reportScope(Permission permission);

    /** What the caller holds in a workspace it can see (null: Default); refused as not found otherwise, like one that does not exist. */
    HeldPermissions held(String workspaceId);

    /** A workspace of the caller's organization that the caller can see (null: Default); refused as not found otherwise. */
    WorkspaceStanding visibleWorkspace(String workspaceId);
}
