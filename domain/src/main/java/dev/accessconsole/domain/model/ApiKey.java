package dev.accessconsole.domain.model;

import jakarta.persistence.Column;
import org.hibernate.annotations.NaturalId;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Locale;

/** An API key of a workspace. Its secret is shown once, at creation; only the hash is kept. */
@Entity
@Table(name = "api_keys")
public class ApiKey {

    /** Stored: active, inactive, archived. Expired is not stored: an unarchived key past its {@code expires_at}. */
    public enum Status {
        ACTIVE, INACTIVE, ARCHIVED, EXPIRED;

        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static java.util.Optional<Status> fromValue(String value) {
            for (Status status : values()) {
                if (status.value().equals(value)) {
                    return java.util.Optional.of(status);
                }
            }
            return java.util.Optional.empty();
        }
    }

    @Id
    @Column(length = 40)
    private String id;

    @Column(name = "organization_id", nullable = false, length = 36)
    private String organizationId;

    @ManyToOne(fetch = FetchType.EAGER, optional = false)
    @JoinColumn(name = "workspace_id")
    private Workspace workspace;

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

    @Column(name = "created_by_type", nullable = false, length = 16)
    private String createdByType;

    @Column(name = "bound_user_id", length = 40)
    private String boundUserId;

    @Column(name = "expires_at")
    private Instant expiresAt;

    /** The service account the key acts for (null: not a service account's key). */
    @Column(name = "service_account_id", length = 40)
    private String serviceAccountId;

    protected ApiKey() {
    }

    /** Creates a key and returns it with its one-time secret. */
    public static Created create(Workspace workspace, String name, Actor creator, String boundUserId, Instant now) {
        return create(workspace, name, creator, boundUserId, null, now);
    }

    /** Creates a key that stops working at {@code expiresAt} (null: never). */
    public static Created create(Workspace workspace, String name, Actor creator, String boundUserId, Instant expiresAt, Instant now) {
        String secret = Secrets.newSecret(Secrets.API_KEY_PREFIX);
        ApiKey key = new ApiKey();
        key.id = "apikey_" + Ids.next();
        key.organizationId = workspace.organizationId();
        key.workspace = workspace;
        key.name = name;
        key.secretHash = Secrets.hash(secret);
        key.partialKeyHint = Secrets.hint(Secrets.API_KEY_PREFIX, secret);
        key.status = Status.ACTIVE.value();
        key.createdAt = now;
        key.createdById = creator.id();
        key.createdByType = creator.isAdminApiKey() ? "api_key" : "user";
        key.boundUserId = boundUserId;
        key.expiresAt = expiresAt;
        return new Created(key, secret);
    }

    /** Creates a key of a service account: it acts for the account, which shows as its creator. */
    public static Created forServiceAccount(Workspace workspace, String name, String serviceAccountId, Instant expiresAt, Instant now) {
        Created created = create(workspace, name, new Actor("service_account", serviceAccountId), null, expiresAt, now);
        created.key().createdByType = "service_account";
        created.key().serviceAccountId = serviceAccountId;
        return created;
    }

    /** A key together with the secret that exists only in the creating response. */
    public record Created(ApiKey key, String secret) {
        @Override
        public String toString() {
            return "Created[" + key.id + "]";
        }
    }

    public String id() { return id; }
    public String organizationId() { return organizationId; }
    public Workspace workspace() { return workspace; }
    public String name() { return name; }
    public String partialKeyHint() { return partialKeyHint; }
    /** The stored status (never expired). */
    public Status status() { return Status.fromValue(status).orElseThrow(); }

    /** The status the API shows at {@code now}: archived stays archived; otherwise expired once past expires_at. */
    public Status status(Instant now) {
        Status stored = status();
        return stored != Status.ARCHIVED && expired(now) ? Status.EXPIRED : stored;
    }

    public boolean expired(Instant now) {
        return expiresAt != null && !expiresAt.isAfter(now);
    }
    public Instant createdAt() { return createdAt; }
    public String createdById() { return createdById; }
    public String createdByType() { return createdByType; }
    public String boundUserId() { return boundUserId; }
    public Instant expiresAt() { return expiresAt; }
    public String serviceAccountId() { return serviceAccountId; }

    public void rename(String newName) {
        this.name = newName;
    }

    public void changeStatus(Status newStatus) {
        this.status = newStatus.value();
    }

    /**
     * A change of name and/or status asked through the API at {@code now} (null: unchanged), checked against the key's
     * rules: an archived key never changes again (and is never revived); a key of an archived workspace is read-only;
     * {@code expired} is a state, not a status one sets; an expired key can only be archived. Returns what changed, for
     * the audit log; refuses with the rule's error otherwise, changing nothing.
     */
    public java.util.Map<String, String> change(String newName, Status newStatus, Instant now) {
        if (status() == Status.ARCHIVED && (newStatus != null && newStatus != Status.ARCHIVED || newName != null)) {
            throw DomainException.invalid(ErrorCode.API_KEY_ARCHIVED, "An archived API key cannot be changed.");
        }
        if (workspace.archived()) {
            throw DomainException.invalid(ErrorCode.WORKSPACE_ARCHIVED, "Keys of an archived workspace cannot be changed.");
        }
        if (newStatus == Status.EXPIRED) {
            throw DomainException.invalid(ErrorCode.INVALID_STATUS, "status must be one of active, inactive, archived.");
        }
        if (expired(now) && status() != Status.ARCHIVED && (newStatus == Status.ACTIVE || newStatus == Status.INACTIVE)) {
            throw DomainException.invalidField("status", "An expired API key cannot be made active or inactive; archive it or create another.");
        }
        java.util.Map<String, String> changed = new java.util.LinkedHashMap<>();
        if (newName != null && !newName.equals(name)) {
            changed.put("name_before", name);
            changed.put("name_after", newName);
            rename(newName);
        }
        if (newStatus != null && newStatus != status()) {
            changed.put("status_before", status().value());
            changed.put("status_after", newStatus.value());
            changeStatus(newStatus);
        }
        return changed;
    }
}
