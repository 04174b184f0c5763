package dev.accessconsole.web.interfaces.rest.json;

import dev.accessconsole.domain.model.ApiKey;

import java.time.Instant;

/** The answer to creating a key: the key and, this once, its secret. */
public record ApiKeyCreatedJson(String id, String type, String name, String workspaceId, Instant createdAt,
                                ApiKeyJson.Creator createdBy, String partialKeyHint, String status, Instant expiresAt,
                                ApiKeyJson.Scope scope, String secret) {

    public static ApiKeyCreatedJson of(ApiKey.Created created) {
        ApiKeyJson key = ApiKeyJson.of(created.key());
        return new ApiKeyCreatedJson(key.id(), key.type(), key.name(), key.workspaceId(), key.createdAt(), key.createdBy(),
                key.partialKeyHint(), key.status(), key.expiresAt(), key.scope(), created.secret());
    }

    @Override
    public String toString() {
        return "ApiKeyCreatedJson[" + id + "]";
    }

}
