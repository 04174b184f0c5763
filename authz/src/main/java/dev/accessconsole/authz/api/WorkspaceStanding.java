package dev.accessconsole.authz.api;

/** The facts about one workspace that a decision needs; {@code explicitRole} is null without an explicit membership. */
public record WorkspaceStanding(String workspaceId, WorkspaceKind kind, boolean archived, WorkspaceRole explicitRole) {
}
