package dev.accessconsole.authz.api;

/** The facts about one workspace of the caller's organization that a decision needs. */
public record WorkspaceStanding(String workspaceId, WorkspaceKind kind, boolean archived) {
}
