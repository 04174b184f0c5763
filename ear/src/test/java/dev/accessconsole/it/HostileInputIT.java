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
import java.util.Map;
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
            "permission=root:all", "page=page_-1", "email=%F0%9F%98%80", "starting_at=2026-02-30", "starting_at=0000-01-01",
            "starting_at=2026-01-01&limit=1e3", "starting_at=%F0%9F%98%80", "service_tiers[]=gold", "speeds[]=" + "f".repeat(3000),
            "starting_at=2026-01-01T00:00:00Z&group_by[]=speed&inference_geos[]=mars");

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

    /** Strings every string field gets: emoji and astral characters at and around the stored lengths, lone surrogates. */
    static List<String> hostileStrings() {
        String rocket = "\\uD83D\\uDE80";      // JSON escapes: one code point, two UTF-16 code units
        String astral = "\\uDBFF\\uDFFF";      // U+10FFFF, the last code point
        List<String> values = new ArrayList<>();
        for (int n : new int[]{1, 20, 21, 40, 41, 128, 250, 255, 256, 500, 501, 1000}) {
            values.add("\"" + rocket.repeat(n) + "\"");
            values.add("\"" + "a".repeat(Math.max(0, n - 1)) + rocket + "\"");
        }
        values.add("\"" + astral.repeat(300) + "\"");
        values.add("\"\\uD800 lone high surrogate\"");
        values.add("\"\\uDC00 lone low surrogate\"");
        values.add("\"名前 🚀 ÿ\\u202e\\u200b\\uFEFF\"");
        values.add("\"" + "é".repeat(256) + "\"");
        return values;
    }

    /** Numbers every number field gets: huge, negative huge, fractional, exponents, strings, booleans. */
    static final List<String> HOSTILE_NUMBERS = List.of("18446744073709551716", "9223372036854775807", "9223372036854775808",
            "-9223372036854775809", "-1", "0", "1.5", "1.0", "0.0000001", "1e400", "-1e400", "1e2", "1E-2", "\"12\"", "true", "null", "[1]", "{}");

    /**
     * Every string and number field of every operation with a body, one at a time, inside an otherwise valid body:
     * emoji, astral characters, boundary lengths, huge and fractional numbers. The fields are read from /openapi, so a
     * new field is covered without touching this test.
     */
    @Test
    void everyFieldOfEveryBodyGetsHostileValuesAndNoneCausesA5xx() {
        Person owner = Api.newPerson("field-owner");
        String orgId = Orgs.create(owner, "Fields");
        String support = Api.platformToken("support");
        String gateway = Api.platformToken("gateway");
        String workspaceId = owner.request("POST", "/v1/organizations/workspaces").json("{\"name\":\"Fields\"}").send().json().getString("id");
        String keyId = owner.request("POST", "/v1/organizations/api_keys").json("{\"name\":\"k\"}").send().json().getString("id");
        String promptId = owner.request("POST", "/v1/organizations/workspaces/" + workspaceId + "/prompts")
                .json("{\"name\":\"p\",\"model\":\"m\",\"messages\":[]}").send().json().getString("id");
        String userId = Orgs.join(orgId, owner, "developer", "field-target").userId();
        String serviceAccountId = owner.request("POST", "/v1/organizations/service_accounts").json("{\"name\":\"field-bot\"}").send().json().getString("id");
        JsonObject document = Api.request("GET", "/openapi?format=JSON").header("Accept", "application/json").send().json();
        JsonObject schemas = document.getJsonObject("components").getJsonObject("schemas");
        String groupId = owner.request("POST", "/v1/organizations/rbac_groups").json("{\"name\":\"field-group\"}").send().json().getString("id");
        Map<String, String> ids = Map.ofEntries(Map.entry("workspace_id", workspaceId), Map.entry("api_key_id", keyId),
                Map.entry("prompt_id", promptId), Map.entry("user_id", userId), Map.entry("org_id", orgId), Map.entry("invite_id", "invite_x"),
                Map.entry("admin_key_id", "adminkey_x"), Map.entry("service_account_id", serviceAccountId),
                Map.entry("rate_limit_id", "ratelimit_all_models"), Map.entry("rbac_group_id", groupId), Map.entry("rbac_role_id", "role_developer"),
                Map.entry("scim_token_id", "scimtok_x"), Map.entry("spend_limit_id", "splim_x"), Map.entry("spend_limit_increase_request_id", "splimreq_x"),
                Map.entry("federation_issuer_id", "fdis_x"), Map.entry("federation_rule_id", "fdrl_x"), Map.entry("webhook_endpoint_id", "whep_x"));

        List<String> fivexx = new ArrayList<>();
        List<String> badShape = new ArrayList<>();
        int sent = 0;
        int fields = 0;
        JsonObject paths = document.getJsonObject("paths");
        for (String template : paths.keySet()) {
            for (var operation : paths.getJsonObject(template).entrySet()) {
                JsonObject op = operation.getValue().asJsonObject();
                if (!op.containsKey("requestBody")) {
                    continue;
                }
                JsonObject content = op.getJsonObject("requestBody").getJsonObject("content");
                if (!content.containsKey("application/json")) {
                    continue; // the token exchange's form (RFC 8693): its hostile tokens are FederationIT's
                }
                JsonObject schema = resolve(schemas, content.getJsonObject("application/json").getJsonObject("schema"));
                if (schema == null || !schema.containsKey("properties")) {
                    continue;
                }
                String path = template;
                for (var id : ids.entrySet()) {
                    path = path.replace("{" + id.getKey() + "}", id.getValue());
                }
                String token = template.startsWith("/v1/support") ? support : template.startsWith("/v1/gateway") ? gateway : owner.token();
                // every string and number field, and those of an object field one level down (gateway usage's
                // cache_creation and server_tool_use), sent inside that object
                List<String[]> targets = new ArrayList<>(); // top-level field, JSON prefix, JSON suffix, field type
                for (var property : schema.getJsonObject("properties").entrySet()) {
                    JsonObject field = resolve(schemas, property.getValue().asJsonObject());
                    if (field != null && field.containsKey("properties")) {
                        for (var sub : field.getJsonObject("properties").entrySet()) {
                            JsonObject inner = resolve(schemas, sub.getValue().asJsonObject());
                            targets.add(new String[]{property.getKey(), "{\"" + sub.getKey() + "\":", "}",
                                    inner == null || !inner.containsKey("type") ? "" : inner.get("type").toString()});
                        }
                    } else {
                        targets.add(new String[]{property.getKey(), "", "", field == null || !field.containsKey("type") ? "" : field.get("type").toString()});
                    }
                }
                for (String[] target : targets) {
                    String type = target[3];
                    List<String> values = type.contains("string") ? hostileStrings()
                            : type.contains("integer") || type.contains("number") ? HOSTILE_NUMBERS : List.of();
                    if (values.isEmpty()) {
                        continue;
                    }
                    fields++;
                    for (String hostile : values) {
                        String value = target[1] + hostile + target[2];
                        String body = validBody(template, operation.getKey(), keyId, workspaceId, target[0], value);
                        Response response = Api.request(operation.getKey().toUpperCase(), path).bearer(token).org(orgId).json(body).send();
                        sent++;
                        if (response.status() >= 500) {
                            fivexx.add(operation.getKey() + " " + template + " " + target[0] + "=" + abbreviate(value) + " → " + response);
                        } else if (response.status() >= 400 && !hasErrorShape(response)) {
                            badShape.add(operation.getKey() + " " + template + " " + target[0] + " → " + response);
                        }
                    }
                }
            }
        }
        System.out.println("SECURITY hostile fields: " + fields + " string and number fields, " + sent + " requests, " + fivexx.size() + " 5xx");
        assertThat(fields).isGreaterThan(20);
        assertThat(fivexx).isEmpty();
        assertThat(badShape).isEmpty();
    }

    /** A body that is valid for the operation but for the one field under attack. */
    private static String validBody(String template, String method, String keyId, String workspaceId, String attacked, String value) {
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        String unique = java.util.UUID.randomUUID().toString().substring(0, 8);
        switch (method + " " + template) {
            case "post /v1/organizations/invites" -> { fields.put("email", "\"f-" + unique + "@example.com\""); fields.put("role", "\"user\""); }
            case "post /v1/organizations/api_keys" -> { fields.put("name", "\"k\""); fields.put("workspace_id", "\"" + workspaceId + "\""); }
            case "post /v1/organizations/workspaces/{workspace_id}/prompts", "post /v1/organizations/workspaces/{workspace_id}/prompts/{prompt_id}" -> {
                fields.put("name", "\"p\""); fields.put("model", "\"m\""); fields.put("system", "\"s\""); fields.put("messages", "[]"); }
            case "post /v1/organizations/workspaces/{workspace_id}/members" -> { fields.put("user_id", "\"user_x\""); fields.put("workspace_role", "\"workspace_user\""); }
            case "post /v1/organizations/service_accounts" -> fields.put("name", "\"bot\"");
            case "post /v1/organizations/service_accounts/{service_account_id}/workspaces" -> {
                fields.put("workspace_id", "\"" + workspaceId + "\""); fields.put("workspace_role", "\"workspace_user\""); }
            case "post /v1/organizations/workspaces/{workspace_id}/service_accounts" -> {
                fields.put("service_account_id", "\"svcacct_x\""); fields.put("workspace_role", "\"workspace_user\""); }
            case "post /v1/gateway/usage_events" -> { fields.put("event_id", "\"e-" + unique + "\""); fields.put("api_key_id", "\"" + keyId + "\"");
                fields.put("model", "\"m\""); fields.put("input_tokens", "1"); fields.put("output_tokens", "1"); }
            case "put /v1/support/organizations/{org_id}/billing_emails" -> { fields.put("primary_billing_email", "\"ap@example.com\"");
                fields.put("billing_contact_emails", "[]"); }
            default -> { }
        }
        fields.put(attacked, value);
        StringBuilder body = new StringBuilder("{");
        fields.forEach((name, json) -> body.append(body.length() > 1 ? "," : "").append('"').append(name).append("\":").append(json));
        return body.append('}').toString();
    }

    private static JsonObject resolve(JsonObject schemas, JsonObject schema) {
        if (schema != null && schema.containsKey("$ref")) {
            String ref = schema.getString("$ref");
            return schemas.getJsonObject(ref.substring(ref.lastIndexOf('/') + 1));
        }
        return schema;
    }

    private static String abbreviate(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "…(" + value.length() + ")" : value;
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

    /** Header sets every operation gets (issue 23): malformed and unmatched media types, repeated and malformed headers. */
    private static final List<List<String[]>> HEADER_SETS = List.of(
            List.<String[]>of(new String[]{"Accept", "*/*;q=abc"}),
            List.<String[]>of(new String[]{"Accept", "application/json;q="}),
            List.<String[]>of(new String[]{"Accept", "*/*;q=1.0.0"}),
            List.<String[]>of(new String[]{"Accept", "application/json;q=2"}),
            List.<String[]>of(new String[]{"Accept", "/"}),
            List.<String[]>of(new String[]{"Accept", "application/json; charset"}),
            List.<String[]>of(new String[]{"Accept", "text/html"}),
            List.<String[]>of(new String[]{"Accept", "image/png, text/csv;q=0.1"}),
            List.<String[]>of(new String[]{"Accept", "application/json"}, new String[]{"Accept", "*/*;q=x"}),
            List.<String[]>of(new String[]{"Content-Type", "*/*"}),
            List.<String[]>of(new String[]{"Content-Type", "application/*"}),
            List.<String[]>of(new String[]{"Content-Type", "application/json/x"}),
            List.<String[]>of(new String[]{"Content-Type", ";"}),
            List.<String[]>of(new String[]{"Content-Type", "application/json; charset"}),
            List.<String[]>of(new String[]{"Content-Type", "text/plain"}),
            List.<String[]>of(new String[]{"Content-Type", "application/json; charset=ebcdic"}),
            List.<String[]>of(new String[]{"Content-Type", "application/json"}, new String[]{"Content-Type", "text/plain"}),
            List.<String[]>of(new String[]{"Authorization", "Bearer"}),
            List.<String[]>of(new String[]{"Authorization", "Basic YWxhZGRpbjpvcGVuc2VzYW1l"}),
            List.<String[]>of(new String[]{"Authorization", "Bearer a.b.c"}, new String[]{"Authorization", "Bearer x"}),
            List.<String[]>of(new String[]{"x-api-key", "sk-ant-admin01-nope"}, new String[]{"x-api-key", "sk-ant-admin01-other"}),
            List.<String[]>of(new String[]{"anthropic-organization-id", "00000000-0000-0000-0000-000000000000"},
                    new String[]{"anthropic-organization-id", "' OR 1=1 --"}),
            List.<String[]>of(new String[]{"anthropic-organization-id", "o".repeat(4000)}),
            List.<String[]>of(new String[]{"anthropic-version", "nonsense"}, new String[]{"anthropic-beta", "a,,b,"}),
            List.<String[]>of(new String[]{"Accept-Charset", "ebcdic;q=x"}, new String[]{"Accept-Encoding", "gzip;q=abc, br;q="},
                    new String[]{"Accept-Language", "*;q=zz"}),
            List.<String[]>of(new String[]{"X-Forwarded-For", "not an address, ::::, 999.1.1.1"}),
            List.<String[]>of(new String[]{"Content-Length-Ish", "-1"}, new String[]{"If-None-Match", "\"unterminated"},
                    new String[]{"Range", "bytes=9-1"}, new String[]{"Origin", "null"}));

    /**
     * Every operation of /openapi with each header set, the rest of the request valid (real ids, the owner's token unless
     * the set replaces it, a JSON body where one is taken): never a 5xx, every refusal in the error shape; a malformed
     * Accept or Content-Type is a 400, a wildcard Content-Type a 415, wherever it is sent.
     */
    @Test
    void everyOperationGetsHostileHeadersAndNoneCausesA5xx() throws Exception {
        Person owner = Api.newPerson("header-owner");
        String orgId = Orgs.create(owner, "Headers");
        String workspaceId = owner.request("POST", "/v1/organizations/workspaces").json("{\"name\":\"Headed\"}").send().json().getString("id");
        JsonObject paths = Api.request("GET", "/openapi?format=JSON").header("Accept", "application/json").send().json().getJsonObject("paths");
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        List<String> fivexx = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        int sent = 0;
        for (String template : paths.keySet()) {
            for (String method : paths.getJsonObject(template).keySet()) {
                if (!List.of("get", "post", "put", "delete").contains(method)) {
                    continue;
                }
                String path = template.replace("{workspace_id}", workspaceId).replaceAll("\\{[a-z_]+}", "nope");
                boolean body = method.equals("post") || method.equals("put");
                for (List<String[]> headers : HEADER_SETS) {
                    java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(Api.BASE.resolve(path))
                            .timeout(java.time.Duration.ofSeconds(30))
                            .method(method.toUpperCase(), body ? java.net.http.HttpRequest.BodyPublishers.ofString("{\"name\":\"h\"}")
                                    : java.net.http.HttpRequest.BodyPublishers.noBody());
                    boolean credential = headers.stream().anyMatch(h -> h[0].equals("Authorization") || h[0].equals("x-api-key"));
                    boolean organization = headers.stream().anyMatch(h -> h[0].equals("anthropic-organization-id"));
                    boolean contentType = headers.stream().anyMatch(h -> h[0].equals("Content-Type"));
                    if (!credential) {
                        request.header("Authorization", "Bearer " + owner.token());
                    }
                    if (!organization) {
                        request.header("anthropic-organization-id", orgId);
                    }
                    if (body && !contentType) {
                        request.header("Content-Type", "application/json");
                    }
                    for (String[] header : headers) {
                        request.header(header[0], header[1]);
                    }
                    java.net.http.HttpResponse<String> answer;
                    try {
                        answer = http.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
                    } catch (java.io.IOException refusedAtTheDoor) {
                        continue; // the server closed the connection: nothing served
                    }
                    sent++;
                    String what = method.toUpperCase() + " " + path + " " + headers.stream().map(h -> h[0] + ": " + h[1]).toList() + " → "
                            + answer.statusCode() + " " + answer.body().substring(0, Math.min(200, answer.body().length()));
                    if (answer.statusCode() >= 500) {
                        fivexx.add(what);
                        continue;
                    }
                    if (answer.statusCode() >= 400 && !hasErrorShape(new Response(answer))) {
                        wrong.add("not in the error shape: " + what);
                    }
                    String first = headers.get(0)[0];
                    String value = headers.get(0)[1];
                    boolean malformedAccept = first.equals("Accept") && headers.stream().anyMatch(h -> h[0].equals("Accept")
                            && (h[1].contains("q=abc") || h[1].endsWith("q=") || h[1].contains("1.0.0") || h[1].contains("q=2")
                            || h[1].equals("/") || h[1].endsWith("charset") || h[1].endsWith("q=x")));
                    if (malformedAccept && answer.statusCode() != 400) {
                        wrong.add("a malformed Accept not answered 400: " + what);
                    }
                    if (body && first.equals("Content-Type") && headers.size() == 1 && (value.equals("*/*") || value.equals("application/*"))
                            && answer.statusCode() != 415) {
                        wrong.add("a wildcard Content-Type not answered 415: " + what);
                    }
                    if (body && first.equals("Content-Type") && headers.size() == 1 && value.endsWith("charset=ebcdic") && answer.statusCode() != 415) {
                        wrong.add("a charset other than UTF-8 not answered 415: " + what);
                    }
                    if (body && first.equals("Content-Type") && headers.size() == 1 && (value.equals(";") || value.equals("application/json/x")
                            || value.endsWith("charset")) && answer.statusCode() != 400) {
                        wrong.add("a malformed Content-Type not answered 400: " + what);
                    }
                }
            }
        }
        System.out.println("SECURITY hostile headers: " + HEADER_SETS.size() + " header sets, " + sent + " requests, " + fivexx.size() + " 5xx");
        assertThat(sent).isGreaterThan(1000);
        assertThat(fivexx).isEmpty();
        assertThat(wrong).isEmpty();
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
