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

import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile input, generated: every operation of /openapi (so new endpoints are covered without touching this test),
 * called by org admins with malformed, deeply nested, mistyped, oversized, unicode and forbidden-field bodies, junk
 * query parameters and malformed ids, from a fixed seed. Invariant: zero 5xx, every error in the API's shape.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HostileInputIT {

    private static final long SEED = Long.getLong("hostile.seed", 20261128L);
    private static final int VARIANTS = Integer.getInteger("hostile.variants", 24);

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.realEar();
    }

    private static final List<String> BODIES = List.of(
            "", "{", "}", "[", "null", "true", "42", "\"text\"", "[]", "{}", "{\"name\":", "{\"name\":null}", "{\"name\":42}",
            "{\"name\":[1,2]}", "{\"name\":{\"nested\":true}}", "{\"name\":\"" + "x".repeat(5000) + "\"}",
            "{\"name\":\"\\u0000\\u0007 control\"}", "{\"email\":\"a\\u0000@example.com\",\"role\":\"user\"}",
            "{\"name\":\"p\",\"model\":\"m\",\"system\":\"\\u0000\",\"messages\":[]}", "{\"name\":\"名前 🚀 ÿ\\u202e\"}", "{\"role\":\"owner\"}", "{\"role\":123}",
            "{\"email\":\"@@\",\"role\":\"user\"}", "{\"workspace_role\":\"workspace_billing\",\"user_id\":\"user_x\"}",
            "{\"id\":\"wrkspc_forged\",\"organization_id\":\"00000000-0000-0000-0000-000000000000\",\"created_by\":\"user_forged\",\"name\":\"Forged\"}",
            "{\"status\":\"deleted\"}", "{\"requests_per_minute\":-5}", "{\"requests_per_minute\":\"lots\"}",
            "{\"monthly_spend_limit_cents\":1e400}", "{\"key\":\"sk-ant-api03-" + "A".repeat(300) + "\"}",
            "{\"messages\":\"not an array\",\"name\":\"p\",\"model\":\"m\"}", "{\"address\":\"not an object\"}",
            "[".repeat(5000) + "]".repeat(5000), "{\"a\":".repeat(2000) + "1" + "}".repeat(2000),
            "{\"event_id\":\"e\",\"api_key_id\":\"apikey_x\",\"model\":\"m\",\"input_tokens\":-1,\"output_tokens\":1e30}");

    private static final List<String> QUERIES = List.of("", "limit=0", "limit=-1", "limit=1001", "limit=abc", "limit=99999999999999999999",
            "after_id=%00", "before_id=' OR 1=1 --", "after_id=a&before_id=b", "include_default=maybe", "include_archived=TRUE",
            "starting_at=yesterday", "starting_at=2026-01-01T00:00:00Z&ending_at=2025-01-01T00:00:00Z", "starting_at=2026-01-01T00:00:00Z&bucket_width=1y",
            "starting_at=2026-01-01T00:00:00Z&group_by[]=everything", "roles[]=owner", "status=bogus", "workspace_id=" + "w".repeat(3000),
            "permission=root:all", "page=page_-1", "email=%F0%9F%98%80");

    private static final List<String> IDS = List.of("nope", "user_", "wrkspc_" + "9".repeat(500), "..%2F..%2Fetc%2Fpasswd", "%00", "' OR '1'='1",
            "00000000-0000-0000-0000-000000000000", "🚀", "apikey_01ABC", "invite_01ABC", "-1");

    @Test
    void generatedHostileRequestsNeverCauseA5xx() {
        Person owner = Api.newPerson("fuzz-owner");
        String orgId = Orgs.create(owner, "Fuzz");
        List<Person> callers = new ArrayList<>(List.of(owner));
        for (int i = 0; i < 3; i++) {
            callers.add(Orgs.join(orgId, owner, "admin", "fuzz-admin-" + i));
        }
        String workspaceId = owner.request("POST", "/v1/organizations/workspaces").json("{\"name\":\"Fuzzed\"}").send().json().getString("id");
        JsonObject paths = Api.request("GET", "/openapi?format=JSON").header("Accept", "application/json").send().json().getJsonObject("paths");

        Random random = new Random(SEED);
        List<String> fivexx = new ArrayList<>();
        List<String> badShape = new ArrayList<>();
        int sent = 0;
        for (String template : paths.keySet()) {
            for (String method : paths.getJsonObject(template).keySet()) {
                if (!List.of("get", "post", "put", "delete").contains(method)) {
                    continue;
                }
                for (int v = 0; v < VARIANTS; v++) {
                    String path = fill(template, random, workspaceId);
                    String query = encodeQuery(QUERIES.get(random.nextInt(QUERIES.size())));
                    String target = path + (query.isEmpty() ? "" : "?" + query);
                    Person caller = callers.get(sent % callers.size());
                    Api.Request request = caller.request(method.toUpperCase(), target).org(orgId);
                    if (!method.equals("get") && !method.equals("delete")) {
                        request.json(BODIES.get(random.nextInt(BODIES.size())));
                    }
                    Response response;
                    try {
                        response = request.send();
                    } catch (IllegalStateException refusedAtTheDoor) {
                        continue; // the server closed the connection (e.g. an oversized request line): nothing served
                    }
                    sent++;
                    if (response.status() >= 500) {
                        fivexx.add(method + " " + target + " → " + response);
                    } else if (response.status() >= 400 && !hasErrorShape(response)) {
                        badShape.add(method + " " + target + " → " + response);
                    }
                }
            }
        }
        System.out.println("SECURITY hostile input: " + sent + " generated requests (seed " + SEED + "), " + fivexx.size() + " 5xx");
        assertThat(sent).isGreaterThan(1000);
        assertThat(fivexx).isEmpty();
        assertThat(badShape).isEmpty();

        // forbidden fields are ignored, never applied
        JsonObject forged = owner.request("POST", "/v1/organizations/workspaces").org(orgId)
                .json("{\"name\":\"Honest\",\"id\":\"wrkspc_forged\",\"organization_id\":\"00000000-0000-0000-0000-000000000000\",\"archived_at\":\"2020-01-01T00:00:00Z\"}")
                .send().json();
        assertThat(forged.getString("id")).isNotEqualTo("wrkspc_forged");
        assertThat(forged.getString("compartment_id")).isEqualTo(orgId);
        assertThat(forged.isNull("archived_at")).isTrue();
        Person member = Orgs.join(orgId, owner, "user", "plain");
        JsonObject promotedSelf = member.request("POST", "/v1/invites/invite_x/accept").json("{\"role\":\"admin\"}").send().json();
        assertThat(promotedSelf.getString("type")).isEqualTo("error");
        assertThat(owner.request("GET", "/v1/organizations/users/" + member.userId()).org(orgId).send().json().getString("role")).isEqualTo("user");
    }

    @Test
    void oversizedBodiesAre413InTheErrorShape() throws Exception {
        Person owner = Api.newPerson("big");
        Orgs.create(owner, "Big");
        // a client announcing a 2 MiB body is refused before it sends it
        String head;
        try (Socket socket = new Socket(Api.BASE.getHost(), Api.BASE.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /v1/organizations/workspaces HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + owner.token()
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + (2 * 1024 * 1024) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            head = new String(socket.getInputStream().readNBytes(4096), StandardCharsets.UTF_8);
        }
        assertThat(head).startsWith("HTTP/1.1 413").contains("\"type\":\"request_too_large\"");
        assertThat(owner.request("GET", "/v1/organizations/workspaces").send().json().getJsonArray("data")).isEmpty();
        Response headers = owner.request("GET", "/v1/organizations/workspaces").header("x-padding", "p".repeat(70_000)).send();
        assertThat(headers.status()).isEqualTo(413);
        assertThat(headers.errorType()).isEqualTo("request_too_large");
    }

    private static String fill(String template, Random random, String workspaceId) {
        StringBuilder out = new StringBuilder();
        for (String segment : template.split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            out.append('/');
            if (segment.startsWith("{")) {
                boolean useReal = segment.equals("{workspace_id}") && random.nextBoolean();
                out.append(useReal ? workspaceId : URLEncoder.encode(IDS.get(random.nextInt(IDS.size())), StandardCharsets.UTF_8)
                        .replace("%25", "%"));
            } else {
                out.append(segment);
            }
        }
        return out.toString();
    }

    /** Percent-encodes each value, as a client would send it (the junk is in the values, not in the URL syntax). */
    private static String encodeQuery(String query) {
        if (query.isEmpty()) {
            return query;
        }
        List<String> pairs = new ArrayList<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String value = java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            pairs.add(URLEncoder.encode(pair.substring(0, eq), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
        return String.join("&", pairs);
    }

    private static boolean hasErrorShape(Response response) {
        try {
            JsonObject body = response.json();
            return body.getString("type").equals("error") && body.getJsonObject("error").containsKey("type")
                    && body.getJsonObject("error").containsKey("message");
        } catch (AssertionError | RuntimeException notJson) {
            return false;
        }
    }
}
