package dev.accessconsole.web.interfaces.rest.json;

import dev.accessconsole.authz.api.WorkspaceKind;
import dev.accessconsole.domain.model.ApiKey;
import dev.accessconsole.domain.model.Time;

import java.time.Instant;

/**
 * An API key in the Admin API's shape. Keys of the Default workspace show {@code workspace_id: null} (as the Admin API
 * documents it) and a workspace scope naming the Default workspace's real id. The status is the one at the time of the
 * answer (expired once past {@code expires_at}). The secret is never here: only {@link ApiKeyCreatedJson}, once, carries it.
 */
public record ApiKeyJson(String id, String type, String name, String workspaceId, Instant createdAt, Creator createdBy,
                         String partialKeyHint, String status, Instant expiresAt, Scope scope, Principal principal) {

    public record Creator(String id, String type) {
    }

    public record Scope(String type, String workspaceId) {
    }

    /** Whom the key acts for: {@code user_actor} with user_id, or {@code service_account_actor} with service_account_id. */
    public record Principal(String type, String userId, String serviceAccountId) {
    }

    public static ApiKeyJson of(ApiKey key) {
        boolean inDefault = key.workspace().kind() == WorkspaceKind.DEFAULT;
        String creatorType = "user".equals(key.createdByType()) ? "user" : key.createdByType();
        String principalUser = key.boundUserId() != null ? key.boundUserId() : "user".equals(key.createdByType()) ? key.createdById() : null;
        return new ApiKeyJson(key.id(), "api_key", key.name(), inDefault ? null : key.workspace().id(), key.createdAt(),
                new Creator(key.createdById(), creatorType), key.partialKeyHint(), key.status(Time.now()).value(), key.expiresAt(),
                new Scope("workspace", key.workspace().id()),
                key.serviceAccountId() != null ? new Principal("service_account_actor", null, key.serviceAccountId())
                        : principalUser == null ? null : new Principal("user_actor", principalUser, null));
    }
}
