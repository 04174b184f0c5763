package dev.accessconsole.authz.impl;

import dev.accessconsole.authz.api.AccessContext;
import dev.accessconsole.authz.api.HeldPermissions;
import dev.accessconsole.authz.policy.AccessPolicy;
import dev.accessconsole.authz.api.MemberStanding;
import dev.accessconsole.authz.api.Permission;
import dev.accessconsole.authz.api.RequestRefused;
import dev.accessconsole.authz.api.WorkspaceScope;
import dev.accessconsole.authz.api.WorkspaceStanding;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;


/**
 * The request's {@link AccessContext}: answers from the request's {@link RequestState} (the standing the guard loaded
 * is kept there for the rest of the request).
 */
@ApplicationScoped
public class RequestAccessContext implements AccessContext {

    @Inject
    AccessGuard guard;

    @Inject
    Instance<RequestState> states;

    @Inject
    BeanManager beans;

    private final CurrentReference<RequestState> stateReference = new CurrentReference<>();

    /** For container-free tests: the state of the one request they play. */
    RequestState fixed;

    /** The state of the current request: its HTTP frame, else the request-scoped bean (no request: ContextNotActiveException). */
    RequestState state() {
        if (fixed != null) {
            return fixed;
        }
        RequestState framed = RequestState.framed();
        return framed != null ? framed : stateReference.get(states, beans);
    }

    void establish(MemberStanding standing) {
        state().establish(standing);
    }

    MemberStanding current() {
        return state().standing();
    }

    boolean firstReport(RequestRefused refusal) {
        return state().firstReport(refusal);
    }

    @Override
    public boolean established() {
        return current() != null;
    }

    /** The standing the guard established, or loads it now (authenticating the caller, refusals reported as usual). */
    @Override
    public MemberStanding standing() {
        MemberStanding standing = current();
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
        java.util.Set<Permission> permissions = AccessPolicy.permissionsIn(standing, workspace);
        java.util.Map<Permission, java.util.List<String>> grants = new java.util.TreeMap<>();
        for (Permission permission : permissions) {
            grants.put(permission, AccessPolicy.decide(standing, permission, workspace).sources());
        }
        return new HeldPermissions(workspace, AccessPolicy.effectiveWorkspaceRole(standing, workspace).role(), permissions, grants);
    }

    @Override
    public WorkspaceStanding visibleWorkspace(String workspaceId) {
        return guard.visibleWorkspace(workspaceId);
    }
}
