package dev.accessconsole.domain.infrastructure.authz;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.infinispan.configuration.cache.ConfigurationBuilder;
import org.infinispan.manager.DefaultCacheManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The standing cache's exactness, on a real (embedded, local) Infinispan marks cache without a container: a change marked
 * during a load never lets that load's stale standing stay, whether the entry was absent or emptied again meanwhile;
 * inside a transaction nothing is served from or put into the cache; marks wait for the commit and vanish with a
 * rollback. {@link ClusteredStandingCacheTest} does the same across two nodes.
 */
class StandingCacheTest {

    private static final StandingCache.Key KEY = new StandingCache.UserKey("https://issuer", "subject", "org_1");

    private DefaultCacheManager manager;
    private StandingCache standings;
    private final FakeTransactions transactions = new FakeTransactions();
    private final AtomicInteger loads = new AtomicInteger();

    @BeforeEach
    void cache() {
        manager = new DefaultCacheManager();
        manager.defineConfiguration("marks", new ConfigurationBuilder().memory().maxCount(1000).build());
        standings = new StandingCache();
        standings.marks = manager.getCache("marks");
        standings.transactions = transactions;
        standings.start();
    }

    @AfterEach
    void stop() {
        manager.stop();
    }

    private Optional<String> get(String value) {
        return standings.get(KEY, () -> {
            loads.incrementAndGet();
            return Optional.of(value);
        });
    }

    @Test
    void whenWarmThenTheStandingIsServedWithoutLoading() {
        assertThat(get("admin")).contains("admin");
        assertThat(get("developer")).contains("admin");
        assertThat(loads).hasValue(1);
    }

    @Test
    void whenAChangeCommitsThenTheNextGetLoadsAfresh() {
        get("admin");
        standings.invalidate(Set.of(KEY));
        assertThat(get("developer")).contains("developer");
        assertThat(get("user")).contains("developer");
    }

    @Test
    void whenAChangeCommitsWhileTheEntryIsAbsentAndLoadingThenTheStaleLoadIsNotKept() {
        Optional<String> raced = standings.get(KEY, () -> {
            standings.invalidate(Set.of(KEY)); // the writer commits between the load's read and its put
            return Optional.of("admin (read before the change)");
        });
        assertThat(raced).contains("admin (read before the change)");
        assertThat(get("developer")).contains("developer");
    }

    @Test
    void whenAnotherChangeCommitsWhileReloadingAfterAChangeThenTheStaleLoadIsNotKept() {
        get("admin");
        standings.invalidate(Set.of(KEY));
        standings.get(KEY, () -> {
            standings.invalidate(Set.of(KEY));
            return Optional.of("developer (read before the second change)");
        });
        assertThat(get("user")).contains("user");
    }

    @Test
    void whenTheEntryIsEmptiedAgainDuringTheLoadThenTheEpochStillKeepsTheStaleLoadOut() {
        standings.get(KEY, () -> {
            standings.invalidate(Set.of(KEY));
            standings.cache.invalidate(KEY); // a concurrent eviction empties the entry again before the loader's put
            return Optional.of("admin (read before the change)");
        });
        assertThat(get("developer")).contains("developer");
    }

    @Test
    void whenNothingIsFoundThenNothingIsCached() {
        assertThat(standings.get(KEY, () -> {
            loads.incrementAndGet();
            return Optional.<String>empty();
        })).isEmpty();
        assertThat(get("admin")).contains("admin");
        assertThat(loads).hasValue(2);
    }

    @Test
    void whenInsideATransactionThenTheCacheIsNeitherReadNorFilled() {
        get("admin");
        transactions.begin();
        assertThat(get("developer (uncommitted)")).contains("developer (uncommitted)");
        transactions.rollback();
        assertThat(get("user")).contains("admin");
    }

    @Test
    void whenAChangeIsMarkedInATransactionThenItTakesEffectAtCommitAndNotOnRollback() {
        get("admin");
        transactions.begin();
        standings.invalidate(Set.of(KEY));
        assertThat(standings.cache.getIfPresent(KEY)).isNotNull().hasToString("Loaded[value=admin]");
        transactions.rollback();
        assertThat(get("developer")).contains("admin");

        transactions.begin();
        standings.invalidate(Set.of(KEY));
        transactions.commit();
        assertThat(get("developer")).contains("developer");
    }

    @Test
    void whenAMarkArrivesThenItsIdNamesExactlyTheKeyThatWroteIt() {
        for (StandingCache.Key key : List.of(KEY, new StandingCache.UserKey("a:1", "2:b", null), new StandingCache.UserKey("a", "b", "-"),
                new StandingCache.UserKey("", "", ""), new StandingCache.AdminKeyKey("f00d"), new StandingCache.UserKey("iss", "u1:x-", "org"))) {
            assertThat(StandingCache.Key.parse(key.id())).as(key.id()).isEqualTo(key);
        }
        for (String junk : List.of("", "x", "u", "u1:a", "u1:a1:b1:c-", "k4:f00", "k4:f00dd", "u9:a1:b-", "*")) {
            assertThat(StandingCache.Key.parse(junk)).as(junk).isNull();
        }
    }

    @Test
    void whenKeysDifferInWhereTheirPartsSplitThenTheyAreDifferentEntries() {
        assertThat(new StandingCache.UserKey("a|b", "c", "d").id()).isNotEqualTo(new StandingCache.UserKey("a", "b|c", "d").id());
        assertThat(new StandingCache.UserKey("a", "b", null).id()).isNotEqualTo(new StandingCache.UserKey("a", "b", "-").id());
    }

    @Test
    void whenKeysAreComparedThenEveryPartCountsAndEqualKeysHashAlike() {
        StandingCache.Key key = new StandingCache.UserKey("iss", "sub", "org");
        assertThat(key).isEqualTo(new StandingCache.UserKey(new String("iss"), new String("sub"), new String("org")))
                .hasSameHashCodeAs(new StandingCache.UserKey("iss", "sub", "org"));
        assertThat(key).isNotEqualTo(new StandingCache.UserKey("iss", "sub", null)).isNotEqualTo(new StandingCache.UserKey("iss", "bus", "org"))
                .isNotEqualTo(new StandingCache.UserKey("ssi", "sub", "org")).isNotEqualTo(new StandingCache.AdminKeyKey("iss"));
        assertThat(new StandingCache.AdminKeyKey("f00d")).isEqualTo(new StandingCache.AdminKeyKey("f00d")).isNotEqualTo(new StandingCache.AdminKeyKey("f00e"));
    }

    /** Just enough of a JTA registry: one transaction at a time on the test's thread. */
    static final class FakeTransactions implements TransactionSynchronizationRegistry {
        private int status = Status.STATUS_NO_TRANSACTION;
        private final Map<Object, Object> resources = new HashMap<>();
        private final List<Synchronization> synchronizations = new ArrayList<>();

        FakeTransactions() {
        }

        void begin() {
            status = Status.STATUS_ACTIVE;
        }

        void commit() {
            end(Status.STATUS_COMMITTED);
        }

        void rollback() {
            end(Status.STATUS_ROLLEDBACK);
        }

        private void end(int outcome) {
            status = Status.STATUS_NO_TRANSACTION;
            synchronizations.forEach(s -> s.afterCompletion(outcome));
            synchronizations.clear();
            resources.clear();
        }

        @Override public Object getTransactionKey() { return status == Status.STATUS_ACTIVE ? this : null; }
        @Override public void putResource(Object key, Object value) { resources.put(key, value); }
        @Override public Object getResource(Object key) { return resources.get(key); }
        @Override public void registerInterposedSynchronization(Synchronization sync) { synchronizations.add(sync); }
        @Override public int getTransactionStatus() { return status; }
        @Override public void setRollbackOnly() { }
        @Override public boolean getRollbackOnly() { return false; }
    }
}
