package dev.accessconsole.domain.application;

import dev.accessconsole.domain.infrastructure.webhooks.OutboundAddresses;
import dev.accessconsole.domain.infrastructure.webhooks.SecretBox;
import dev.accessconsole.domain.model.Actor;
import dev.accessconsole.domain.model.AuditEvent;
import dev.accessconsole.domain.model.AuditLog;
import dev.accessconsole.domain.model.DomainException;
import dev.accessconsole.domain.model.ErrorCode;
import dev.accessconsole.domain.model.JsonBuilders;
import dev.accessconsole.domain.model.Page;
import dev.accessconsole.domain.model.PageRequest;
import dev.accessconsole.domain.model.Time;
import dev.accessconsole.domain.model.WebhookEndpoint;
import dev.accessconsole.domain.model.WebhookRepository;
import dev.accessconsole.domain.model.WebhookStream;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.ConfigProvider;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An organization's webhook endpoints (the official client's webhooks service): the audit stream's destinations. A URL
 * must be https and reach no internal address ({@link OutboundAddresses}); the signing secret is shown once, at
 * creation or regeneration, and kept sealed. Every change is in the organization's audit log, and so in its stream.
 * The dispatcher's steps ({@link WebhookDispatcher}) are here too, each in a transaction of its own.
 */
@ApplicationScoped
public class WebhookService {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String KEY_NAME = "webhook-signing-secrets";

    /** A new endpoint and its signing secret (shown this once). */
    public record Created(WebhookEndpoint endpoint, String signingSecret) {
    }

    /** What a create or an update may set; null: unchanged (or, at creation, the default). */
    public record Change(String url, List<String> enabledEvents, String name, String description, String state) {
    }

    @Inject
    WebhookRepository webhooks;

    @Inject
    AuditLog audit;

    @Inject
    WebhookKeys keys;

    private volatile SecretBox box;

    public static OutboundAddresses addresses() {
        return new OutboundAddresses(ConfigProvider.getConfig().getOptionalValue("accessconsole.webhooks.allow-loopback", Boolean.class).orElse(false));
    }

    public static Duration maxBackoff() {
        return Duration.ofSeconds(ConfigProvider.getConfig().getOptionalValue("accessconsole.webhooks.max-backoff-seconds", Long.class).orElse(300L));
    }

    @Transactional
    public Created create(Actor actor, String organizationId, Change change) {
        String url = url(change.url());
        List<String> events = events(change.enabledEvents());
        Instant now = Time.now();
        WebhookStream stream = webhooks.stream(organizationId, now);
        String secret = newSecret();
        // the endpoint takes the events numbered from now on (its own creation's among them)
        WebhookEndpoint endpoint = new WebhookEndpoint(organizationId, url, text("name", change.name(), 255), text("description", change.description(), 2000),
                events, box().seal(secret), stream.nextSeq() - 1, now);
        if ("disabled".equals(state(change.state()))) {
            endpoint.disable("Disabled by its owner.", now);
        }
        webhooks.add(endpoint);
        audit.record(organizationId, actor, "webhook_endpoint.create", "webhook_endpoint", endpoint.id(), describe(endpoint));
        return new Created(endpoint, secret);
    }

    @Transactional
    public WebhookEndpoint get(String organizationId, String endpointId) {
        return endpoint(organizationId, endpointId);
    }

    @Transactional
    public Page<WebhookEndpoint> list(String organizationId, PageRequest page) {
        return webhooks.endpoints(organizationId, page);
    }

    @Transactional
    public WebhookEndpoint update(Actor actor, String organizationId, String endpointId, Change change) {
        WebhookEndpoint endpoint = endpoint(organizationId, endpointId);
        Instant now = Time.now();
        if (change.url() != null) {
            endpoint.url(url(change.url()), now);
        }
        if (change.enabledEvents() != null) {
            endpoint.enabledEvents(events(change.enabledEvents()), now);
        }
        if (change.name() != null) {
            endpoint.name(text("name", change.name(), 255), now);
        }
        if (change.description() != null) {
            endpoint.description(text("description", change.description(), 2000), now);
        }
        String state = state(change.state());
        if ("enabled".equals(state) && !endpoint.enabled()) {
            endpoint.enable(now);
        } else if ("disabled".equals(state) && endpoint.enabled()) {
            endpoint.disable("Disabled by its owner.", now);
        }
        audit.record(organizationId, actor, "webhook_endpoint.update", "webhook_endpoint", endpoint.id(), describe(endpoint));
        return endpoint;
    }

    @Transactional
    public void delete(Actor actor, String organizationId, String endpointId) {
        WebhookEndpoint endpoint = endpoint(organizationId, endpointId);
        webhooks.remove(endpoint);
        audit.record(organizationId, actor, "webhook_endpoint.delete", "webhook_endpoint", endpoint.id(), "{}");
    }

    @Transactional
    public String regenerateSecret(Actor actor, String organizationId, String endpointId) {
        WebhookEndpoint endpoint = endpoint(organizationId, endpointId);
        String secret = newSecret();
        endpoint.secretSealed(box().seal(secret), Time.now());
        audit.record(organizationId, actor, "webhook_endpoint.regenerate_signing_secret", "webhook_endpoint", endpoint.id(), "{}");
        return secret;
    }

    // ---- the dispatcher's steps (WebhookDispatcher), each its own transaction ----

    /** A delivery's view of an endpoint, read in its own transaction. */
    public record Target(String id, String url, String secret, long deliveredSeq, boolean takesAuditEvents) {
    }

    @Transactional
    public List<String> streamsToServe(String node, Instant now) {
        return webhooks.streamsToServe(node, now);
    }

    @Transactional
    public boolean lease(String organizationId, String node, Instant now, Duration lease) {
        return webhooks.lease(organizationId, node, now, now.plus(lease));
    }

    /** Numbers the organization's committed, unnumbered events in the order found; {@link LeaseLost} when another node holds it now. */
    @Transactional
    public void number(String organizationId, String node) {
        WebhookStream stream = webhooks.stream(organizationId, Time.now());
        List<AuditEvent> events = webhooks.unnumbered(organizationId, stream.startedAt(), 500);
        if (events.isEmpty()) {
            return;
        }
        long next = stream.nextSeq();
        for (AuditEvent event : events) {
            event.streamSeq(next++);
        }
        if (!webhooks.advance(organizationId, node, stream.nextSeq(), next)) {
            throw new LeaseLost();
        }
    }

    /** The enabled endpoints of the organization due for a try now. */
    @Transactional
    public List<Target> due(String organizationId, Instant now) {
        List<Target> due = new ArrayList<>();
        for (WebhookEndpoint endpoint : webhooks.enabled(organizationId)) {
            if (endpoint.due(now)) {
                due.add(new Target(endpoint.id(), endpoint.url(), box().open(endpoint.secretSealed()), endpoint.deliveredSeq(),
                        endpoint.takes(WebhookEndpoint.AUDIT_EVENT_CREATED)));
            }
        }
        return due;
    }

    /** One event as delivered: its number and the body (the official client's envelope, {@code type: "event"}). */
    public record Message(long seq, String id, long timestamp, String body) {
    }

    @Transactional
    public List<Message> after(String organizationId, long seq, int limit) {
        List<Message> messages = new ArrayList<>();
        for (AuditEvent event : webhooks.numberedAfter(organizationId, seq, limit)) {
            String body = JsonBuilders.object()
                    .add("id", event.id())
                    .add("type", "event")
                    .add("created_at", event.occurredAt().toString())
                    .add("data", JsonBuilders.object()
                            .add("type", WebhookEndpoint.AUDIT_EVENT_CREATED)
                            .add("id", event.id())
                            .add("organization_id", organizationId)
                            .add("sequence", event.streamSeq())
                            .add("audit_event", event.toJson()))
                    .build().toString();
            messages.add(new Message(event.streamSeq(), event.id(), event.occurredAt().getEpochSecond(), body));
        }
        return messages;
    }

    /** The endpoint acknowledged (or, when {@code sent} is false, does not take) events up to {@code seq}. */
    @Transactional
    public void delivered(String organizationId, String endpointId, long seq, boolean sent) {
        webhooks.endpoint(organizationId, endpointId).ifPresent(endpoint -> endpoint.delivered(seq, sent, Time.now()));
    }

    @Transactional
    public void failed(String organizationId, String endpointId, String error) {
        webhooks.endpoint(organizationId, endpointId).ifPresent(endpoint -> endpoint.failed(error, Time.now(), maxBackoff()));
    }

    /** Another node took the organization's stream: this one stops serving it. */
    public static final class LeaseLost extends RuntimeException {
        LeaseLost() {
            super("the webhook stream lease was taken by another node", null, false, false);
        }
    }

    // ---- rules ----

    private WebhookEndpoint endpoint(String organizationId, String endpointId) {
        return webhooks.endpoint(organizationId, endpointId)
                .orElseThrow(() -> DomainException.notFound(ErrorCode.WEBHOOK_ENDPOINT_NOT_FOUND, "webhook endpoint"));
    }

    private static String url(String url) {
        if (url == null || url.isBlank()) {
            throw DomainException.invalidField("url", "url is required.");
        }
        if (url.length() > 2048) {
            throw DomainException.invalidField("url", "url is at most 2048 characters.");
        }
        Optional<String> refused = addresses().refusal(url);
        if (refused.isPresent()) {
            throw DomainException.refused(ErrorCode.WEBHOOK_URL_NOT_ALLOWED, refused.get(), Map.of("field", "url"));
        }
        return url;
    }

    private static List<String> events(List<String> events) {
        if (events == null || events.isEmpty()) {
            throw DomainException.invalidField("enabled_events", "enabled_events names at least one event type.");
        }
        LinkedHashSet<String> unique = new LinkedHashSet<>();
        for (String event : events) {
            if (event == null || !WebhookEndpoint.EVENT_TYPES.contains(event)) {
                throw DomainException.invalidField("enabled_events", "enabled_events holds event types: " + String.join(", ", WebhookEndpoint.EVENT_TYPES) + ".");
            }
            unique.add(event);
        }
        return List.copyOf(unique);
    }

    private static String text(String field, String value, int max) {
        if (value == null) {
            return "";
        }
        if (value.length() > max) {
            throw DomainException.invalidField(field, field + " is at most " + max + " characters.");
        }
        return value;
    }

    private static String state(String state) {
        if (state == null || state.equals("enabled") || state.equals("disabled")) {
            return state;
        }
        throw DomainException.invalidField("state", "state is enabled or disabled.");
    }

    private static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "whsec_" + Base64.getEncoder().encodeToString(bytes);
    }

    private static String describe(WebhookEndpoint endpoint) {
        return JsonBuilders.object().add("url", endpoint.url()).add("enabled_events", JsonBuilders.array(endpoint.enabledEvents()))
                .add("state", endpoint.state().value()).build().toString();
    }

    private SecretBox box() {
        SecretBox current = box;
        if (current == null) {
            current = new SecretBox(keys.key(KEY_NAME));
            box = current;
        }
        return current;
    }
}
