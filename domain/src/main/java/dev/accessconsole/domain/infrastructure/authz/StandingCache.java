package dev.accessconsole.domain.infrastructure.authz;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.infinispan.Cache;
import org.infinispan.notifications.Listener;
import org.infinispan.notifications.cachelistener.annotation.CacheEntryCreated;
import org.infinispan.notifications.cachelistener.annotation.CacheEntryModified;
import org.infinispan.notifications.cachelistener.annotation.TopologyChanged;
import org.infinispan.notifications.cachelistener.event.CacheEntryEvent;
import org.infinispan.notifications.cachelistener.event.TopologyChangedEvent;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Callers' standings, assembled, in a bounded cache of this node (Caffeine; idle entries expire after ten minutes): a
 * warm request reads its standing with one lookup, no session, no transaction, no row. Standings never leave their
 * node; what crosses the cluster is marks, in the server's Infinispan cache {@code accessconsole/marks}.
 * <p>
 * Exact invalidation. Every change that can alter a standing marks the standings it affects ({@link #invalidate}, called
 * by {@link StandingInvalidation} for the entities a standing is made of) when its transaction commits, before its
 * caller is answered: a mark is a write to the cache {@code accessconsole/marks}, replicated synchronously in a cluster
 * (configure-cluster.cli), and every node, the writer's included, drops the marked standings in a synchronous listener
 * while that write is applied, so the write returns only when every node has dropped them. A load that raced the
 * change never stays: dropping first moves the node's {@link #epoch}, and a loader that stored its standing and then
 * sees the epoch moved since it began takes its entry back. A change of the cluster's members (a node joined, left,
 * or a partition healed) drops every standing on every node, since marks may have been missed meanwhile.
 * <p>
 * Nothing absent is cached: a caller with no standing is looked up each time. Inside a transaction (which may hold its
 * own uncommitted changes) the cache is neither read nor filled.
 */
@Direct
public class StandingCache {

    /** What a standing was assembled from; a key of the cache. */
    public sealed interface Key permits UserKey, AdminKeyKey, ProvisioningKey, OrganizationKey {
        /** The key as marks carry it between nodes: unambiguous text (each part prefixed by its length). */
        String id();

        /** The key whose {@link #id()} this is; null for text no key writes. */
        static Key parse(String id) {
            try {
                int[] at = {1};
                if (id.startsWith("k")) {
                    Key key = new AdminKeyKey(next(id, at));
                    return at[0] == id.length() ? key : null;
                }
                if (id.startsWith("s")) {
                    Key key = new ProvisioningKey(next(id, at));
                    return at[0] == id.length() ? key : null;
                }
                if (id.startsWith("o")) {
                    Key key = new OrganizationKey(next(id, at));
                    return at[0] == id.length() ? key : null;
                }
                if (id.startsWith("u")) {
                    String issuer = next(id, at);
                    String subject = next(id, at);
                    String organization = id.startsWith("-", at[0]) && at[0] + 1 == id.length() ? null : next(id, at);
                    return organization == null || at[0] == id.length() ? new UserKey(issuer, subject, organization) : null;
                }
            } catch (RuntimeException malformed) {
                // not a key's id
            }
            return null;
        }

        private static String next(String id, int[] at) {
            int colon = id.indexOf(':', at[0]);
            int length = Integer.parseInt(id.substring(at[0], colon));
            String part = id.substring(colon + 1, colon + 1 + length);
            at[0] = colon + 1 + length;
            return part;
        }
    }

    /** A person's standing in one organization; {@code organizationId} null: the organizations they belong to. */
    public record UserKey(String issuer, String subject, String organizationId) implements Key {
        @Override
        public String id() {
            return "u" + part(issuer) + part(subject) + (organizationId == null ? "-" : part(organizationId));
        }

        // written out: a record's generated equals and hashCode go through method handles (ObjectMethods), which the
        // profile showed at about 1 % of every request's CPU for this one lookup
        @Override
        public boolean equals(Object other) {
            return other instanceof UserKey that && java.util.Objects.equals(issuer, that.issuer)
                    && java.util.Objects.equals(subject, that.subject) && java.util.Objects.equals(organizationId, that.organizationId);
        }

        @Override
        public int hashCode() {
            return (java.util.Objects.hashCode(issuer) * 31 + java.util.Objects.hashCode(subject)) * 31 + java.util.Objects.hashCode(organizationId);
        }
    }

    /** An Admin API key's standing, by its secret's hash. */
    public record AdminKeyKey(String secretHash) implements Key {
        @Override
        public String id() {
            return "k" + part(secretHash);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof AdminKeyKey that && java.util.Objects.equals(secretHash, that.secretHash);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hashCode(secretHash);
        }
    }

    /** A provisioning credential's standing (an organization's SCIM token), by its secret's hash. */
    public record ProvisioningKey(String secretHash) implements Key {
        @Override
        public String id() {
            return "s" + part(secretHash);
        }
    }

    /**
     * Not a standing but a mark for every person's standing in one organization: what a group's roles or a role's
     * permissions change can reach any of them.
     */
    public record OrganizationKey(String organizationId) implements Key {
        @Override
        public String id() {
            return "o" + part(organizationId);
        }
    }

    private static String part(String text) {
        return text.length() + ":" + text;
    }

    record Loaded(Object value) {
    }

    /** The mark that drops every standing (an operator's or a test's reset). */
    static final String EVERYTHING = "*";

    private static final long MARK_MINUTES = 5;
    private static final Logger LOG = Logger.getLogger(StandingCache.class.getName());

    // keyed by the key itself: a hit hashes three cached String hashes instead of building the id text (the id was a
    // visible part of each request's CPU); marks carry ids, parsed back into keys when they arrive
    final com.github.benmanes.caffeine.cache.Cache<Key, Loaded> cache = Caffeine.newBuilder()
            .maximumSize(100_000).expireAfterAccess(Duration.ofMinutes(10)).build();

    @Resource(lookup = "java:jboss/infinispan/cache/accessconsole/marks")
    Cache<String, String> marks;

    @Resource
    TransactionSynchronizationRegistry transactions;

    private final AtomicLong epoch = new AtomicLong();

    private final MarkListener listener = new MarkListener();

    /** The advanced view, taken once (the injected cache builds a decorator on every call otherwise); marks listened to. */
    @PostConstruct
    void start() {
        marks = marks.getAdvancedCache();
        marks.addListener(listener);
    }

    @PreDestroy
    void stop() {
        marks.removeListener(listener);
    }

    /** The cached value for {@code key}, or the loader's (stored when present and not raced by a change). */
    @SuppressWarnings("unchecked")
    public <T> Optional<T> get(Key key, Supplier<Optional<T>> loader) {
        if (transactions.getTransactionStatus() != Status.STATUS_NO_TRANSACTION) {
            // inside a transaction the load may see its own uncommitted changes: never cache (nor serve) those
            return loader.get();
        }
        Loaded known = cache.getIfPresent(key);
        if (known != null) {
            return Optional.of((T) known.value());
        }
        long began = epoch.get();
        Optional<T> value = loader.get();
        if (value.isPresent()) {
            Loaded loaded = new Loaded(value.get());
            if (cache.asMap().putIfAbsent(key, loaded) == null && epoch.get() != began) {
                cache.asMap().remove(key, loaded);
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
            Set<Key> marked = new LinkedHashSet<>();
            transactions.putResource(StandingCache.class, marked);
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        mark(marked);
                    }
                }
            });
            pending = marked;
        }
        pending.addAll(keys);
    }

    private void mark(Set<? extends Key> keys) {
        for (Key key : keys) {
            write(key.id());
        }
    }

    /** Drops every standing on every node (an operator's or a test's reset). */
    public void clear() {
        write(EVERYTHING);
    }

    private void write(String id) {
        drop(id); // here first, whatever the cluster does
        try {
            marks.put(id, UUID.randomUUID().toString(), MARK_MINUTES, TimeUnit.MINUTES);
        } catch (RuntimeException clusterUnavailable) {
            // a node that cannot be reached is taken out of the view; when it is back, the topology change makes every
            // node drop every standing, so what it missed here cannot outlive its absence
            LOG.log(Level.WARNING, "could not write a standing mark to the whole cluster", clusterUnavailable);
        }
    }

    /** Moves the epoch, then drops the marked standing (all of them for {@link #EVERYTHING}). */
    private void drop(String id) {
        epoch.incrementAndGet();
        if (EVERYTHING.equals(id)) {
            cache.invalidateAll();
        } else {
            Key key = Key.parse(id);
            if (key instanceof OrganizationKey organization) {
                cache.asMap().keySet().removeIf(k -> k instanceof UserKey user && organization.organizationId().equals(user.organizationId()));
            } else if (key != null) {
                cache.invalidate(key);
            } else {
                LOG.log(Level.WARNING, "a standing mark that names no key: dropping every standing");
                cache.invalidateAll();
            }
        }
    }

    /** The nodes that share the marks: this one alone when the cache is local, else the cluster's current members. */
    public List<String> members() {
        List<?> members = marks.getCacheManager().getMembers(); // null without a transport
        return members == null ? List.of(System.getProperty("jboss.node.name", "local")) : members.stream().map(String::valueOf).toList();
    }

    /** Drops on this node what any node marked, while the mark is applied here (synchronously: the writer waits). */
    @Listener(sync = true)
    public final class MarkListener {

        @CacheEntryCreated
        @CacheEntryModified
        public void marked(CacheEntryEvent<String, String> event) {
            if (!event.isPre()) {
                drop(event.getKey());
            }
        }

        @TopologyChanged
        public void membersChanged(TopologyChangedEvent<String, String> event) {
            if (!event.isPre()) {
                drop(EVERYTHING);
            }
        }
    }
}
