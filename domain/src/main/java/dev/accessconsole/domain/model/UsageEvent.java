package dev.accessconsole.domain.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * One usage report of the inference gateway, keyed by its organization and the gateway's event id, so that a retry
 * counts once and another organization's event with the same id is another event.
 */
@Entity
@Table(name = "usage_events")
@IdClass(UsageEvent.Key.class)
public class UsageEvent {

    /** The primary key: organization and event id. */
    public static class Key implements java.io.Serializable {
        private String organizationId;
        private String eventId;

        public Key() {
        }

        public Key(String organizationId, String eventId) {
            this.organizationId = organizationId;
            this.eventId = eventId;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key that && java.util.Objects.equals(organizationId, that.organizationId)
                    && java.util.Objects.equals(eventId, that.eventId);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(organizationId, eventId);
        }
    }

    @Id
    @Column(name = "event_id", length = 100)
    private String eventId;

    @Id
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

    @Column(name = "service_tier", nullable = false, length = 20)
    private String serviceTier = "standard";

    @Column(name = "context_window", nullable = false, length = 10)
    private String contextWindow = "0-200k";

    @Column(name = "inference_geo", nullable = false, length = 20)
    private String inferenceGeo = "not_available";

    @Column(nullable = false, length = 10)
    private String speed = "standard";

    @Column(name = "cache_creation_1h_tokens", nullable = false)
    private long cacheCreation1hTokens;

    @Column(name = "cache_creation_5m_tokens", nullable = false)
    private long cacheCreation5mTokens;

    @Column(name = "cache_read_tokens", nullable = false)
    private long cacheReadTokens;

    @Column(name = "web_search_requests", nullable = false)
    private long webSearchRequests;

    /** The user account behind the key (its bound member), '' for none. */
    @Column(name = "account_id", nullable = false, length = 64)
    private String accountId = "";

    /** The service account behind the key, '' for none. */
    @Column(name = "service_account_id", nullable = false, length = 40)
    private String serviceAccountId = "";

    /** Minutes since the epoch: buckets are computed with integer arithmetic, the same on H2 and PostgreSQL. */
    @Column(name = "epoch_minute", nullable = false)
    private long epochMinute;

    protected UsageEvent() {
    }

    public UsageEvent(String eventId, String organizationId, String workspaceId, String apiKeyId, String model,
                      long inputTokens, long outputTokens, Instant occurredAt) {
        this(eventId, organizationId, workspaceId, apiKeyId, model, inputTokens, outputTokens, occurredAt, UsageDetail.PLAIN, null, null);
    }

    /** An event with its report dimensions and other token kinds, and the account or service account behind its key. */
    public UsageEvent(String eventId, String organizationId, String workspaceId, String apiKeyId, String model,
                      long inputTokens, long outputTokens, Instant occurredAt, UsageDetail detail, String accountId,
                      String serviceAccountId) {
        this.serviceTier = detail.serviceTier();
        this.contextWindow = detail.contextWindow();
        this.inferenceGeo = detail.inferenceGeo();
        this.speed = detail.speed();
        this.cacheCreation1hTokens = detail.cacheCreation1hTokens();
        this.cacheCreation5mTokens = detail.cacheCreation5mTokens();
        this.cacheReadTokens = detail.cacheReadTokens();
        this.webSearchRequests = detail.webSearchRequests();
        this.accountId = accountId == null ? "" : accountId;
        this.serviceAccountId = serviceAccountId == null ? "" : serviceAccountId;
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
    public long epochMinute() { return epochMinute; }
    public String accountId() { return accountId; }
    public String serviceAccountId() { return serviceAccountId; }

    public UsageDetail detail() {
        return new UsageDetail(serviceTier, contextWindow, inferenceGeo, speed, cacheCreation1hTokens, cacheCreation5mTokens,
                cacheReadTokens, webSearchRequests);
    }

    /** Whether another report carries the same usage (the time compared only when the retry states one). */
    public boolean sameUsageAs(UsageEvent other, boolean compareTime) {
        return apiKeyId.equals(other.apiKeyId) && model.equals(other.model) && inputTokens == other.inputTokens
                && outputTokens == other.outputTokens && detail().equals(other.detail()) && (!compareTime || occurredAt.equals(other.occurredAt));
    }
}
