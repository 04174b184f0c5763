package dev.accessconsole.web.interfaces.rest.json;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import dev.accessconsole.authz.api.WorkspaceScoped;

/** Request bodies. Unknown fields are ignored; fields a caller may not set (ids, creators) simply do not exist here. */
public final class Requests {

    private Requests() {
    }

    public record CreateOrganization(@Schema(maxLength = 255, description = "Counted in UTF-16 code units, as stored") String name) {
    }

    public record UpdateUser(String role) {
    }

    public record CreateInvite(@Schema(maxLength = 320) String email, String role) {
    }

    public record CreateWorkspace(@Schema(maxLength = 40, description = "Counted in UTF-16 code units, as stored") String name, @Schema(maxLength = 7) String displayColor) {
    }

    public record UpdateWorkspace(@Schema(maxLength = 40, description = "Counted in UTF-16 code units, as stored") String name) {
    }

    public record AddWorkspaceMember(@Schema(maxLength = 40) String userId, String workspaceRole) {
    }

    public record UpdateWorkspaceMember(String workspaceRole) {
    }

    /** The workspace this key goes into (null: the Default workspace) is where api_keys:manage is decided. */
    public record CreateApiKey(@Schema(maxLength = 500, description = "Counted in UTF-16 code units, as stored") String name, @Schema(maxLength = 40) String workspaceId)
            implements WorkspaceScoped {

        /** Absent and blank both name the Default workspace (null), for the guard and the service alike. */
        @Override
        public String workspaceId() {
            return workspaceId == null || workspaceId.isBlank() ? null : workspaceId;
        }
    }

    public record UpdateApiKey(@Schema(maxLength = 500, description = "Counted in UTF-16 code units, as stored") String name, String status) {
    }

    public record CreateAdminKey(@Schema(maxLength = 500, description = "Counted in UTF-16 code units, as stored") String name) {
    }
}
