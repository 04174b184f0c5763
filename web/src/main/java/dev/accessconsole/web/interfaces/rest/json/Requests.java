package dev.accessconsole.web.interfaces.rest.json;

import dev.accessconsole.authz.api.WorkspaceScoped;

/** Request bodies. Unknown fields are ignored; fields a caller may not set (ids, creators) simply do not exist here. */
public final class Requests {

    private Requests() {
    }

    public record CreateOrganization(String name) {
    }

    public record UpdateUser(String role) {
    }

    public record CreateInvite(String email, String role) {
    }

    public record CreateWorkspace(String name, String displayColor) {
    }

    public record UpdateWorkspace(String name) {
    }

    public record AddWorkspaceMember(String userId, String workspaceRole) {
    }

    public record UpdateWorkspaceMember(String workspaceRole) {
    }

    /** The workspace this key goes into (null: the Default workspace) is where api_keys:manage is decided. */
    public record CreateApiKey(String name, String workspaceId) implements WorkspaceScoped {

        /** Absent and blank both name the Default workspace (null), for the guard and the service alike. */
        @Override
        public String workspaceId() {
            return workspaceId == null || workspaceId.isBlank() ? null : workspaceId;
        }
    }

    public record UpdateApiKey(String name, String status) {
    }

    public record CreateAdminKey(String name) {
    }
}
