import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An identity provider's first full sync through /scim/v2, as Okta and Entra ID do it: every user created (POST /Users),
 * then every group created (POST /Groups) and its members pushed (PATCH add members, a batch of people per call).
 * With an admin's token (ADMIN_TOKEN, optional), then every group is given role_developer through the Admin API (each
 * change settles what its members hold) and, with groups now carrying a role, people move: each call a PATCH removing
 * BATCH/5 members of a group and adding as many others (each person's roles before and after, settled).
 * Run as a single-file program: java bench/ScimSync.java BASE TOKEN USERS GROUPS MEMBERSHIPS THREADS BATCH [ADMIN_TOKEN]
 * Prints, per phase, calls, seconds, calls/s and p50/p95/p99/max latency in ms; exits 1 on any answer that is not 2xx.
 */
public class ScimSync {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String token = args[1];
        int users = Integer.parseInt(args[2]);
        int groups = Integer.parseInt(args[3]);
        int memberships = Integer.parseInt(args[4]);
        int threads = Integer.parseInt(args[5]);
        int batch = Integer.parseInt(args[6]);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long started = System.nanoTime();

        String[] userIds = new String[users];
        phase("users: POST /scim/v2/Users", pool, users, i -> {
            String body = "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"person" + i + "@sync.example\","
                    + "\"name\":{\"givenName\":\"Person\",\"familyName\":\"" + i + "\"},\"externalId\":\"ext-" + i + "\",\"active\":true}";
            userIds[i] = id(send(base, token, "POST", "/scim/v2/Users", body));
        });

        String[] groupIds = new String[groups];
        phase("groups: POST /scim/v2/Groups", pool, groups, g -> {
            groupIds[g] = id(send(base, token, "POST", "/scim/v2/Groups", "{\"displayName\":\"Team " + g + "\",\"externalId\":\"grp-" + g + "\"}"));
        });

        int perGroup = memberships / groups;
        int calls = groups * ((perGroup + batch - 1) / batch);
        phase("memberships: PATCH /scim/v2/Groups/{id} add " + batch + " members", pool, calls, c -> {
            int callsPerGroup = (perGroup + batch - 1) / batch;
            int g = c / callsPerGroup;
            int from = (c % callsPerGroup) * batch;
            StringBuilder members = new StringBuilder();
            for (int j = from; j < Math.min(perGroup, from + batch); j++) {
                int user = (g * perGroup + j) % users;
                members.append(members.length() == 0 ? "" : ",").append("{\"value\":\"").append(userIds[user]).append("\"}");
            }
            send(base, token, "PATCH", "/scim/v2/Groups/" + groupIds[g] + "?excludedAttributes=members",
                    "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"add\",\"path\":\"members\",\"value\":["
                            + members + "]}]}");
        });
        System.out.printf("total: %d users, %d groups, %d memberships in %.1f s%n", users, groups, perGroup * groups,
                (System.nanoTime() - started) / 1e9);

        if (args.length > 7) {
            String admin = args[7];
            phase("roles: POST /v1/organizations/rbac_groups/{id} role_ids [role_developer] (" + perGroup + " members each)", pool, groups,
                    g -> send(base, admin, "POST", "/v1/organizations/rbac_groups/" + groupIds[g], "{\"role_ids\":[\"role_developer\"]}"));
            int move = Math.max(1, batch / 5);
            phase("moves: PATCH /scim/v2/Groups/{id} remove " + move + " and add " + move + " members (groups carrying a role)", pool, groups, g -> {
                StringBuilder out = new StringBuilder();
                StringBuilder in = new StringBuilder();
                for (int j = 0; j < move; j++) {
                    out.append(out.length() == 0 ? "" : ",").append("{\"value\":\"").append(userIds[(g * perGroup + j) % users]).append("\"}");
                    in.append(in.length() == 0 ? "" : ",").append("{\"value\":\"").append(userIds[(g * perGroup + perGroup + j) % users]).append("\"}");
                }
                send(base, token, "PATCH", "/scim/v2/Groups/" + groupIds[g] + "?excludedAttributes=members",
                        "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"remove\",\"path\":\"members\",\"value\":["
                                + out + "]},{\"op\":\"add\",\"path\":\"members\",\"value\":[" + in + "]}]}");
            });
        }
        pool.shutdown();
    }

    interface Call {
        void run(int index) throws Exception;
    }

    private static void phase(String name, ExecutorService pool, int count, Call call) throws Exception {
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger next = new AtomicInteger();
        long started = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < ((java.util.concurrent.ThreadPoolExecutor) pool).getCorePoolSize(); t++) {
            workers.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    long at = System.nanoTime();
                    call.run(i);
                    latencies.add(System.nanoTime() - at);
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf("%s: %d calls in %.1f s (%.0f calls/s); latency ms p50 %.1f, p95 %.1f, p99 %.1f, max %.1f%n", name, count, seconds,
                count / seconds, ms(sorted, 0.50), ms(sorted, 0.95), ms(sorted, 0.99), sorted.get(sorted.size() - 1) / 1e6);
    }

    private static double ms(List<Long> sorted, double quantile) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(quantile * sorted.size()) - 1)) / 1e6;
    }

    private static String send(String base, String token, String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token).header("content-type", path.startsWith("/v1/") ? "application/json" : "application/scim+json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            System.err.println(method + " " + path + " → " + response.statusCode() + " " + response.body());
            System.exit(1);
        }
        return response.body();
    }

    private static String id(String body) {
        Matcher matcher = ID.matcher(body);
        if (!matcher.find()) {
            throw new IllegalStateException("no id in " + body);
        }
        return matcher.group(1);
    }
}
