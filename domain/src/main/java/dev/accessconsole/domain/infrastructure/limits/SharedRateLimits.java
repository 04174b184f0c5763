package dev.accessconsole.domain.infrastructure.limits;

import com.github.benmanes.caffeine.cache.Caffeine;
import dev.accessconsole.domain.model.Time;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import org.infinispan.Cache;

import java.time.Duration;
import java.util.concurrent.ConcurrentMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Request budgets shared by every node: a token bucket per key (a credential, or a client address's failed
 * authentications), {@code perMinute} tokens refilled continuously, at most {@code perMinute} held. Each bucket is
 * one number in the Infinispan cache {@code accessconsole/rate-limits} (replicated synchronously in a cluster,
 * configure-cluster.cli): the generic cell rate algorithm's theoretical arrival time, in microseconds of {@link Time}.
 * A request compares and swaps it, so the nodes together allow what one node would.
 * <p>
 * When the cluster cannot answer (a node lost, paused or partitioned: the cache's remote timeout, half a second, passed),
 * the node counts on its own, for that request and the next {@link #ALONE_FOR}: looser, since each node then allows the
 * whole budget, but never an error, and only the first request of such a spell waits for the timeout.
 */
@ApplicationScoped
public class SharedRateLimits {

    private static final Logger LOG = Logger.getLogger(SharedRateLimits.class.getName());
    private static final long MINUTE_MICROS = Duration.ofMinutes(1).toNanos() / 1000;
    private static final int ATTEMPTS = 16;

    /** What a request may do: go on (wait 0), or wait {@code waitSeconds}; {@code remaining} requests are left now. */
    public record Budget(long waitSeconds, int remaining) {
        public boolean allowed() {
            return waitSeconds == 0;
        }
    }

    @Resource(lookup = "java:jboss/infinispan/cache/accessconsole/rate-limits")
    Cache<String, Long> shared;

    /** This node's own buckets, used only while the shared ones cannot be reached (bounded, idle ones expire). */
    private final ConcurrentMap<String, Long> local = Caffeine.newBuilder()
            .maximumSize(100_000).expireAfterAccess(Duration.ofMinutes(10)).<String, Long>build().asMap();

    @PostConstruct
    void start() {
        shared = shared.getAdvancedCache();
    }

    /** Takes one request from the bucket of {@code key} (when there is one to take). */
    public Budget take(String key, int perMinute) {
        return update(key, perMinute, true);
    }

    /** Where the bucket of {@code key} stands, taking nothing. */
    public Budget peek(String key, int perMinute) {
        return update(key, perMinute, false);
    }

    /** How long a node counts alone after the cluster did not answer, before it asks the cluster again. */
    static final Duration ALONE_FOR = Duration.ofSeconds(5);
    private volatile long aloneUntil = System.nanoTime();

    private Budget update(String key, int perMinute, boolean take) {
        java.time.Instant instant = Time.now();
        long now = instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1000;
        if (aloneUntil - System.nanoTime() > 0) {
            unwarned.incrementAndGet();
            return update(local, key, perMinute, take, now);
        }
        try {
            return update(shared, key, perMinute, take, now);
        } catch (RuntimeException clusterUnavailable) {
            aloneUntil = System.nanoTime() + ALONE_FOR.toNanos();
            warnAlone(clusterUnavailable);
            return update(local, key, perMinute, take, now);
        }
    }

    /** At most one warning every {@link #WARN_EVERY} while the cluster cannot answer, saying how many requests it covers. */
    static final Duration WARN_EVERY = Duration.ofSeconds(10);
    private final java.util.concurrent.atomic.AtomicLong lastWarned = new java.util.concurrent.atomic.AtomicLong(System.nanoTime() - WARN_EVERY.toNanos());
    private final java.util.concurrent.atomic.AtomicLong unwarned = new java.util.concurrent.atomic.AtomicLong();

    private void warnAlone(RuntimeException clusterUnavailable) {
        long now = System.nanoTime();
        long last = lastWarned.get();
        if (now - last < WARN_EVERY.toNanos() || !lastWarned.compareAndSet(last, now)) {
            unwarned.incrementAndGet();
            return;
        }
        long covered = unwarned.getAndSet(0) + 1;
        LOG.log(Level.WARNING, () -> "rate limits counted on this node alone for now (" + covered + " request(s) since the last such"
                + " warning): " + clusterUnavailable);
    }

    /** GCRA: the bucket is full when its theoretical arrival time is at or before now; each request moves it on by one interval. */
    static Budget update(ConcurrentMap<String, Long> buckets, String key, int perMinute, boolean take, long nowMicros) {
        long interval = Math.max(1, MINUTE_MICROS / perMinute);
        long tolerance = interval * (perMinute - 1L);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Long stored = buckets.get(key);
            long arrival = stored == null ? nowMicros : Math.max(stored, nowMicros);
            long ahead = arrival - nowMicros;
            if (ahead > tolerance) {
                return new Budget(Math.max(1, ceilDiv(ahead - tolerance, 1_000_000)), 0);
            }
            if (!take) {
                return new Budget(0, remaining(ahead, tolerance, interval));
            }
            long next = arrival + interval;
            boolean swapped = stored == null ? buckets.putIfAbsent(key, next) == null : buckets.replace(key, stored, next);
            if (swapped) {
                return new Budget(0, remaining(next - nowMicros, tolerance, interval));
            }
        }
        // contended past reason: refuse this one request rather than count it twice
        return new Budget(1, 0);
    }

    private static int remaining(long ahead, long tolerance, long interval) {
        return (int) Math.max(0, (tolerance + interval - ahead) / interval);
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}
