package dev.accessconsole.domain.model;

import dev.accessconsole.authz.api.OrgRole;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * A non-human principal of one organization (roles.md, "Service accounts"): an org role of developer or admin, a name
 * and a description. It never signs in; its API keys act for it while it may use their workspace. Archiving is final.
 */
@Entity
@Table(name = "service_accounts")
public class ServiceAccount {

    @Id
    @Column(length = 40)
    private String id;

    @Column(name = "organization_id", nullable = false, length = 36)
    private String organizationId;

    @Column(nullable = false)
    private String name;

    @Column(length = 1000)
    private String description;

    @Column(name = "organization_role", nullable = false, length = 32)
    private String organizationRole;

    @jakarta.persistence.Embedded
    private Stamps stamps;

    protected ServiceAccount() {
    }

    public ServiceAccount(String organizationId, String name, String description, OrgRole role, String actorId, Instant now) {
        this.id = Ids.serviceAccount();
        this.organizationId = organizationId;
        this.name = name;
        this.description = description;
        this.organizationRole = role.value();
        this.stamps = Stamps.created(actorId, now);
    }

    public String id() { return id; }
    public String organizationId() { return organizationId; }
    public String name() { return name; }
    public String description() { return description; }
    public OrgRole organizationRole() { return OrgRole.fromValue(organizationRole).orElseThrow(); }
    public Instant createdAt() { return stamps.createdAt(); }
    public String createdBy() { return stamps.createdBy(); }
    public Instant updatedAt() { return stamps.updatedAt(); }
    public String updatedBy() { return stamps.updatedBy(); }
    public Instant archivedAt() { return stamps.archivedAt(); }
    public String archivedBy() { return stamps.archivedBy(); }

    public boolean archived() {
        return stamps.archived();
    }

    public void change(String newDescription, OrgRole newRole, String actorId, Instant now) {
        if (newDescription != null) {
            this.description = newDescription;
        }
        if (newRole != null) {
            this.organizationRole = newRole.value();
        }
        stamps.touched(actorId, now);
    }

    public void archive(String actorId, Instant now) {
        stamps.archive(actorId, now);
    }
}
