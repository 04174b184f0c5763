package dev.accessconsole.web.interfaces.rest.json;

import dev.accessconsole.domain.model.AdminApiKey;

import java.time.Instant;

/** An Admin API key; {@code secret} is filled only in the creating response. */
public record AdminKeyJson(String id, String type, String name, Instant createdAt, ApiKeyJson.Creator createdBy,
                           String partialKeyHint, String status, Instant revokedAt, String secret) {

    public static AdminKeyJson of(AdminApiKey key) {
        return new AdminKeyJson(key.id(), "admin_api_key", key.name(), key.createdAt(), new ApiKeyJson.Creator(key.createdById(), "user"),
                key.partialKeyHint(), key.status(), key.revokedAt(), null);
    }

    public static AdminKeyJson created(AdminApiKey.Created created) {
        AdminKeyJson key = of(created.key());
        return new AdminKeyJson(key.id(), key.type(), key.name(), key.createdAt(), key.createdBy(), key.partialKeyHint(),
                key.status(), key.revokedAt(), created.secret());
    }

    @Override
    public String toString() {
        return "AdminKeyJson[" + id + "]";
    }
}
