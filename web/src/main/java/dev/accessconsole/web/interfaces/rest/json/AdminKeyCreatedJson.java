package dev.accessconsole.web.interfaces.rest.json;

import dev.accessconsole.domain.model.AdminApiKey;

import java.time.Instant;

/** The answer to creating an Admin API key: the key and, this once, its secret. */
public record AdminKeyCreatedJson(String id, String type, String name, Instant createdAt, ApiKeyJson.Creator createdBy,
                                  String partialKeyHint, String status, Instant revokedAt, String secret) {

    public static AdminKeyCreatedJson of(AdminApiKey.Created created) {
        AdminKeyJson key = AdminKeyJson.of(created.key());
        return new AdminKeyCreatedJson(key.id(), key.type(), key.name(), key.createdAt(), key.createdBy(), key.partialKeyHint(),
                key.status(), key.revokedAt(), created.secret());
    }

    @Override
    public String toString() {
        return "AdminKeyCreatedJson[" + id + "]";
    }
}
