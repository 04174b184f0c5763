package dev.accessconsole.domain.infrastructure.authz;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.infinispan.Cache;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Callers' standings, assembled, in the server's Infinispan cache {@code accessconsole/standings} (bounded, idle
 * entries expire; configure-server.cli): a warm request reads its standing with one cache lookup, no session, no
 * transaction, no row.
 * <p>
 * Exact invalidation. Every change that can alter a standing marks the standings it affects ({@link #invalidate}, called
 * by {@link StandingInvalidation} for the entities a standing is made of) and the marks are written when the change's
 * transaction commits, before its caller is answered: the next request loads afresh. A load that raced the change never
 * lands over a mark:
 * <ul>
 *   <li>every mark first moves this node's {@link #epoch}; a loader that stored its standing and then sees the epoch
 *       moved since it began takes its entry back. On one node this alone is exact, even when the size bound evicts
 *       a mark;</li>
 *   <li>a mark is a tombstone, not a removal, and a loaded standing is stored only where the entry is still exactly
 *       what the loader saw (absent: {@code putIfAbsent}; a tombstone: {@code replace(key, tombstone, standing)}):
 *       where the cache is shared by several nodes, a load on one node that raced a change committed on another
 *       (whose epoch it never sees) cannot land over the mark either.</li>
 * </ul>
 * Nothing absent is cached: a caller with no standing is looked up each time. Inside a transaction (which may hold its
 * own uncommitted changes) the cache is neither read nor filled.
 */
@ApplicationScoped
public class StandingCache {

    /** What a standing was assembled from; a key of the cache. */
    public sealed interface Key permits UserKey, AdminKeyKey {
    }

    /** A person's standing in one organization; {@code organizationId} null: the organizations they belong to. */
    public record UserKey(String issuer, String subject, String organizationId) implements Key {
    }

    /** An Admin API key's standing, by its secret's hash. */
    public record AdminKeyKey(String secretHash) implements Key {
    }

    private record Loaded(Object value) {
    }

    private record Tombstone(UUID nonce) {
    }

    private static final long TOMBSTONE_MINUTES = 5;

    @Resource(lookup = "java:jboss/infinispan/cache/accessconsole/standings")
    Cache<Key, Object> cache;

    /** The advanced view, taken once: the injected cache builds a decorator on every call otherwise. */
    @jakarta.annotation.PostConstruct
    void advanced() {
        cache = cache.getAdvancedCache();
    }

    @Resource
    TransactionSynchronizationRegistry transactions;

    private final AtomicLong epoch = new AtomicLong();

    /** The cached value for {@code key}, or the loader's (stored when present and not raced by a change). */
    @SuppressWarnings("unchecked")
    public <T> Optional<T> get(Key key, Supplier<Optional<T>> loader) {
        if (transactions.getTransactionStatus() != Status.STATUS_NO_TRANSACTION) {
            // inside a transaction the load may see its own uncommitted changes: never cache (nor serve) those
            return loader.get();
        }
        Object seen = cache.get(key);
        if (seen instanceof Loaded loaded) {
            return Optional.of((T) loaded.value());
        }
        long began = epoch.get();
        Optional<T> value = loader.get();
        if (value.isPresent()) {
            Loaded loaded = new Loaded(value.get());
            boolean stored = seen == null ? cache.putIfAbsent(key, loaded) == null : cache.replace(key, seen, loaded);
            if (stored && epoch.get() != began) {
                cache.remove(key, loaded);
            }
        }
        return value;
    }

    /** Marks the standings of {@code keys} stale when the current transaction commits (at once without one). */
    public void invalidate(Set<? extends Key> keys) {
        if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            mark(keys);
            return;
        }
        @SuppressWarnings("unchecked")
        Set<Key> pending = (Set<Key>) transactions.getResource(StandingCache.class);
        if (pending == null) {
            Set<Key> marks = new LinkedHashSet<>();
            transactions.putResource(StandingCache.class, marks);
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        mark(marks);
                    }
                }
            });
            pending = marks;
        }
        pending.addAll(keys);
    }

    private void mark(Set<? extends Key> keys) {
        for (Key key : keys) {
            epoch.incrementAndGet();
            cache.put(key, new Tombstone(UUID.randomUUID()), TOMBSTONE_MINUTES, TimeUnit.MINUTES);
        }
    }

    /** Forgets every standing on this node (an operator's or a test's reset). */
    public void clear() {
        epoch.incrementAndGet();
        cache.clear();
    }
}
