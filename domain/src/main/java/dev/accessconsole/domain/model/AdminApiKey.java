package dev.accessconsole.domain.model;

import jakarta.persistence.Column;
import org.hibernate.annotations.NaturalId;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** An Admin API key: automation acting as an admin of one organization, with the Admin API restrictions. */
@Entity
@Table(name = "admin_api_keys")
public class AdminApiKey {

    public static final String ACTIVE = "active";
    public static final String REVOKED = "revoked";

    @Id
    @Column(length = 40)
    private String id;

    @Column(name = "organization_id", nullable = false, length = 36)
    private String organizationId;

    @Column(nullable = false, length = 500)
    private String name;

    @NaturalId
    @Column(name = "secret_hash", nullable = false, length = 64)
    private String secretHash;

    @Column(name = "partial_key_hint", nullable = false, length = 64)
    private String partialKeyHint;

    @Column(nullable = false, length = 16)
    private String status;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "created_by_id", nullable = false, length = 40)
    private String createdById;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    protected AdminApiKey() {
    }

    public static Created create(String organizationId, String name, String createdByUserId, Instant now) {
        String secret = Secrets.newSecret(Secrets.ADMIN_KEY_PREFIX);
        AdminApiKey key = new AdminApiKey();
        key.id = "adminkey_" + Ids.next();
        key.organizationId = organizationId;
        key.name = name;
        key.secretHash = Secrets.hash(secret);
        key.partialKeyHint = Secrets.hint(Secrets.ADMIN_KEY_PREFIX, secret);
        key.status = ACTIVE;
        key.createdAt = now;
        key.createdById = createdByUserId;
        return new Created(key, secret);
    }

    public record Created(AdminApiKey key, String secret) {
        @Override
        public String toString() {
            return "Created[" + key.id + "]";
        }
    }

    public void revoke(Instant now) {
        this.status = REVOKED;
        this.revokedAt = now;
    }

    public String id() { return id; }
    public String organizationId() { return organizationId; }
    public String name() { return name; }
    public String partialKeyHint() { return partialKeyHint; }
    public String secretHash() { return secretHash; }
    public String status() { return status; }
    public Instant createdAt() { return createdAt; }
    public String createdById() { return createdById; }
    public Instant revokedAt() { return revokedAt; }
}
