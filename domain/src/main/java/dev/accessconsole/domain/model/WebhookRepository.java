package dev.accessconsole.domain.model;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** An organization's webhook endpoints, the order of its audit stream, and the server's key for sealing their secrets. */
public interface WebhookRepository {

    void add(WebhookEndpoint endpoint);

    Optional<WebhookEndpoint> endpoint(String organizationId, String endpointId);

    Page<WebhookEndpoint> endpoints(String organizationId, PageRequest page);

    void remove(WebhookEndpoint endpoint);

    /** The organization's stream, created (numbering from now on) when it has none. */
    WebhookStream stream(String organizationId, Instant now);

    /** Organizations whose stream is free to take at {@code now}, or already this node's. */
    List<String> streamsToServe(String node, Instant now);

    /** Takes (or renews) the organization's stream lease for {@code node} until {@code until}; false when another holds it. */
    boolean lease(String organizationId, String node, Instant now, Instant until);

    /** Committed events of the organization not numbered yet, that occurred since {@code since}, oldest first. */
    List<AuditEvent> unnumbered(String organizationId, Instant since, int limit);

    /** Moves the stream's next number from {@code expected} to {@code next}, only while {@code node} holds it. */
    boolean advance(String organizationId, String node, long expected, long next);

    /** Numbered events after {@code seq}, in order. */
    List<AuditEvent> numberedAfter(String organizationId, long seq, int limit);

    /** The organization's enabled endpoints. */
    List<WebhookEndpoint> enabled(String organizationId);

    /** The highest number the organization's stream gave, 0 before any. */
    long lastNumber(String organizationId);

    Optional<String> serverKey(String name);

    void addServerKey(String name, String value, Instant now);
}
