package dev.accessconsole.domain.model;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

import java.time.Instant;

/**
 * Who created, last changed and archived a thing, and when, as the Admin API shows it ({@code created_by_actor_id}, …):
 * service accounts, federation issuers and rules.
 */
@Embeddable
public class Stamps {

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "created_by_actor_id", length = 64)
    private String createdBy;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "updated_by_actor_id", length = 64)
    private String updatedBy;

    @Column(name = "archived_at")
    private Instant archivedAt;

    @Column(name = "archived_by_actor_id", length = 64)
    private String archivedBy;

    protected Stamps() {
    }

    public static Stamps created(String actorId, Instant now) {
        Stamps stamps = new Stamps();
        stamps.createdAt = now;
        stamps.createdBy = actorId;
        stamps.updatedAt = now;
        stamps.updatedBy = actorId;
        return stamps;
    }

    public void touched(String actorId, Instant now) {
        this.updatedAt = now;
        this.updatedBy = actorId;
    }

    public void archive(String actorId, Instant now) {
        this.archivedAt = now;
        this.archivedBy = actorId;
        touched(actorId, now);
    }

    public Instant createdAt() { return createdAt; }
    public String createdBy() { return createdBy; }
    public Instant updatedAt() { return updatedAt; }
    public String updatedBy() { return updatedBy; }
    public Instant archivedAt() { return archivedAt; }
    public String archivedBy() { return archivedBy; }
    public boolean archived() { return archivedAt != null; }
}
