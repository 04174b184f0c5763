package dev.accessconsole.domain.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.util.Objects;

/**
 * A day's usage sums for one organization, workspace, key and model (UTC days, {@code epoch_minute / 1440}), kept as each
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

        public Key() {
        }

        public Key(String organizationId, long epochDay, String workspaceId, String apiKeyId, String model) {
            this.organizationId = organizationId;
            this.epochDay = epochDay;
            this.workspaceId = workspaceId;
            this.apiKeyId = apiKeyId;
            this.model = model;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key that && epochDay == that.epochDay && Objects.equals(organizationId, that.organizationId)
                    && Objects.equals(workspaceId, that.workspaceId) && Objects.equals(apiKeyId, that.apiKeyId) && Objects.equals(model, that.model);
        }

        @Override
        public int hashCode() {
            return Objects.hash(organizationId, epochDay, workspaceId, apiKeyId, model);
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

    @Column(name = "input_tokens", nullable = false)
    private long inputTokens;

    @Column(name = "output_tokens", nullable = false)
    private long outputTokens;

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
        this.events = 1;
    }
}
