package dev.accessconsole.authz.api;


import java.util.List;

/** A member's effective role in one workspace (empty: no access) and the reasons that produced it. */
public record EffectiveRole(WorkspaceRole role, List<String> reasons) {

    public EffectiveRole {
        reasons = List.copyOf(reasons);
    }
}
