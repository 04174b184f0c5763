package dev.accessconsole.web.interfaces.rest.json;

import dev.accessconsole.authz.api.WorkspaceKind;
import dev.accessconsole.domain.model.ApiKey;

import java.time.Instant;

/**
 * An API key in the Admin API's shape; keys of the Default workspace show {@code workspace_id: null} and an
 * organization scope. The secret is never here: only {@link ApiKeyCreatedJson}, once, carries it.
 */
public record ApiKeyJson(String id, String type, String name, String workspaceId, Instant createdAt, Creator createdBy,
                         String partialKeyHint, String status, Instant expiresAt, Scope scope) {

    public record Creator(String id, String type) {
    }

    public record Scope(String type, String workspaceId) {
    }

    public static ApiKeyJson of(ApiKey key) {
        boolean inDefault = key.workspace().kind() == WorkspaceKind.DEFAULT;
        String workspaceId = inDefault ? null : key.workspace().id();
        return new ApiKeyJson(key.id(), "api_key", key.name(), workspaceId, key.createdAt(),
                new Creator(key.createdById(), "user"), key.partialKeyHint(), key.status().value(), key.expiresAt(),
                inDefault ? new Scope("organization", null) : new Scope("workspace", workspaceId));
    }
}
