package dev.accessconsole.domain.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.util.Arrays;
import java.util.List;

/**
 * A day's usage sums for one organization, workspace, key, model and the other dimensions the usage report groups by (UTC days, {@code epoch_minute / 1440}), kept as each
 * event is recorded: reports by day read these, not the events.
 */
@Entity
@Table(name = "usage_daily")
@IdClass(UsageDaily.Key.class)
public class UsageDaily {

    public static class Key implements java.io.Serializable {
        private String organizationId;
        private long epochDay;
        private String workspaceId;
        private String apiKeyId;
        private String model;
        private String serviceTier;
        private String contextWindow;
        private String inferenceGeo;
        private String speed;
        private String accountId;
        private String serviceAccountId;

        public Key() {
        }

        private List<Object> parts() {
            return Arrays.asList(organizationId, epochDay, workspaceId, apiKeyId, model, serviceTier, contextWindow, inferenceGeo, speed,
                    accountId, serviceAccountId);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key that && parts().equals(that.parts());
        }

        @Override
        public int hashCode() {
            return parts().hashCode();
        }
    }

    @Id
    @Column(name = "organization_id", length = 36)
    private String organizationId;

    @Id
    @Column(name = "epoch_day")
    private long epochDay;

    @Id
    @Column(name = "workspace_id", length = 40)
    private String workspaceId;

    @Id
    @Column(name = "api_key_id", length = 40)
    private String apiKeyId;

    @Id
    @Column(length = 100)
    private String model;

    @Id
    @Column(name = "service_tier", length = 20)
    private String serviceTier;

    @Id
    @Column(name = "context_window", length = 10)
    private String contextWindow;

    @Id
    @Column(name = "inference_geo", length = 20)
    private String inferenceGeo;

    @Id
    @Column(length = 10)
    private String speed;

    @Id
    @Column(name = "account_id", length = 64)
    private String accountId;

    @Id
    @Column(name = "service_account_id", length = 40)
    private String serviceAccountId;

    @Column(name = "input_tokens", nullable = false)
    private long inputTokens;

    @Column(name = "output_tokens", nullable = false)
    private long outputTokens;

    @Column(name = "cache_creation_1h_tokens", nullable = false)
    private long cacheCreation1hTokens;

    @Column(name = "cache_creation_5m_tokens", nullable = false)
    private long cacheCreation5mTokens;

    @Column(name = "cache_read_tokens", nullable = false)
    private long cacheReadTokens;

    @Column(name = "web_search_requests", nullable = false)
    private long webSearchRequests;

    @Column(nullable = false)
    private long events;

    protected UsageDaily() {
    }

    /** The first event of its day, key and model. */
    public UsageDaily(UsageEvent first, long epochDay) {
        this.organizationId = first.organizationId();
        this.epochDay = epochDay;
        this.workspaceId = first.workspaceId();
        this.apiKeyId = first.apiKeyId();
        this.model = first.model();
        this.inputTokens = first.inputTokens();
        this.outputTokens = first.outputTokens();
        UsageDetail detail = first.detail();
        this.serviceTier = detail.serviceTier();
        this.contextWindow = detail.contextWindow();
        this.inferenceGeo = detail.inferenceGeo();
        this.speed = detail.speed();
        this.accountId = first.accountId();
        this.serviceAccountId = first.serviceAccountId();
        this.cacheCreation1hTokens = detail.cacheCreation1hTokens();
        this.cacheCreation5mTokens = detail.cacheCreation5mTokens();
        this.cacheReadTokens = detail.cacheReadTokens();
        this.webSearchRequests = detail.webSearchRequests();
        this.events = 1;
    }
}
