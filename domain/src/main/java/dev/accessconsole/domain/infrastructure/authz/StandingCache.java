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
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Callers' standings, assembled, in a bounded cache of this node (Caffeine; idle entries expire after ten minutes): a
 * warm request reads its standing with one lookup, no session, no transaction, no row. Standings never leave their
 * node; what crosses the cluster is marks, in the server's Infinispan cache {@code accessconsole/marks}. Beside
 * standings it keeps what the guard reads of workspaces (their kind and whether archived) and which workspace an API
 * key is in (never changes).
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
 * Leases: a node that cannot be reached never serves what it missed, and a writer never waits for it longer than about
 * a second. In a cluster a node answers from this cache only while it holds a lease: every {@link #RENEW_EVERY} it
 * writes {@code ~lease:<node>} to the marks cache (every member acknowledges it, synchronously, within the cache's
 * remote timeout), which makes it good for {@link #LEASE} from the moment the renewal began, and only while it sees
 * every member the cluster is configured with ({@link #expectedMembers}); a lease that lapsed drops everything before
 * the node serves again. A writer whose mark a member did not acknowledge (a paused or partitioned node) suspects
 * every other member: it waits until a lease renewed before its mark failed has run out ({@link #LEASE} after the
 * failure, with a margin), then answers; each suspected member's next renewal is refused by the writer (its listener
 * throws), so that member drops every standing before it serves again. A renewal from a node outside the writer's view
 * (one dropped by failure detection that has not noticed yet) is refused too. Hence: no node answers from a standing a
 * committed change made stale once that change is answered, and no write waits more than the remote timeout and a
 * lease. Without a lease a node loads every standing from the database (correct, slower).
 * <p>
 * Nothing absent is cached: a caller with no standing is looked up each time. Inside a transaction (which may hold its
 * own uncommitted changes) the cache is neither read nor filled.
 */
@Direct
public class StandingCache {

    /** What a standing was assembled from; a key of the cache. */
    public sealed interface Key permits UserKey, AdminKeyKey, ProvisioningKey, OrganizationKey, WorkspaceKey, ApiKeyWorkspaceKey {
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
                if (id.startsWith("w")) {
                    Key key = new WorkspaceKey(next(id, at), next(id, at));
                    return at[0] == id.length() ? key : null;
                }
                if (id.startsWith("a")) {
                    Key key = new ApiKeyWorkspaceKey(next(id, at));
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

    /** What the guard reads of a workspace: its kind and whether it is archived. */
    public record WorkspaceKey(String organizationId, String workspaceId) implements Key {
        @Override
        public String id() {
            return "w" + part(organizationId) + part(workspaceId);
        }
    }

    /** Which organization and workspace an API key is in (set at its creation, never changed: never marked). */
    public record ApiKeyWorkspaceKey(String apiKeyId) implements Key {
        @Override
        public String id() {
            return "a" + part(apiKeyId);
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

    /** How long a renewal keeps a node's lease, from the moment the renewal began. */
    static final Duration LEASE = Duration.ofMillis(1000);
    /** How often a node renews its lease. */
    static final Duration RENEW_EVERY = Duration.ofMillis(200);
    /** What a writer adds to a lease when it waits one out (clocks of two machines run at slightly different rates). */
    static final Duration MARGIN = Duration.ofMillis(100);
    /** The key prefix of renewals in the marks cache (no key's id starts with it). */
    static final String LEASE_PREFIX = "~lease:";

    // keyed by the key itself: a hit hashes three cached String hashes instead of building the id text (the id was a
    // visible part of each request's CPU); marks carry ids, parsed back into keys when they arrive
    final com.github.benmanes.caffeine.cache.Cache<Key, Loaded> cache = Caffeine.newBuilder()
            .maximumSize(100_000).expireAfterAccess(Duration.ofMinutes(10)).build();

    @Resource(lookup = "java:jboss/infinispan/cache/accessconsole/marks")
    Cache<String, String> marks;

    @Resource
    TransactionSynchronizationRegistry transactions;

    /** Renews this node's lease in a cluster (the server's managed scheduler). */
    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ScheduledExecutorService scheduler;

    private final AtomicLong epoch = new AtomicLong();

    // what the metrics read (web ApplicationMetrics): plain counters, so that this class needs no metrics library
    private final java.util.concurrent.atomic.LongAdder hits = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder misses = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder marksReceived = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder marksWritten = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder markNanos = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder marksUnacknowledged = new java.util.concurrent.atomic.LongAdder();

    private final MarkListener listener = new MarkListener();

    /** Whether the marks cache is shared with other nodes (else this node alone decides, and needs no lease). */
    private boolean clustered;
    /** This node's name in the cluster. */
    private String self = "local";
    /** How many members the cluster is configured with: a node that sees fewer holds no lease. */
    int expectedMembers = 1;
    /** Until when (System.nanoTime) this node may answer from its cache; a past value: not now. */
    private volatile long leaseUntil;
    /** Members whose acknowledgement of a mark this node did not get, and when it found out (System.nanoTime). */
    private final Map<String, Long> suspects = new ConcurrentHashMap<>();
    private ScheduledFuture<?> renewals;
    private final AtomicLong lastWarned = new AtomicLong(System.nanoTime() - Duration.ofMinutes(1).toNanos());

    /** The advanced view, taken once (the injected cache builds a decorator on every call otherwise); marks listened to. */
    @PostConstruct
    void start() {
        marks = marks.getAdvancedCache();
        clustered = marks.getCacheConfiguration().clustering().cacheMode().isClustered();
        if (clustered) {
            self = String.valueOf(marks.getCacheManager().getAddress());
            expectedMembers = configuredMembers();
        }
        marks.addListener(listener);
        if (clustered) {
            renewQuietly();
            if (scheduler != null) { // none: renewals are the caller's (the tests' own steps)
                renewals = scheduler.scheduleWithFixedDelay(this::renewQuietly, RENEW_EVERY.toMillis(), RENEW_EVERY.toMillis(),
                        TimeUnit.MILLISECONDS);
            }
        }
    }

    @PreDestroy
    void stop() {
        if (renewals != null) {
            renewals.cancel(false);
        }
        marks.removeListener(listener);
    }

    /**
     * The number of members the cluster is configured with: {@code accessconsole.cluster.size} when set, else the entries
     * of {@code CLUSTER_MEMBERS} (configure-cluster.cli's static member list), else two.
     */
    static int configuredMembers() {
        String size = System.getProperty("accessconsole.cluster.size");
        if (size != null && !size.isBlank()) {
            return Integer.parseInt(size.strip());
        }
        String members = System.getenv("CLUSTER_MEMBERS");
        if (members != null && !members.isBlank()) {
            return (int) java.util.Arrays.stream(members.split(",")).filter(m -> !m.isBlank()).count();
        }
        return 2;
    }

    /** Whether this node may answer from its cache now: alone always; in a cluster while its lease runs. */
    public boolean leased() {
        return !clustered || leaseUntil - System.nanoTime() > 0;
    }

    /**
     * Renews this node's lease: a write every member acknowledges (or refuses, when it missed a mark of this node's or
     * does not count it a member). A lease that had lapsed drops everything first: marks may have been missed meanwhile.
     */
    void renew() {
        long started = System.nanoTime();
        boolean lapsed = leaseUntil - started <= 0;
        List<String> reached = markMembers();
        if (reached.size() < expectedMembers || !reached.contains(self)) {
            leaseUntil = started; // part of the cluster is out of reach: what it writes might not reach this node
            return;
        }
        try {
            marks.put(LEASE_PREFIX + self, Long.toString(started), MARK_MINUTES, TimeUnit.MINUTES);
        } catch (RuntimeException refused) {
            leaseUntil = started;
            drop(EVERYTHING);
            warn(() -> "lease not renewed (this node loads standings from the database until it is): " + refused);
            return;
        }
        if (lapsed) {
            drop(EVERYTHING);
        }
        leaseUntil = started + LEASE.toNanos();
    }

    private void renewQuietly() {
        try {
            renew();
        } catch (Throwable unexpected) {
            leaseUntil = System.nanoTime();
            warn(() -> "lease renewal failed: " + unexpected);
        }
    }

    private void warn(Supplier<String> message) {
        long now = System.nanoTime();
        long last = lastWarned.get();
        if (now - last > Duration.ofSeconds(10).toNanos() && lastWarned.compareAndSet(last, now)) {
            LOG.log(Level.WARNING, message);
        }
    }

    /** The cached value for {@code key}, or the loader's (stored when present and not raced by a change). */
    @SuppressWarnings("unchecked")
    public <T> Optional<T> get(Key key, Supplier<Optional<T>> loader) {
        if (transactions.getTransactionStatus() != Status.STATUS_NO_TRANSACTION) {
            // inside a transaction the load may see its own uncommitted changes: never cache (nor serve) those
            return loader.get();
        }
        if (!leased()) {
            // no lease: this node may have missed a mark, so it neither answers from its cache nor fills it
            return loader.get();
        }
        Loaded known = cache.getIfPresent(key);
        if (known != null) {
            hits.increment();
            return Optional.of((T) known.value());
        }
        misses.increment();
        long began = epoch.get();
        Optional<T> value = loader.get();
        if (value.isPresent() && leased()) {
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
        write(keys.stream().map(Key::id).toList());
    }

    /** Drops every standing on every node (an operator's or a test's reset). */
    public void clear() {
        write(List.of(EVERYTHING));
    }

    /**
     * Drops the marked standings here, then on every node in one synchronous write. When a member does not acknowledge
     * it within the cache's remote timeout, waits until that member's lease must have run out (see the class comment)
     * and marks every other member suspect, so that none serves again before it has dropped everything.
     */
    private void write(List<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        ids.forEach(this::drop); // here first, whatever the cluster does
        java.util.Map<String, String> batch = new java.util.LinkedHashMap<>();
        String value = UUID.randomUUID().toString();
        ids.forEach(id -> batch.put(id, value));
        long began = System.nanoTime();
        try {
            marks.putAll(batch, MARK_MINUTES, TimeUnit.MINUTES);
            marksWritten.increment();
            markNanos.add(System.nanoTime() - began);
        } catch (RuntimeException unacknowledged) {
            marksUnacknowledged.increment();
            long failedAt = System.nanoTime();
            for (String member : markMembers()) {
                if (!member.equals(self)) {
                    suspects.put(member, failedAt);
                }
            }
            long until = failedAt + LEASE.toNanos() + MARGIN.toNanos();
            for (long left = until - System.nanoTime(); left > 0; left = until - System.nanoTime()) {
                java.util.concurrent.locks.LockSupport.parkNanos(left);
            }
            warn(() -> "a standing mark was not acknowledged by every member; waited out their leases ("
                    + Duration.ofNanos(System.nanoTime() - failedAt).toMillis() + " ms): " + unacknowledged);
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

    /**
     * The nodes a mark written here reaches now: the marks cache's write topology. It can differ from the cluster's view
     * for a while (a node that joined or merged back is in the view before the cache's topology holds it): leases go by
     * this, never by the view.
     */
    List<String> markMembers() {
        if (!clustered) {
            return List.of(self);
        }
        var topology = marks.getAdvancedCache().getDistributionManager().getCacheTopology();
        if (topology == null) {
            return List.of();
        }
        return topology.getWriteConsistentHash().getMembers().stream().map(String::valueOf).toList();
    }

    /**
     * What this node's cache did since it started: lookups answered from it and loaded, marks applied here (this node's
     * and the others'), marks this node wrote and the time their synchronous replication took, marks a member did not
     * acknowledge, the standings held now, and whether this node holds its lease.
     */
    public record Stats(long hits, long misses, long marksReceived, long marksWritten, long markReplicationNanos,
                        long marksUnacknowledged, long size, boolean leased) {
    }

    public Stats stats() {
        return new Stats(hits.sum(), misses.sum(), marksReceived.sum(), marksWritten.sum(), markNanos.sum(),
                marksUnacknowledged.sum(), cache.estimatedSize(), leased());
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
            String key = event.getKey();
            if (key.startsWith(LEASE_PREFIX)) {
                if (event.isPre() && !event.isOriginLocal()) {
                    String node = key.substring(LEASE_PREFIX.length());
                    // refused: the renewal fails on that node, which drops everything before it serves again
                    // (a JDK exception: the renewing node must be able to read it back)
                    if (suspects.remove(node) != null) {
                        throw new IllegalStateException("node " + node + " missed a standing mark of " + self);
                    }
                    if (!markMembers().contains(node)) {
                        throw new IllegalStateException("node " + node + " is not in the topology " + self + " writes its marks to");
                    }
                }
                return;
            }
            if (!event.isPre()) {
                marksReceived.increment();
                drop(key);
            }
        }

        @TopologyChanged
        public void membersChanged(TopologyChangedEvent<String, String> event) {
            if (!event.isPre()) {
                drop(EVERYTHING);
                if (scheduler != null && clustered) {
                    scheduler.execute(StandingCache.this::renewQuietly); // serve again as soon as the view allows
                }
            }
        }
    }
}
