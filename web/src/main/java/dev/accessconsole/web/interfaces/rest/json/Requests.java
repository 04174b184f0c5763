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

    public record CreateInvite(@Schema(maxLength = 320) String email, String role,
                               @Schema(description = "Direct groups the invitee joins on acceptance") java.util.List<String> rbacGroupIds) {
    }

    /** A group: its name and, this product's addition to the official body, the roles it carries. */
    /** A custom role: a display name and permissions of the catalog (GET /v1/roles), never members:manage or admin_keys:manage. */
    public record CreateRbacRole(@Schema(maxLength = 255, description = "Unique in the organization, compared as emails are") String displayName,
                                 @Schema(description = "Permission names, e.g. audit:read") java.util.List<String> permissions) {
    }

    /** Every field optional: a new display name and/or the role's permissions (replacing them). */
    public record UpdateRbacRole(@Schema(maxLength = 255) String displayName, java.util.List<String> permissions) {
    }

    public record CreateRbacGroup(@Schema(maxLength = 255, description = "Unique in the organization, compared as emails are") String name,
                                  @Schema(description = "Role ids from rbac_roles, e.g. role_developer") java.util.List<String> roleIds) {
    }

    /** Every field optional: a new name (direct groups only) and/or the roles the group carries (any group). */
    public record UpdateRbacGroup(@Schema(maxLength = 255) String name, java.util.List<String> roleIds) {
    }

    public record AddRbacGroupMember(@Schema(maxLength = 40) String userId) {
    }

    public record CreateScimToken(@Schema(maxLength = 255) String name) {
    }

    public record SignInSettings(@Schema(maxLength = 512, description = "The identity provider's issuer, as its tokens name it") String issuer,
                                 @Schema(maxItems = 50) java.util.List<String> emailDomains,
                                 @Schema(enumeration = {"user", "claude_code_user", "developer"}) String defaultRole,
                                 @Schema(maxLength = 255, description = "Default groups") String groupsClaim) {
    }

    public record CreateWorkspace(@Schema(maxLength = 40, description = "Counted in UTF-16 code units, as stored") String name,
                                  @Schema(maxLength = 7, pattern = "^#[0-9A-Fa-f]{6}$") String displayColor,
                                  @Schema(description = "At most 50; keys 1-128, values up to 256 UTF-16 code units; keys may not begin with anthropic")
                                  java.util.Map<String, String> tags,
                                  DataResidency dataResidency,
                                  @Schema(maxLength = 255, description = "Write-once") String externalKeyId) {
    }

    /** Every field optional: what is named changes, the rest stays. */
    public record UpdateWorkspace(@Schema(maxLength = 40, description = "Counted in UTF-16 code units, as stored") String name,
                                  @Schema(maxLength = 7, pattern = "^#[0-9A-Fa-f]{6}$") String displayColor,
                                  @Schema(description = "Replaces the tags: at most 50; keys 1-128, values up to 256 UTF-16 code units; keys may not begin with anthropic")
                                  java.util.Map<String, String> tags,
                                  DataResidency dataResidency,
                                  @Schema(maxLength = 255, description = "Write-once") String externalKeyId) {
    }

    /** allowed_inference_geos: "unrestricted" or a list of global / us; workspace_geo only when the workspace is created. */
    public record DataResidency(@Schema(enumeration = {"us"}) String workspaceGeo,
                                @Schema(description = "\"unrestricted\" or an array of \"global\" and \"us\"") jakarta.json.JsonValue allowedInferenceGeos,
                                @Schema(enumeration = {"global", "us"}) String defaultInferenceGeo) {
    }

    public record AddWorkspaceMember(@Schema(maxLength = 40) String userId, String workspaceRole) {
    }

    public record UpdateWorkspaceMember(String workspaceRole) {
    }

    /** The workspace this key goes into (null: the Default workspace) is where api_keys:manage is decided. */
    public record CreateApiKey(@Schema(maxLength = 500, description = "Counted in UTF-16 code units, as stored") String name, @Schema(maxLength = 40) String workspaceId,
                               @Schema(format = "date-time", description = "RFC 3339, in the future; absent: the key never expires") String expiresAt,
                               @Schema(maxLength = 40, description = "A key of this service account, which must be able to use the workspace") String serviceAccountId)
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

    public record CreateServiceAccount(@Schema(maxLength = 255, description = "Counted in UTF-16 code units, as stored") String name,
                                       @Schema(maxLength = 1000) String description,
                                       @Schema(enumeration = {"developer", "admin"}, description = "Default developer") String organizationRole) {
    }

    public record UpdateServiceAccount(@Schema(maxLength = 1000) String description,
                                       @Schema(enumeration = {"developer", "admin"}) String organizationRole) {
    }

    /** A service account joining a workspace, named in the body: where workspace_members:manage is decided. */
    public record AddServiceAccountToWorkspace(@Schema(maxLength = 40) String workspaceId,
                                               @Schema(enumeration = {"workspace_user", "workspace_restricted_developer", "workspace_developer", "workspace_admin"})
                                               String workspaceRole) implements WorkspaceScoped {
    }

    public record AddWorkspaceServiceAccount(@Schema(maxLength = 40) String serviceAccountId,
                                             @Schema(enumeration = {"workspace_user", "workspace_restricted_developer", "workspace_developer", "workspace_admin"})
                                             String workspaceRole) {
    }

    public record UpdateWorkspaceServiceAccount(@Schema(enumeration = {"workspace_user", "workspace_restricted_developer", "workspace_developer", "workspace_admin"})
                                                String workspaceRole) {
    }

    /** Limiters of one rate-limit group to set or clear; the others keep their value. */
    public record SetRateLimits(@Schema(maxItems = 16) java.util.List<RateLimitValue> limits) {
    }

    /** value: a whole number to set, null to clear the workspace's override (the organization's value applies). */
    public record RateLimitValue(@Schema(enumeration = {"requests_per_minute", "input_tokens_per_minute", "output_tokens_per_minute"}) String type,
                                 @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.INTEGER, nullable = true)
                                 jakarta.json.JsonValue value) {
    }
}
