package dev.accessconsole.domain.infrastructure.authz;

import org.infinispan.configuration.cache.CacheMode;
import org.infinispan.configuration.cache.ConfigurationBuilder;
import org.infinispan.configuration.global.GlobalConfigurationBuilder;
import org.infinispan.manager.DefaultCacheManager;
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
 * as configure-cluster.cli lays out the servers: marks replicated synchronously, standings on each node. A change
 * committed on node A is enforced by node B on its very next lookup, even when B held the standing or was loading it
 * while the change committed; a node joining drops what the others hold.
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
    }

    private StandingCache node(String name) {
        GlobalConfigurationBuilder global = GlobalConfigurationBuilder.defaultClusteredBuilder();
        global.transport().clusterName("standings-test-" + ProcessHandle.current().pid()).nodeName(name)
                .addProperty("configurationFile", "jgroups-test-tcp.xml");
        DefaultCacheManager manager = new DefaultCacheManager(global.build());
        managers.add(manager);
        manager.defineConfiguration("marks", new ConfigurationBuilder().clustering().cacheMode(CacheMode.REPL_SYNC).build());
        StandingCache node = new StandingCache();
        node.marks = manager.getCache("marks");
        node.transactions = new StandingCacheTest.FakeTransactions();
        node.start();
        return node;
    }

    @AfterEach
    void stop() {
        for (int i = managers.size() - 1; i >= 0; i--) {
            managers.get(i).stop();
        }
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
}
