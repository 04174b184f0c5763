package dev.accessconsole.domain.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * A token issuer an organization trusts for workload identity federation: its URL (the tokens' {@code iss}), where its
 * keys come from (discovery, an explicit JWKS URL, or keys given inline), whether a token's {@code jti} may be used once
 * only, the longest lifetime a presented token may have, and how polling its keys went.
 */
@Entity
@Table(name = "federation_issuers")
public class FederationIssuer {

    /** Where the keys come from, as the API's {@code jwks.type} names it. */
    public enum JwksType {
        DISCOVERY, EXPLICIT_URL, INLINE;

        public String value() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static java.util.Optional<JwksType> fromValue(String value) {
            return java.util.Arrays.stream(values()).filter(t -> t.value().equals(value)).findFirst();
        }
    }

    @jakarta.persistence.Converter
    public static class JwksTypeColumn extends LowerCaseEnumColumn<JwksType> {
        public JwksTypeColumn() {
            super(JwksType.class);
        }
    }

    public static final long DEFAULT_MAX_JWT_LIFETIME_SECONDS = 3600;

    @Id
    @Column(length = 40)
    private String id;
    @Column(name = "organization_id", nullable = false, length = 36)
    private String organizationId;
    @Column(nullable = false)
    private String name;
    @Column(name = "issuer_url", nullable = false, length = 2000)
    private String issuerUrl;
    @jakarta.persistence.Convert(converter = JwksTypeColumn.class)
    @Column(name = "jwks_type", nullable = false, length = 20)
    private JwksType jwksType;
    /** The JWKS source's fields as the API writes them, without {@code type} (JSON). */
    @Column(name = "jwks_json", nullable = false, columnDefinition = "text")
    private String jwksJson;
    @Column(name = "check_jti", nullable = false)
    private boolean checkJti;
    @Column(name = "max_jwt_lifetime_seconds", nullable = false)
    private long maxJwtLifetimeSeconds;
    @Column(name = "jwks_polling_disabled_at")
    private Instant jwksPollingDisabledAt;
    @Column(name = "poll_failures", nullable = false)
    private int pollFailures;
    @Column(name = "last_fetched_at")
    private Instant lastFetchedAt;
    @Column(name = "next_poll_at")
    private Instant nextPollAt;
    @jakarta.persistence.Embedded
    private Stamps stamps;

    protected FederationIssuer() {
    }

    public FederationIssuer(String organizationId, String name, String issuerUrl, JwksType jwksType, String jwksJson, boolean checkJti,
                            long maxJwtLifetimeSeconds, String actorId, Instant now) {
        this.id = Ids.federationIssuer();
        this.organizationId = organizationId;
        this.name = name;
        this.issuerUrl = issuerUrl;
        this.jwksType = jwksType;
        this.jwksJson = jwksJson;
        this.checkJti = checkJti;
        this.maxJwtLifetimeSeconds = maxJwtLifetimeSeconds;
        this.stamps = Stamps.created(actorId, now);
    }

    public void rename(String newName) { this.name = newName; }
    public void issuerUrl(String url) { this.issuerUrl = url; }
    public void jwks(JwksType type, String json) {
        this.jwksType = type;
        this.jwksJson = json;
        this.pollFailures = 0;
        this.lastFetchedAt = null;
        this.nextPollAt = null;
    }
    public void checkJti(boolean check) { this.checkJti = check; }
    public void maxJwtLifetimeSeconds(long seconds) { this.maxJwtLifetimeSeconds = seconds; }
    public void pollingDisabled(boolean disabled, Instant now) { this.jwksPollingDisabledAt = disabled ? (jwksPollingDisabledAt == null ? now : jwksPollingDisabledAt) : null; }

    public void touched(String actorId, Instant now) {
        stamps.touched(actorId, now);
    }

    public void archive(String actorId, Instant now) {
        stamps.archive(actorId, now);
    }

    /** A fetch of the keys: on success the failures reset; either way the next poll is planned. */
    public void polled(boolean fetched, Instant now, Instant next) {
        if (fetched) {
            this.pollFailures = 0;
            this.lastFetchedAt = now;
        } else {
            this.pollFailures++;
        }
        this.nextPollAt = next;
    }

    public String id() { return id; }
    public String organizationId() { return organizationId; }
    public String name() { return name; }
    public String issuerUrl() { return issuerUrl; }
    public JwksType jwksType() { return jwksType; }
    public String jwksJson() { return jwksJson; }
    public boolean checkJti() { return checkJti; }
    public long maxJwtLifetimeSeconds() { return maxJwtLifetimeSeconds; }
    public Instant jwksPollingDisabledAt() { return jwksPollingDisabledAt; }
    public int pollFailures() { return pollFailures; }
    public Instant lastFetchedAt() { return lastFetchedAt; }
    public Instant nextPollAt() { return nextPollAt; }
    public Instant createdAt() { return stamps.createdAt(); }
    public String createdBy() { return stamps.createdBy(); }
    public Instant updatedAt() { return stamps.updatedAt(); }
    public String updatedBy() { return stamps.updatedBy(); }
    public Instant archivedAt() { return stamps.archivedAt(); }
    public String archivedBy() { return stamps.archivedBy(); }
    public boolean archived() { return stamps.archived(); }
}
