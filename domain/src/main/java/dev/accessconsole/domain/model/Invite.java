package dev.accessconsole.domain.model;

import dev.accessconsole.authz.api.OrgRole;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.time.Duration;
import java.time.Instant;

/** An invitation of an email address into an organization with a role; expires 21 days after creation. */
@Entity
@Table(name = "invites")
public class Invite {

    public static final Duration LIFETIME = Duration.ofDays(21);

    public enum Status {
        PENDING, ACCEPTED, EXPIRED, DELETED;

        public String value() {
            return name().toLowerCase(java.util.Locale.ROOT);
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

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "organization_id")
    private Organization organization;

    @Column(nullable = false, length = 320)
    private String email;

    @Column(nullable = false, length = 32)
    private String role;

    /** Stored status; "expired" is derived from the clock, see {@link #status(Instant)}. */
    @Column(nullable = false, length = 16)
    private String status;

    @Column(name = "invited_at", nullable = false)
    private Instant invitedAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "accepted_at")
    private Instant acceptedAt;

    @Column(name = "invited_by", length = 40)
    private String invitedBy;

    /** The groups the invitee joins on acceptance, space-separated (ids have no spaces). */
    @Column(name = "rbac_group_ids", length = 4000)
    private String rbacGroupIds;

    protected Invite() {
    }

    /** The groups the invitee joins when accepting. */
    public java.util.List<String> rbacGroupIds() {
        return rbacGroupIds == null || rbacGroupIds.isBlank() ? java.util.List.of() : java.util.List.of(rbacGroupIds.trim().split(" "));
    }

    public void rbacGroupIds(java.util.List<String> groupIds) {
        this.rbacGroupIds = String.join(" ", groupIds);
    }

    public Invite(Organization organization, String email, OrgRole role, String invitedBy, Instant now) {
        this.id = Ids.invite();
        this.organization = organization;
        this.email = UserAccount.normalizeEmail(email);
        this.role = role.value();
        this.status = Status.PENDING.value();
        this.invitedAt = now;
        this.expiresAt = now.plus(LIFETIME);
        this.invitedBy = invitedBy;
        this.rbacGroupIds = "";
    }

    public Status status(Instant now) {
        Status stored = Status.valueOf(status.toUpperCase(java.util.Locale.ROOT));
        if (stored == Status.PENDING && !now.isBefore(expiresAt)) {
            return Status.EXPIRED;
        }
        return stored;
    }

    public void accept(Instant now) {
        this.status = Status.ACCEPTED.value();
        this.acceptedAt = now;
    }

    public void delete() {
        this.status = Status.DELETED.value();
    }

    public String id() {
        return id;
    }

    public Organization organization() {
        return organization;
    }

    public String email() {
        return email;
    }

    public OrgRole role() {
        return OrgRole.fromValue(role).orElseThrow();
    }

    public Instant invitedAt() {
        return invitedAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public Instant acceptedAt() {
        return acceptedAt;
    }

    public String invitedBy() {
        return invitedBy;
    }
}
