package dev.accessconsole.domain.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * An organization's SCIM token (roles.md, "SCIM 2.0"): lets its identity provider provision people and groups at
 * {@code /scim/v2}, and nothing else. Created by signed-in admins; the secret is shown once and only its hash is kept.
 */
@Entity
@Table(name = "scim_tokens")
public class ScimToken {

    public static final String PREFIX = "sk-ant-scim01-";

    @Id
    @Column(length = 40)
    private String id;

    @Column(name = "organization_id", nullable = false, length = 36)
    private String organizationId;

    @Column(nullable = false)
    private String name;

    @Column(name = "secret_hash", nullable = false, length = 64)
    private String secretHash;

    @Column(name = "partial_key_hint", nullable = false, length = 64)
    private String partialKeyHint;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "created_by", length = 64)
    private String createdBy;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    protected ScimToken() {
    }

    /** A new token and its secret, which exists only in this answer. */
    public record Created(ScimToken token, String secret) {
    }

    public static Created create(String organizationId, String name, String createdBy, Instant now) {
        String secret = Secrets.newSecret(PREFIX);
        ScimToken token = new ScimToken();
        token.id = "scimtok_" + Ids.next();
        token.organizationId = organizationId;
        token.name = name;
        token.secretHash = Secrets.hash(secret);
        token.partialKeyHint = Secrets.hint(PREFIX, secret);
        token.createdAt = now;
        token.createdBy = createdBy;
        return new Created(token, secret);
    }

    public void revoke(Instant now) {
        if (revokedAt == null) {
            revokedAt = now;
        }
    }

    public String id() {
        return id;
    }

    public String organizationId() {
        return organizationId;
    }

    public String name() {
        return name;
    }

    public String secretHash() {
        return secretHash;
    }

    public String partialKeyHint() {
        return partialKeyHint;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant revokedAt() {
        return revokedAt;
    }

    public boolean active() {
        return revokedAt == null;
    }
}
