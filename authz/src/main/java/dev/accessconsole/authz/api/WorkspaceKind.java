package dev.accessconsole.authz.api;

/** The three kinds of workspace every organization has (roles.md, "Workspaces"). */
public enum WorkspaceKind {
    /** Created with the organization; no member list, access follows the org role. */
    DEFAULT,
    /** Created by org admins; members are added explicitly. */
    STANDARD,
    /** Created on the first Claude Code sign-in; org billing never enters it. */
    CLAUDE_CODE
}
