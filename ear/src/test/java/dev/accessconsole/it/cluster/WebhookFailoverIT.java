package dev.accessconsole.it.cluster;

import dev.accessconsole.it.Api;
import dev.accessconsole.it.Api.Person;
import dev.accessconsole.it.Orgs;
import dev.accessconsole.it.WebhookReceiver;
import dev.accessconsole.it.WebhooksIT;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.accessconsole.it.cluster.Cluster.NODE_A;
import static dev.accessconsole.it.cluster.Cluster.NODE_B;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit stream survives the node delivering it: that node is killed (SIGKILL) while the organization keeps changing
 * on the other; the other takes the stream's lease when it lapses and delivers from the cursor, so every event arrives at
 * least once, verified, and the first arrivals are in the stream's order. The killed node is started again.
 */
class WebhookFailoverIT {

    @Test
    void whenTheDeliveringNodeIsKilledThenNoAuditEventIsLostAndTheStreamStaysInOrder() throws Exception {
        Person admin = Api.newPerson("failover-admin");
        String org = Orgs.create(admin, "Failover stream");
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            Api.Response created = admin.request("POST", "/v1/organizations/webhooks").org(org)
                    .json("{\"url\":\"" + receiver.url("/hook") + "\",\"enabled_events\":[\"audit.event_created\"]}").send();
            assertThat(created.status()).as(created.toString()).isEqualTo(200);
            String endpointId = created.json().getString("id");
            receiver.secret(created.json().getString("signing_secret"));

            double deliveredA = delivered(NODE_A);
            double deliveredB = delivered(NODE_B);
            for (int i = 0; i < 3; i++) {
                workspace(admin, org, NODE_A, "Before " + i);
            }
            receiver.awaitAll(WebhooksIT.eventsSince(admin, org, endpointId, NODE_A), Duration.ofSeconds(30));
            // which node delivers: the one whose delivery counter moved
            String deliverer = delivered(NODE_A) > deliveredA ? "1" : delivered(NODE_B) > deliveredB ? "2" : null;
            assertThat(deliverer).as("a node delivered the stream").isNotNull();
            URI survivor = deliverer.equals("1") ? NODE_B : NODE_A;

            workspace(admin, org, survivor, "Just before the kill");
            assertThat(Cluster.script("kill", deliverer)).isTrue();
            long killedAt = System.nanoTime();
            for (int i = 0; i < 4; i++) {
                workspace(admin, org, survivor, "After the kill " + i);
            }
            List<String> all = WebhooksIT.eventsSince(admin, org, endpointId, survivor);
            receiver.awaitAll(all, Duration.ofSeconds(90));
            long takenOverMillis = Duration.ofNanos(System.nanoTime() - killedAt).toMillis();

            assertThat(receiver.refused()).isEmpty();
            Map<String, JsonObject> firstArrivals = new LinkedHashMap<>();
            receiver.verified().forEach(delivery -> firstArrivals.putIfAbsent(delivery.id(), Api.parse(delivery.body())));
            long previous = 0;
            for (JsonObject message : firstArrivals.values()) {
                long sequence = message.getJsonObject("data").getJsonNumber("sequence").longValue();
                assertThat(sequence).as("stream order").isGreaterThan(previous);
                previous = sequence;
            }
            assertThat(firstArrivals.keySet()).containsAll(all);
            System.out.println("SECURITY webhook failover: node " + deliverer + " killed; " + all.size() + " events, "
                    + receiver.verified().size() + " deliveries (" + (receiver.verified().size() - firstArrivals.size())
                    + " repeated), 0 lost; all delivered " + takenOverMillis + " ms after the kill");

            assertThat(Cluster.script("start", deliverer)).as("node " + deliverer + " restarts").isTrue();
        }
        assertThat(Cluster.members(NODE_A)).isEqualTo(2);
        assertThat(Cluster.members(NODE_B)).isEqualTo(2);
    }

    private static void workspace(Person admin, String org, URI node, String name) {
        Api.Response made = admin.request("POST", "/v1/organizations/workspaces").at(node).org(org).json("{\"name\":\"" + name + "\"}").send();
        assertThat(made.status()).as(made.toString()).isEqualTo(200);
    }

    /** The node's delivered-webhooks counter, from its management interface's Prometheus endpoint. */
    private static double delivered(URI node) {
        String metrics = Api.request("GET", "/metrics").at(Cluster.management(node)).send().body();
        for (String line : metrics.split("\n")) {
            if (line.startsWith("accessconsole_webhook_deliveries_total{") && line.contains("outcome=\"delivered\"")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }
}
