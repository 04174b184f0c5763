package dev.accessconsole.it;

import dev.accessconsole.it.Api.Person;
import dev.accessconsole.it.Api.Response;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bounded soak on loopback (not part of the test command; see SECURITY.md): dozens of clients, each an admin of
 * its own organization or a developer in a shared one, mixing reads and writes for a few minutes. Invariants: zero
 * 5xx, and every acknowledged write is found afterwards.
 * Run: {@code ./mvnw verify -Psoak -Dsoak.minutes=3 -Dsoak.clients=32}
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SoakIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.realEar();
    }

    @Test
    void mixedLoadLosesNothingAndNeverFails() throws Exception {
        int clients = Integer.getInteger("soak.clients", 32);
        Duration duration = Duration.ofSeconds((long) (Double.parseDouble(System.getProperty("soak.minutes", "2")) * 60));
        long deadline = System.nanoTime() + duration.toNanos();
        Map<String, List<String>> acknowledged = new ConcurrentHashMap<>();
        AtomicInteger requests = new AtomicInteger();
        AtomicInteger fivexx = new AtomicInteger();
        AtomicInteger limited = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> running = new ArrayList<>();
        List<Person> admins = new ArrayList<>();
        List<String> orgs = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Person admin = Api.newPerson("soak-" + c);
            admins.add(admin);
            orgs.add(Orgs.create(admin, "Soak " + c));
        }
        for (int c = 0; c < clients; c++) {
            Person admin = admins.get(c);
            String orgId = orgs.get(c);
            Random random = new Random(c);
            running.add(pool.submit(() -> {
                List<String> mine = new ArrayList<>();
                acknowledged.put(orgId, mine);
                while (System.nanoTime() < deadline) {
                    Response response = switch (random.nextInt(6)) {
                        case 0 -> admin.request("POST", "/v1/organizations/workspaces").org(orgId).json("{\"name\":\"w" + random.nextInt(1_000_000) + "\"}").send();
                        case 1 -> admin.request("POST", "/v1/organizations/api_keys").org(orgId).json("{\"name\":\"k\"}").send();
                        case 2 -> admin.request("GET", "/v1/organizations/workspaces?limit=50").org(orgId).send();
                        case 3 -> admin.request("GET", "/v1/organizations/users").org(orgId).send();
                        case 4 -> admin.request("GET", "/v1/organizations/api_keys?limit=50").org(orgId).send();
                        default -> admin.request("GET", "/v1/organizations/me/permissions").org(orgId).send();
                    };
                    requests.incrementAndGet();
                    if (response.status() >= 500) {
                        fivexx.incrementAndGet();
                    } else if (response.status() == 429) {
                        limited.incrementAndGet();
                    } else if (response.status() == 200 && response.raw().request().method().equals("POST")) {
                        JsonObject created = response.json();
                        if (created.containsKey("id") && created.getString("id").matches("(wrkspc|apikey)_.*") && created.getString("name").length() > 0) {
                            mine.add(created.getString("id"));
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> future : running) {
            future.get();
        }
        pool.shutdownNow();

        int missing = 0;
        int writes = 0;
        for (int c = 0; c < clients; c++) {
            String orgId = orgs.get(c);
            Person admin = admins.get(c);
            List<String> found = new ArrayList<>();
            for (String list : List.of("/v1/organizations/workspaces", "/v1/organizations/api_keys")) {
                String after = null;
                do {
                    JsonObject page = admin.request("GET", list + "?limit=1000" + (after == null ? "" : "&after_id=" + after)).org(orgId).send().json();
                    page.getJsonArray("data").getValuesAs(JsonObject.class).forEach(o -> found.add(o.getString("id")));
                    after = page.getBoolean("has_more") ? page.getString("last_id") : null;
                } while (after != null);
            }
            List<String> mine = acknowledged.get(orgId);
            writes += mine.size();
            missing += (int) mine.stream().filter(id -> !found.contains(id)).count();
        }
        System.out.printf("SECURITY soak: %d clients, %s, %d requests (%.0f/s), %d acknowledged writes, %d missing, %d 5xx, %d 429%n",
                clients, duration, requests.get(), requests.get() / (double) duration.toSeconds(), writes, missing, fivexx.get(), limited.get());
        assertThat(fivexx.get()).isZero();
        assertThat(missing).isZero();
        assertThat(writes).isPositive();
    }
}
