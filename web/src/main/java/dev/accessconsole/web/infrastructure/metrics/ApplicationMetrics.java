package dev.accessconsole.web.infrastructure.metrics;

import dev.accessconsole.authz.api.AccessDecided;
import dev.accessconsole.authz.api.AccessDeclaration;
import dev.accessconsole.domain.infrastructure.authz.StandingCache;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the application decides and does, as Micrometer meters in the registry WildFly's Micrometer subsystem gives the
 * deployment; its Prometheus registry serves them on the management interface only ({@code :9990/metrics}, never the
 * public port; configure-server.cli).
 * <p>
 * Labels are bounded by construction: a declaration's permissions (from annotations and the permission catalog), an
 * outcome, an error type and code (from the error-code enums and refusals), a route template (from {@code @Path}
 * annotations, never the request's path), an HTTP method and status. No label is built from a request's ids, emails,
 * headers or any text a caller sends (MetricsIT checks every label value Prometheus holds).
 */
@ApplicationScoped
public class ApplicationMetrics {

    /** Request latency buckets (service-level objectives), so that the scrape stays small: 13 buckets per series. */
    private static final Duration[] LATENCY_BUCKETS = {
            Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};

    @Inject
    MeterRegistry registry;

    @Inject
    StandingCache standings;

    @Inject
    dev.accessconsole.domain.application.WebhookDispatcher webhooks;

    private final Map<AccessDeclaration, String> declarationLabels = new ConcurrentHashMap<>();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private Histograms histograms;

    /** Registered when the application starts, so that the gauges exist before the first request. */
    void started(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        // the observer makes CDI create this bean at start-up; @PostConstruct registers
    }

    @PostConstruct
    void register() {
        // WildFly's deployment registry serves what its convenience methods register (builders' register() would keep
        // the meter in a registry of the deployment's own that nothing scrapes)
        MeterRegistry.More more = registry.more();
        more.counter("accessconsole.standing.cache.hits", Tags.empty(), standings, s -> s.stats().hits());
        more.counter("accessconsole.standing.cache.misses", Tags.empty(), standings, s -> s.stats().misses());
        registry.gauge("accessconsole.standing.cache.size", Tags.empty(), standings, s -> s.stats().size());
        more.counter("accessconsole.standing.marks.received", Tags.empty(), standings, s -> s.stats().marksReceived());
        more.counter("accessconsole.standing.marks.unacknowledged", Tags.empty(), standings, s -> s.stats().marksUnacknowledged());
        more.timer("accessconsole.standing.marks.replication", Tags.empty(), standings,
                s -> s.stats().marksWritten(), s -> s.stats().markReplicationNanos(), TimeUnit.NANOSECONDS);
        registry.gauge("accessconsole.standing.lease.held", Tags.empty(), standings, s -> s.stats().leased() ? 1 : 0);
        registry.gauge("accessconsole.cluster.members", Tags.empty(), standings, s -> s.members().size());
        more.counter("accessconsole.webhook.deliveries", Tags.of("outcome", "delivered"), webhooks.deliveredCounter(), LongAdder::doubleValue);
        more.counter("accessconsole.webhook.deliveries", Tags.of("outcome", "failed"), webhooks.failedCounter(), LongAdder::doubleValue);
        histograms = Histograms.of(registry);
        ErrorCounts.sink = this::refused;
    }

    /**
     * The application's meters leave with it: WildFly's registry outlives a deployment, and a meter still reading an
     * undeployed application's beans would fail every scrape (a redeployment would also find its meters taken).
     */
    @PreDestroy
    void unregister() {
        ErrorCounts.sink = (type, code) -> {
        };
        histograms.removeAll("accessconsole.");
    }

    /** Every decision of the enforcement interceptors, by the permissions declared and the outcome. */
    void decided(@Observes AccessDecided decided) {
        String declaration = declarationLabels.computeIfAbsent(decided.declaration(), d -> String.join(",", d.documented()));
        counter("accessconsole.decisions", "permission", declaration, "outcome", decided.outcome().label()).increment();
    }

    /** Every error answered, in the API's shape, by its type and error code (rate and spend limits among them). */
    void refused(String type, String errorCode) {
        counter("accessconsole.refusals", "type", type, "error_code", errorCode == null ? "" : errorCode).increment();
    }

    /** One request: its latency by method, route template and status, and what the route counts for its product. */
    public void request(String method, String route, int status, long nanos) {
        String statusLabel = Integer.toString(status);
        timer(method, route, statusLabel).record(nanos, TimeUnit.NANOSECONDS);
        String outcome = status < 400 ? "accepted" : status >= 500 ? "unavailable" : "refused";
        if (route.equals("/v1/gateway/api_keys/verify")) {
            counter("accessconsole.gateway.verifications", "outcome", outcome).increment();
        } else if (route.equals("/v1/oauth/token")) {
            counter("accessconsole.token.exchanges", "outcome", outcome).increment();
        } else if (route.contains("/scim/v2/")) {
            counter("accessconsole.scim.operations", "method", method, "route", route, "outcome", outcome).increment();
        }
    }

    /** A counter named {@code name}, tagged with the given key/value pairs, registered once. */
    public Counter counter(String name, String... tags) {
        String id = name + '|' + String.join("|", tags);
        return counters.computeIfAbsent(id, ignored -> registry.counter(name, Tags.of(tags)));
    }

    private Timer timer(String method, String route, String status) {
        return timers.computeIfAbsent(method + ' ' + route + ' ' + status, ignored -> histograms.timer("accessconsole.http.requests",
                Tags.of("method", method, "route", route, "status", status), LATENCY_BUCKETS));
    }
}
