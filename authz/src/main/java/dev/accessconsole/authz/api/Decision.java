package dev.accessconsole.authz.api;


import java.util.List;

/**
 * The answer of the decision service for one permission: the outcome, the effective workspace role it was decided with
 * (for workspace permissions), the chain of reasons in words an admin can read, and, when granted, what grants it (each
 * held role or membership by its source: "org role admin", "developer through group Engineering").
 */
public record Decision(Outcome outcome, Permission permission, WorkspaceRole effectiveWorkspaceRole, List<String> reasons,
                       List<String> sources) {

    public enum Outcome {
        /** The permission is held. */
        GRANTED,
        /** The caller may see the resource but lacks the permission: 403. */
        MISSING_PERMISSION,
        /** The caller may not see the workspace at all: 404. */
        NOT_VISIBLE
    }

    public Decision {
        reasons = List.copyOf(reasons);
        sources = List.copyOf(sources);
    }

    public boolean granted() {
        return outcome == Outcome.GRANTED;
    }
}
