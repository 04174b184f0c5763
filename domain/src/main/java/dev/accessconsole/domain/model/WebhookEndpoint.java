package dev.accessconsole.domain.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Where an organization's events are delivered (the official client's webhook endpoint): a URL, the events it takes, a
 * signing secret (sealed: it must be read back to sign), its state, and where its delivery stands: the last event of the
 * organization's stream it acknowledged, and while it fails, since when, how many tries and when the next one is due.
 */
@Entity
@Table(name = "webhook_endpoints")
public class WebhookEndpoint {

    /** This product's event type: one per audit event of the organization. */
    public static final String AUDIT_EVENT_CREATED = "audit.event_created";
    /** The official client's event types (accepted; this product raises none of them yet) and this product's own. */
    public static final List<String> EVENT_TYPES = List.of("external_key.failed", "external_key.recovered",
            "external_storage.failed", "external_storage.recovered", "user_profile.enforcement_action_opened",
            "user_profile.enforcement_action_resolved", "user_profile.program_status_updated", AUDIT_EVENT_CREATED);
    /** How long an endpoint may fail every delivery before it is disabled. */
    public static final Duration GIVE_UP_AFTER = Duration.ofDays(1);

    public enum State { ENABLED, DISABLED;

        public String value() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    @Id
    @Column(length = 40)
    private String id;

    @Column(name = "organization_id", nullable = false, length = 36)
    private String organizationId;

    @Column(nullable = false, length = 2048)
    private String url;

    @Column(nullable = false, length = 255)
    private String name;

    @Column(nullable = false, length = 2000)
    private String description;

    @Column(name = "enabled_events", nullable = false, length = 2000)
    private String enabledEvents;

    @Column(nullable = false, length = 16)
    private String state;

    @Column(name = "disabled_reason", nullable = false, length = 1000)
    private String disabledReason;

    @Column(name = "secret_sealed", nullable = false, length = 512)
    private String secretSealed;

    @Column(name = "delivered_seq", nullable = false)
    private long deliveredSeq;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "failing_since")
    private Instant failingSince;

    @Column(name = "next_attempt_at")
    private Instant nextAttemptAt;

    @Column(name = "last_error", nullable = false, length = 1000)
    private String lastError;

    @Column(name = "last_delivered_at")
    private Instant lastDeliveredAt;

    @Column(name = "delivered_count", nullable = false)
    private long deliveredCount;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected WebhookEndpoint() {
    }

    public WebhookEndpoint(String organizationId, String url, String name, String description, List<String> enabledEvents,
                           String secretSealed, long deliveredSeq, Instant now) {
        this.id = Ids.webhookEndpoint();
        this.organizationId = organizationId;
        this.url = url;
        this.name = name;
        this.description = description;
        this.enabledEvents = String.join(",", enabledEvents);
        this.state = State.ENABLED.value();
        this.disabledReason = "";
        this.secretSealed = secretSealed;
        this.deliveredSeq = deliveredSeq;
        this.lastError = "";
        this.createdAt = now;
        this.updatedAt = now;
    }

    public String id() { return id; }
    public String organizationId() { return organizationId; }
    public String url() { return url; }
    public String name() { return name; }
    public String description() { return description; }
    public List<String> enabledEvents() { return enabledEvents.isEmpty() ? List.of() : Arrays.asList(enabledEvents.split(",")); }
    public boolean takes(String eventType) { return enabledEvents().contains(eventType); }
    public State state() { return State.valueOf(state.toUpperCase(java.util.Locale.ROOT)); }
    public boolean enabled() { return state() == State.ENABLED; }
    public String disabledReason() { return disabledReason; }
    public String secretSealed() { return secretSealed; }
    public long deliveredSeq() { return deliveredSeq; }
    public int attempts() { return attempts; }
    public Instant failingSince() { return failingSince; }
    public Instant nextAttemptAt() { return nextAttemptAt; }
    public String lastError() { return lastError; }
    public Instant lastDeliveredAt() { return lastDeliveredAt; }
    public long deliveredCount() { return deliveredCount; }
    public Instant createdAt() { return createdAt; }
    public Instant updatedAt() { return updatedAt; }

    public void url(String url, Instant now) { this.url = url; this.updatedAt = now; }
    public void name(String name, Instant now) { this.name = name; this.updatedAt = now; }
    public void description(String description, Instant now) { this.description = description; this.updatedAt = now; }
    public void enabledEvents(List<String> events, Instant now) { this.enabledEvents = String.join(",", events); this.updatedAt = now; }
    public void secretSealed(String sealed, Instant now) { this.secretSealed = sealed; this.updatedAt = now; }

    /** Enabled again (by its owner): delivery resumes from where it stood, with no backoff. */
    public void enable(Instant now) {
        this.state = State.ENABLED.value();
        this.disabledReason = "";
        this.attempts = 0;
        this.failingSince = null;
        this.nextAttemptAt = null;
        this.updatedAt = now;
    }

    public void disable(String reason, Instant now) {
        this.state = State.DISABLED.value();
        this.disabledReason = reason.length() > 1000 ? reason.substring(0, 1000) : reason;
        this.updatedAt = now;
    }

    /** Event {@code seq} was acknowledged (or skipped: not an event this endpoint takes). */
    public void delivered(long seq, boolean sent, Instant now) {
        this.deliveredSeq = Math.max(deliveredSeq, seq);
        if (sent) {
            this.deliveredCount++;
            this.lastDeliveredAt = now;
        }
        this.attempts = 0;
        this.failingSince = null;
        this.nextAttemptAt = null;
        this.lastError = "";
    }

    /**
     * A delivery failed: the next try waits twice as long as the last (1 s, 2 s, 4 s … at most {@code maxBackoff}); an
     * endpoint that has failed every try for {@link #GIVE_UP_AFTER} is disabled with the reason.
     */
    public void failed(String error, Instant now, Duration maxBackoff) {
        this.attempts++;
        if (failingSince == null) {
            failingSince = now;
        }
        this.lastError = error.length() > 1000 ? error.substring(0, 1000) : error;
        long seconds = Math.min(maxBackoff.toSeconds(), 1L << Math.min(attempts - 1, 30));
        this.nextAttemptAt = now.plusSeconds(Math.max(1, seconds));
        if (!Duration.between(failingSince, now).minus(GIVE_UP_AFTER).isNegative()) {
            disable("Every delivery failed for a day (since " + failingSince + "): " + lastError, now);
        }
    }

    public boolean due(Instant now) {
        return nextAttemptAt == null || !nextAttemptAt.isAfter(now);
    }
}
