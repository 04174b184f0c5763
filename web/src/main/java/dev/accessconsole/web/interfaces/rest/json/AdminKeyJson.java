package dev.accessconsole.web.interfaces.rest.json;

import dev.accessconsole.domain.model.AdminApiKey;

import java.time.Instant;

/** An Admin API key as listed: never its secret (see {@link AdminKeyCreatedJson}). */
public record AdminKeyJson(String id, String type, String name, Instant createdAt, ApiKeyJson.Creator createdBy,
                           String partialKeyHint, String status, Instant revokedAt) {

    public static AdminKeyJson of(AdminApiKey key) {
        return new AdminKeyJson(key.id(), "admin_api_key", key.name(), key.createdAt(), new ApiKeyJson.Creator(key.createdById(), "user"),
                key.partialKeyHint(), key.status(), key.revokedAt());
    }
}
