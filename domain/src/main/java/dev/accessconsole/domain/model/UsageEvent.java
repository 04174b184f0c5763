package dev.accessconsole.domain.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One usage report of the inference gateway, keyed by the gateway's event id so that a retry counts once. */
@Entity
@Table(name = "usage_events")
public class UsageEvent {

    @Id
    @Column(name = "event_id", length = 100)
    private String eventId;

    @Column(name = "organization_id", nullable = false, length = 36)
    private String organizationId;

    @Column(name = "workspace_id", nullable = false, length = 40)
    private String workspaceId;

    @Column(name = "api_key_id", nullable = false, length = 40)
    private String apiKeyId;

    @Column(nullable = false, length = 100)
    private String model;

    @Column(name = "input_tokens", nullable = false)
    private long inputTokens;

    @Column(name = "output_tokens", nullable = false)
    private long outputTokens;

    @Column(name = "occurred_at", nullable = false)
    private Instant occurredAt;

    /** Minutes since the epoch: buckets are computed with integer arithmetic, the same on H2 and PostgreSQL. */
    @Column(name = "epoch_minute", nullable = false)
    private long epochMinute;

    protected UsageEvent() {
    }

    public UsageEvent(String eventId, String organizationId, String workspaceId, String apiKeyId, String model,
                      long inputTokens, long outputTokens, Instant occurredAt) {
        this.eventId = eventId;
        this.organizationId = organizationId;
        this.workspaceId = workspaceId;
        this.apiKeyId = apiKeyId;
        this.model = model;
        this.inputTokens = inputTokens;
        this.outputTokens = outputTokens;
        this.occurredAt = occurredAt;
        this.epochMinute = Math.floorDiv(occurredAt.getEpochSecond(), 60);
    }

    public String eventId() { return eventId; }
    public String organizationId() { return organizationId; }
    public String workspaceId() { return workspaceId; }
    public String apiKeyId() { return apiKeyId; }
    public String model() { return model; }
    public long inputTokens() { return inputTokens; }
    public long outputTokens() { return outputTokens; }
    public Instant occurredAt() { return occurredAt; }
}
