package dev.accessconsole.authz.impl;

import dev.accessconsole.authz.api.AccessContext;
import dev.accessconsole.authz.api.HeldPermissions;
import dev.accessconsole.authz.policy.AccessPolicy;
import dev.accessconsole.authz.api.MemberStanding;
import dev.accessconsole.authz.api.Permission;
import dev.accessconsole.authz.api.RequestRefused;
import dev.accessconsole.authz.api.WorkspaceScope;
import dev.accessconsole.authz.api.WorkspaceStanding;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/** The request's {@link AccessContext}: the standing the guard loaded, kept for the rest of the request. */
@RequestScoped
public class RequestAccessContext implements AccessContext {

    @Inject
    AccessGuard guard;

    private MemberStanding standing;
    private final Set<RequestRefused> reported = Collections.newSetFromMap(new IdentityHashMap<>());

    void establish(MemberStanding standing) {
        this.standing = standing;
    }

    MemberStanding current() {
        return standing;
    }

    /** True the first time a refusal is seen, so a refusal passing through nested guarded calls is reported once. */
    boolean firstReport(RequestRefused refusal) {
        return reported.add(refusal);
    }

    @Override
    public boolean established() {
        return standing != null;
    }

    /** The standing the guard established, or loads it now (authenticating the caller, refusals reported as usual). */
    @Override
    public MemberStanding standing() {
        return standing != null ? standing : guard.establishedStanding();
    }

    @Override
    public WorkspaceScope scope(Permission permission) {
        return guard.scope(permission);
    }

    @Override
    public WorkspaceScope reportScope(Permission permission) {
        return guard.scope(permission, true);
    }

    @Override
    public HeldPermissions held(String workspaceId) {
        WorkspaceStanding workspace = guard.visibleWorkspace(workspaceId);
        MemberStanding standing = standing();
        return new HeldPermissions(workspace, AccessPolicy.effectiveWorkspaceRole(standing, workspace).role(),
                AccessPolicy.permissionsIn(standing, workspace));
    }

    @Override
    public WorkspaceStanding visibleWorkspace(String workspaceId) {
        return guard.visibleWorkspace(workspaceId);
    }
}
