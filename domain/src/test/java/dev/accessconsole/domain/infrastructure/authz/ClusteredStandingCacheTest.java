package dev.accessconsole.domain.infrastructure.authz;

import org.infinispan.configuration.cache.CacheMode;
import org.infinispan.configuration.cache.ConfigurationBuilder;
import org.infinispan.configuration.global.GlobalConfigurationBuilder;
import org.infinispan.factories.GlobalComponentRegistry;
import org.infinispan.manager.DefaultCacheManager;
import org.infinispan.remoting.transport.Transport;
import org.infinispan.remoting.transport.jgroups.JGroupsTransport;
import org.jgroups.JChannel;
import org.jgroups.protocols.DISCARD;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Zero staleness across nodes, on two real clustered Infinispan cache managers (JGroups over TCP on loopback) laid out
 * as configure-cluster.cli lays out the servers: marks replicated synchronously with its half-second remote timeout,
 * standings on each node. A change committed on node A is enforced by node B on its very next lookup, even when B held
 * the standing or was loading it while the change committed; a node joining drops what the others hold. A node cut off
 * (JGroups' DISCARD: in the view, but deaf and mute, as a paused or partitioned node is) holds no lease: the writer's
 * mark is not acknowledged, the writer waits out the lease instead of the failure detection, and the cut-off node never
 * answers from a standing it may have missed a mark for; back, its first renewal is refused and it starts afresh.
 */
class ClusteredStandingCacheTest {

    private static final StandingCache.Key KEY = new StandingCache.UserKey("https://issuer", "subject", "org_1");

    private final List<DefaultCacheManager> managers = new ArrayList<>();
    private StandingCache nodeA;
    private StandingCache nodeB;
    private final AtomicInteger loadsOnB = new AtomicInteger();

    @BeforeEach
    void cluster() {
        nodeA = node("A");
        nodeB = node("B");
        assertThat(nodeA.members()).hasSize(2);
        renewAll();
        assertThat(nodeA.leased()).isTrue();
        assertThat(nodeB.leased()).isTrue();
    }

    /** A node whose lease the test renews by hand (no scheduler: every step is the test's own). */
    private StandingCache node(String name) {
        GlobalConfigurationBuilder global = GlobalConfigurationBuilder.defaultClusteredBuilder();
        global.transport().clusterName("standings-test-" + ProcessHandle.current().pid()).nodeName(name)
                .addProperty("configurationFile", "jgroups-test-tcp.xml");
        DefaultCacheManager manager = new DefaultCacheManager(global.build());
        managers.add(manager);
        manager.defineConfiguration("marks", new ConfigurationBuilder().clustering().cacheMode(CacheMode.REPL_SYNC)
                .remoteTimeout(500).build());
        StandingCache node = new StandingCache();
        node.marks = manager.getCache("marks");
        node.transactions = new StandingCacheTest.FakeTransactions();
        node.start();
        node.expectedMembers = 2;
        return node;
    }

    @AfterEach
    void stop() {
        for (int i = managers.size() - 1; i >= 0; i--) {
            managers.get(i).stop();
        }
    }

    private void renewAll() {
        nodeA.renew();
        nodeB.renew();
    }

    /** Cuts a node off, or lets it back: its JGroups DISCARD drops everything it would send or receive. */
    private void cutOff(int node, boolean off) {
        JChannel channel = ((JGroupsTransport) GlobalComponentRegistry.componentOf(managers.get(node), Transport.class)).getChannel();
        ((DISCARD) channel.getProtocolStack().findProtocol(DISCARD.class)).discardAll(off);
    }

    private Optional<String> getOnB(String value) {
        return nodeB.get(KEY, () -> {
            loadsOnB.incrementAndGet();
            return Optional.of(value);
        });
    }

    @Test
    void whenAChangeCommitsOnAThenBLoadsAfreshOnItsNextLookup() {
        assertThat(getOnB("admin")).contains("admin");
        assertThat(getOnB("admin again")).contains("admin");

        nodeA.invalidate(Set.of(KEY));

        assertThat(getOnB("developer")).contains("developer");
        assertThat(loadsOnB).hasValue(2);
    }

    @Test
    void whenAChangeCommitsOnAWhileBIsLoadingThenBsStaleLoadIsNotKept() {
        Optional<String> raced = nodeB.get(KEY, () -> {
            nodeA.invalidate(Set.of(KEY)); // A commits between B's read of the database and B's put
            return Optional.of("admin (read before the change)");
        });
        assertThat(raced).contains("admin (read before the change)");
        assertThat(getOnB("developer")).contains("developer");
    }

    @Test
    void whenAChangeIsMarkedInATransactionOnAThenBDropsItOnlyAtCommit() {
        getOnB("admin");
        StandingCacheTest.FakeTransactions transactionsOnA = (StandingCacheTest.FakeTransactions) nodeA.transactions;
        transactionsOnA.begin();
        nodeA.invalidate(Set.of(KEY));
        assertThat(getOnB("developer (not committed)")).contains("admin");
        transactionsOnA.commit();
        assertThat(getOnB("developer")).contains("developer");
    }

    @Test
    void whenANodeJoinsThenTheOthersDropWhatTheyHeld() {
        getOnB("admin");
        node("C");
        assertThat(nodeB.members()).hasSize(3);
        assertThat(getOnB("developer")).contains("developer");
    }

    @Test
    void whenOneNodeClearsThenEveryNodeLoadsAfresh() {
        getOnB("admin");
        nodeA.clear();
        assertThat(getOnB("developer")).contains("developer");
    }

    @Test
    void whenANodeIsCutOffThenTheWriterWaitsOutItsLeaseAndItNeverAnswersWithWhatItMissed() {
        assertThat(getOnB("admin")).contains("admin");
        cutOff(1, true);

        long started = System.nanoTime();
        nodeA.invalidate(Set.of(KEY)); // B does not acknowledge
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        // the writer answered only once B's lease must have run out: remote timeout, then the lease
        assertThat(tookMillis).isGreaterThanOrEqualTo(StandingCache.LEASE.toMillis());
        assertThat(tookMillis).as("bounded by the remote timeout and a lease, not failure detection").isLessThan(10_000);
        assertThat(nodeB.leased()).isFalse();
        assertThat(getOnB("developer")).as("B never answers with the standing it missed a mark for").contains("developer");

        cutOff(1, false);
        nodeB.renew(); // refused by A, which B's mark missed: B drops everything
        assertThat(nodeB.leased()).isFalse();
        nodeB.renew();
        assertThat(nodeB.leased()).isTrue();
        assertThat(getOnB("developer, loaded after the renewal")).contains("developer, loaded after the renewal");
        assertThat(getOnB("cached again")).contains("developer, loaded after the renewal");
    }

    @Test
    void whenANodeSeesFewerMembersThanTheClusterHasThenItHoldsNoLease() {
        nodeB.expectedMembers = 3;
        nodeB.renew();
        assertThat(nodeB.leased()).isFalse();
        assertThat(getOnB("first")).contains("first");
        assertThat(getOnB("second")).as("no lease: every lookup reads afresh").contains("second");
        nodeB.expectedMembers = 2;
        nodeB.renew();
        assertThat(nodeB.leased()).isTrue();
    }

    @Test
    void whenALeaseRunsOutUnrenewedThenTheNodeReadsAfreshAndDropsEverythingBeforeServingAgain() throws Exception {
        assertThat(getOnB("admin")).contains("admin");
        Thread.sleep(StandingCache.LEASE.toMillis() + 50);
        assertThat(nodeB.leased()).isFalse();
        assertThat(getOnB("unleased")).contains("unleased");
        nodeB.renew();
        assertThat(getOnB("after the lapse")).as("what was cached before the lapse is gone").contains("after the lapse");
    }
}
