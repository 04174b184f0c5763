package dev.accessconsole.web.interfaces.rest.json;

import dev.accessconsole.domain.application.WorkspaceMemberService;

/** {@code {"type":"workspace_member","user_id","workspace_id","workspace_role"}}. */
public record WorkspaceMemberJson(String type, String userId, String workspaceId, String workspaceRole) {

    public static WorkspaceMemberJson of(WorkspaceMemberService.View view) {
        return new WorkspaceMemberJson("workspace_member", view.userId(), view.workspaceId(), view.role().value());
    }
}
