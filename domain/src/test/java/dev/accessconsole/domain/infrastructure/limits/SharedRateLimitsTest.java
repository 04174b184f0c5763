package dev.accessconsole.domain.infrastructure.limits;

import org.junit.jupiter.api.Test;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The shared bucket's arithmetic (GCRA), container-free: a full bucket, its refill, waits and what peeking leaves. */
class SharedRateLimitsTest {

    private static final long SECOND = 1_000_000;
    private final ConcurrentMap<String, Long> buckets = new ConcurrentHashMap<>();

    private SharedRateLimits.Budget take(int perMinute, long now) {
        return SharedRateLimits.update(buckets, "jwt:a", perMinute, true, now);
    }

    @Test
    void whenABucketIsNewThenItHoldsAWholeMinutesBudgetAndNoMore() {
        long now = 1_000 * SECOND;
        for (int i = 1; i <= 60; i++) {
            SharedRateLimits.Budget budget = take(60, now);
            assertThat(budget.allowed()).as("request %d", i).isTrue();
            assertThat(budget.remaining()).isEqualTo(60 - i);
        }
        SharedRateLimits.Budget refused = take(60, now);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.waitSeconds()).isEqualTo(1);
        assertThat(refused.remaining()).isZero();
    }

    @Test
    void whenTimePassesThenTheBucketRefillsAtTheRatePerMinute() {
        long now = 1_000 * SECOND;
        for (int i = 0; i < 60; i++) {
            take(60, now);
        }
        assertThat(take(60, now + SECOND / 2).allowed()).isFalse();
        assertThat(take(60, now + SECOND).allowed()).isTrue();
        assertThat(take(60, now + SECOND).allowed()).isFalse();
        assertThat(take(60, now + 61 * SECOND).remaining()).isEqualTo(59);
    }

    @Test
    void whenPeekingThenNothingIsTaken() {
        long now = 1_000 * SECOND;
        for (int i = 0; i < 10; i++) {
            assertThat(SharedRateLimits.update(buckets, "jwt:a", 3, false, now).allowed()).isTrue();
        }
        take(3, now);
        take(3, now);
        take(3, now);
        SharedRateLimits.Budget peeked = SharedRateLimits.update(buckets, "jwt:a", 3, false, now);
        assertThat(peeked.allowed()).isFalse();
        assertThat(peeked.waitSeconds()).isEqualTo(20);
    }

    @Test
    void whenTwoCallersShareTheMapThenTheyShareTheBudget() {
        long now = 1_000 * SECOND;
        int allowed = 0;
        for (int i = 0; i < 100; i++) {
            // two nodes' views of one replicated map: the same key from either side counts once
            if (SharedRateLimits.update(buckets, "jwt:a", 40, true, now + i).allowed()) {
                allowed++;
            }
        }
        assertThat(allowed).isEqualTo(40);
        assertThat(SharedRateLimits.update(buckets, "jwt:b", 40, true, now).allowed()).isTrue();
    }

    @Test
    @SuppressWarnings("unchecked")
    void whenTheClusterCannotAnswerThenRequestsAreCountedAloneAndTheLogIsNotFlooded() {
        SharedRateLimits limits = new SharedRateLimits();
        // a shared cache that fails every call, as one does while a node is lost
        limits.shared = (org.infinispan.Cache<String, Long>) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{org.infinispan.Cache.class}, (proxy, method, args) -> {
                    throw new IllegalStateException("no cluster");
                });
        java.util.List<java.util.logging.LogRecord> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(SharedRateLimits.class.getName());
        java.util.logging.Handler handler = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                warnings.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(handler);
        int allowed = 0;
        try {
            for (int i = 0; i < 1000; i++) {
                allowed += limits.take("jwt:a", 60).allowed() ? 1 : 0;
            }
        } finally {
            logger.removeHandler(handler);
        }
        // counted on the node (a minute's 60, the rest refused), and one warning for the thousand requests, not a
        // thousand (the next comes after SharedRateLimits.WARN_EVERY)
        assertThat(allowed).isBetween(60, 61);
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0).getMessage()).contains("alone").contains("no cluster");
    }
}
