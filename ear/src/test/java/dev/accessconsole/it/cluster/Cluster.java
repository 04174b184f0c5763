package dev.accessconsole.it.cluster;

import dev.accessconsole.it.Api;

import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cluster the {@code cluster} profile started (src/main/wildfly/cluster.sh): two nodes and the balancer, on
 * PostgreSQL. Tests reach each node directly, or go through the balancer ({@link Api#BASE}).
 */
final class Cluster {

    static final URI BALANCER = Api.BASE;
    static final URI NODE_A = URI.create(System.getProperty("cluster.node1.url", "http://127.0.0.1:8180"));
    static final URI NODE_B = URI.create(System.getProperty("cluster.node2.url", "http://127.0.0.1:8280"));
    static final Path SCRIPT = Path.of(System.getProperty("cluster.script", "src/main/wildfly/cluster.sh"));

    private Cluster() {
    }

    /** The management interface of a node (port offset 100 per node: 10090, 10190), where its health names its cluster. */
    static URI management(URI node) {
        return URI.create("http://127.0.0.1:" + (9990 + node.getPort() - 8080));
    }

    /** How many members {@code node} says its cluster has (its readiness check "cluster", on the management interface). */
    static int members(URI node) {
        Api.Response ready = Api.request("GET", "/health/ready").at(management(node)).send();
        assertThat(ready.status()).as(ready.toString()).isIn(200, 503);
        return ready.json().getJsonArray("checks").getValuesAs(jakarta.json.JsonObject.class).stream()
                .filter(check -> check.getString("name").equals("cluster")).findFirst().orElseThrow()
                .getJsonObject("data").getInt("members");
    }

    /** Runs the cluster script ("kill 2", "start 2"); true when it exited 0. */
    static boolean script(String... arguments) {
        String[] command = new String[arguments.length + 2];
        command[0] = "bash";
        command[1] = SCRIPT.toString();
        System.arraycopy(arguments, 0, command, 2, arguments.length);
        try {
            Process process = new ProcessBuilder(command).inheritIO().start();
            return process.waitFor(300, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (Exception e) {
            throw new IllegalStateException(String.join(" ", command), e);
        }
    }
}
