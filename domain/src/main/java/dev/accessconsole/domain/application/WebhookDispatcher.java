package dev.accessconsole.domain.application;

import com.standardwebhooks.Webhook;
import dev.accessconsole.domain.infrastructure.webhooks.WebhookSender;
import dev.accessconsole.domain.model.Time;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Delivers organizations' audit streams to their webhook endpoints, from whichever node is alive. Every half second each
 * node looks for streams no node holds (or its own), takes an organization's stream lease ({@link #LEASE}, renewed before
 * every request, so that no two nodes deliver one stream at once unless a request outlived it, which its timeouts
 * prevent), numbers the organization's newly committed audit events, then sends each enabled endpoint its events after
 * its cursor, in order, one at a time, signed as Standard Webhooks ({@code com.standardwebhooks}: {@code webhook-id},
 * {@code webhook-timestamp}, {@code webhook-signature}). A 2xx moves the cursor; anything else ends that endpoint's turn
 * and schedules the next try with backoff ({@link dev.accessconsole.domain.model.WebhookEndpoint#failed}); an endpoint
 * that fails for a day is disabled with its reason. At least once: a node that dies after a send and before moving the
 * cursor leaves that event to be sent again by whichever node takes the lease next.
 */
@ApplicationScoped
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class.getName());
    /** A stream lease: longer than one request may take (5 s to connect, 10 s to answer). */
    static final Duration LEASE = Duration.ofSeconds(20);
    /** How long one node works on one organization's stream per round before it looks at the others. */
    private static final Duration TURN = Duration.ofSeconds(5);

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ScheduledExecutorService scheduler;

    @Inject
    WebhookService webhooks;

    /** Deliveries acknowledged and failed on this node since it started (the metrics read them). */
    private final LongAdder delivered = new LongAdder();
    private final LongAdder failures = new LongAdder();

    private final String node = System.getProperty("jboss.node.name", "standalone") + "/" + UUID.randomUUID().toString().substring(0, 8);
    private WebhookSender sender;
    private ScheduledFuture<?> rounds;

    /** The counter of deliveries acknowledged on this node (a plain object: a meter may hold it without this bean's proxy). */
    public LongAdder deliveredCounter() {
        return delivered;
    }

    public LongAdder failedCounter() {
        return failures;
    }

    public synchronized void start() {
        if (rounds == null && scheduler != null) {
            sender = new WebhookSender(WebhookService.addresses());
            rounds = scheduler.scheduleWithFixedDelay(this::roundQuietly, 2_000, 500, TimeUnit.MILLISECONDS);
        }
    }

    @PreDestroy
    synchronized void stop() {
        if (rounds != null) {
            rounds.cancel(false);
        }
        if (sender != null) {
            try {
                sender.close();
            } catch (java.io.IOException ignored) {
                // closing
            }
        }
    }

    private void roundQuietly() {
        try {
            round();
        } catch (RuntimeException failed) {
            // the database cannot answer now: the next round tries again
            LOG.log(Level.FINE, "webhook delivery round failed", failed);
        }
    }

    /** One round over every stream this node may serve. */
    void round() {
        for (String organizationId : webhooks.streamsToServe(node, Time.now())) {
            try {
                serve(organizationId);
            } catch (WebhookService.LeaseLost lost) {
                // another node took it: it delivers from the cursor
            } catch (RuntimeException failed) {
                LOG.log(Level.FINE, "webhook delivery of an organization's stream failed", failed);
            }
        }
    }

    private void serve(String organizationId) {
        if (!webhooks.lease(organizationId, node, Time.now(), LEASE)) {
            return;
        }
        webhooks.number(organizationId, node);
        long until = System.nanoTime() + TURN.toNanos();
        for (WebhookService.Target target : webhooks.due(organizationId, Time.now())) {
            if (System.nanoTime() > until || !deliver(organizationId, target, until)) {
                return;
            }
        }
    }

    /** Sends the endpoint its next events; false when this node lost the stream. */
    private boolean deliver(String organizationId, WebhookService.Target target, long until) {
        long cursor = target.deliveredSeq();
        Webhook signer = null;
        while (System.nanoTime() < until) {
            List<WebhookService.Message> messages = webhooks.after(organizationId, cursor, 50);
            if (messages.isEmpty()) {
                return true;
            }
            if (!target.takesAuditEvents()) {
                // nothing of this stream is for it: its cursor moves past what it does not take
                webhooks.delivered(organizationId, target.id(), messages.get(messages.size() - 1).seq(), false);
                cursor = messages.get(messages.size() - 1).seq();
                continue;
            }
            for (WebhookService.Message message : messages) {
                if (System.nanoTime() > until) {
                    return true;
                }
                if (!webhooks.lease(organizationId, node, Time.now(), LEASE)) {
                    return false;
                }
                long timestamp = Instant.now().getEpochSecond();
                Map<String, String> headers = new LinkedHashMap<>();
                headers.put("webhook-id", message.id());
                headers.put("webhook-timestamp", Long.toString(timestamp));
                try {
                    if (signer == null) {
                        signer = new Webhook(target.secret());
                    }
                    headers.put("webhook-signature", signer.sign(message.id(), timestamp, message.body()));
                } catch (com.standardwebhooks.exceptions.WebhookSigningException
                         | com.standardwebhooks.exceptions.EmptyWebhookSecretException unsignable) {
                    throw new IllegalStateException("could not sign a webhook message", unsignable);
                }
                WebhookSender.Outcome outcome = sender.post(target.url(), headers, message.body());
                if (!outcome.delivered()) {
                    failures.increment();
                    webhooks.failed(organizationId, target.id(), outcome.error());
                    return true;
                }
                delivered.increment();
                webhooks.delivered(organizationId, target.id(), message.seq(), true);
                cursor = message.seq();
            }
        }
        return true;
    }
}
