package dev.accessconsole.domain.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One change (or refusal) in an organization: who, what, on which target, with what outcome, when. */
@Entity
@Table(name = "audit_events")
public class AuditEvent {

    @Id
    @Column(length = 40)
    private String id;

    @Column(name = "organization_id", length = 36)
    private String organizationId;

    @Column(name = "actor_kind", nullable = false, length = 16)
    private String actorKind;

    @Column(name = "actor_id", length = 64)
    private String actorId;

    @Column(nullable = false, length = 64)
    private String action;

    @Column(name = "target_type", length = 32)
    private String targetType;

    @Column(name = "target_id", length = 128)
    private String targetId;

    @Column(nullable = false, length = 16)
    private String outcome;

    @Column(length = 4000)
    private String details;

    @Column(name = "request_id", length = 64)
    private String requestId;

    @Column(name = "occurred_at", nullable = false)
    private Instant occurredAt;

    protected AuditEvent() {
    }

    public AuditEvent(String organizationId, String actorKind, String actorId, String action, String targetType,
                      String targetId, String outcome, String details, String requestId, Instant now) {
        this.id = Ids.auditEvent();
        this.organizationId = organizationId;
        this.actorKind = actorKind;
        this.actorId = actorId;
        this.action = action;
        this.targetType = targetType;
        this.targetId = targetId;
        this.outcome = outcome;
        this.details = details == null || details.length() <= 4000 ? details : details.substring(0, 4000);
        this.requestId = requestId;
        this.occurredAt = now;
    }

    public String id() { return id; }
    public String organizationId() { return organizationId; }
    public String actorKind() { return actorKind; }
    public String actorId() { return actorId; }
    public String action() { return action; }
    public String targetType() { return targetType; }
    public String targetId() { return targetId; }
    public String outcome() { return outcome; }
    public String details() { return details; }
    public String requestId() { return requestId; }
    public Instant occurredAt() { return occurredAt; }
}
