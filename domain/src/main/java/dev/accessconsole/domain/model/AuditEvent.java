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

    /** Its place in the organization's audit stream (numbered by the webhook dispatcher once committed); null before. */
    @Column(name = "stream_seq")
    private Long streamSeq;

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
    public Long streamSeq() { return streamSeq; }

    public void streamSeq(long seq) {
        this.streamSeq = seq;
    }

    /** The event as the audit log API shows it ({@code GET /v1/organizations/audit_events}) and the audit stream sends it. */
    public jakarta.json.JsonObject toJson() {
        jakarta.json.JsonValue parsed = jakarta.json.JsonValue.NULL;
        if (details != null) {
            try (var reader = JsonBuilders.reader(details)) {
                parsed = reader.readValue();
            } catch (RuntimeException notJson) {
                parsed = JsonBuilders.string(details);
            }
        }
        var json = JsonBuilders.object()
                .add("id", id)
                .add("type", "audit_event")
                .add("action", action)
                .add("actor", nullable(JsonBuilders.object().add("type", actorKind), "id", actorId))
                .add("target", nullable(nullable(JsonBuilders.object(), "type", targetType), "id", targetId))
                .add("outcome", outcome)
                .add("details", parsed);
        return nullable(json, "request_id", requestId).add("occurred_at", occurredAt.toString()).build();
    }

    private static jakarta.json.JsonObjectBuilder nullable(jakarta.json.JsonObjectBuilder json, String name, String value) {
        return value == null ? json.addNull(name) : json.add(name, value);
    }
}
