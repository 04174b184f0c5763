package dev.accessconsole.it;

import dev.accessconsole.it.Api.Person;
import dev.accessconsole.it.Api.Response;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The three usage reports by plain HTTP, as Anthropic's Admin API documents them: the messages usage report with every
 * filter and group_by[] value and every row field, the cost report's items (cost type, token type, description, model,
 * tier, context window, inference geo, speed), and the Claude Code report by actor. The usage is reported through the
 * gateway with the dimensions a Messages API response carries, a day ago, so that whole-day windows are fixed.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ReportsIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.realEar();
    }

    private final String gateway = Api.platformToken("gateway");
    private Person admin;
    private Person developer;
    private String orgId;
    private String workspaceId;
    private String defaultKey;
    private String workspaceKey;
    private String botKey;
    private String botId;
    private String codeKey;
    private Instant day;

    @BeforeEach
    void usage() {
        admin = Api.newPerson("reports-admin");
        orgId = Orgs.create(admin, "Reports");
        developer = Orgs.join(orgId, admin, "developer", "reports-dev");
        workspaceId = admin.request("POST", "/v1/organizations/workspaces").json("{\"name\":\"Research\"}").send().json().getString("id");
        defaultKey = admin.request("POST", "/v1/organizations/api_keys").json("{\"name\":\"default\"}").send().json().getString("id");
        workspaceKey = admin.request("POST", "/v1/organizations/api_keys").json("{\"name\":\"research\",\"workspace_id\":\"" + workspaceId + "\"}")
                .send().json().getString("id");
        botId = admin.request("POST", "/v1/organizations/service_accounts").json("{\"name\":\"bot\",\"organization_role\":\"developer\"}")
                .send().json().getString("id");
        botKey = admin.request("POST", "/v1/organizations/api_keys").json("{\"name\":\"bot key\",\"service_account_id\":\"" + botId + "\"}")
                .send().json().getString("id");
        String codeSecret = developer.request("POST", "/v1/organizations/claude_code/sign_in").send().json().getString("secret");
        codeKey = Api.request("POST", "/v1/gateway/api_keys/verify").bearer(gateway).json("{\"key\":\"" + codeSecret + "\"}").send().json()
                .getString("api_key_id");
        day = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(1, ChronoUnit.DAYS);

        // the Default key: a plain request and a batch one with a long context, cache and web search
        record(defaultKey, "claude-sonnet-4-5", 1_000_000, 100_000, 1, "");
        record(defaultKey, "claude-sonnet-4-5", 1_000_000, 0, 2, ",\"service_tier\":\"batch\",\"context_window\":\"200k-1M\""
                + ",\"cache_read_input_tokens\":1000000,\"cache_creation\":{\"ephemeral_1h_input_tokens\":1000000,\"ephemeral_5m_input_tokens\":1000000}"
                + ",\"server_tool_use\":{\"web_search_requests\":10}");
        // Research: a US-only fast request
        record(workspaceKey, "claude-haiku-4-5", 2_000_000, 0, 3, ",\"inference_geo\":\"us\",\"speed\":\"fast\"");
        // the service account's key, and Claude Code
        record(botKey, "claude-haiku-4-5", 10, 1, 4, "");
        record(codeKey, "claude-opus-4-5", 1_000_000, 1_000_000, 5, ",\"cache_read_input_tokens\":500,\"cache_creation\":{\"ephemeral_5m_input_tokens\":7}");
    }

    private void record(String keyId, String model, long input, long output, int hour, String more) {
        Response recorded = Api.request("POST", "/v1/gateway/usage_events").bearer(gateway).json("{\"event_id\":\"" + UUID.randomUUID()
                + "\",\"api_key_id\":\"" + keyId + "\",\"model\":\"" + model + "\",\"input_tokens\":" + input + ",\"output_tokens\":" + output
                + ",\"timestamp\":\"" + day.plus(hour, ChronoUnit.HOURS) + "\"" + more + "}").send();
        assertThat(recorded.status()).as(recorded.toString()).isEqualTo(200);
    }

    private String window() {
        return "starting_at=" + day + "&ending_at=" + day.plus(1, ChronoUnit.DAYS);
    }

    private List<JsonObject> rows(Person caller, String path) {
        Response response = caller.request("GET", path).send();
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().getJsonArray("data").getValuesAs(JsonObject.class).stream()
                .flatMap(bucket -> bucket.getJsonArray("results").getValuesAs(JsonObject.class).stream()).toList();
    }

    private List<JsonObject> usage(String query) {
        return rows(admin, "/v1/organizations/usage_report/messages?" + window() + query);
    }

    @Test
    void theMessagesReportWritesEveryFieldAndGroupsByEveryDimension() {
        Response report = admin.request("GET", "/v1/organizations/usage_report/messages?" + window()).send();
        // the window is one day: one bucket, none ending after ending_at
        assertThat(report.json().getJsonArray("data")).hasSize(1);
        JsonObject all = report.json().getJsonArray("data").getJsonObject(0).getJsonArray("results").getJsonObject(0);
        assertThat(all.getJsonNumber("uncached_input_tokens").longValue()).isEqualTo(1_000_000 + 1_000_000 + 2_000_000 + 10 + 1_000_000);
        assertThat(all.getJsonNumber("output_tokens").longValue()).isEqualTo(100_000 + 1 + 1_000_000);
        assertThat(all.getJsonNumber("cache_read_input_tokens").longValue()).isEqualTo(1_000_500);
        assertThat(all.getJsonObject("cache_creation").getJsonNumber("ephemeral_1h_input_tokens").longValue()).isEqualTo(1_000_000);
        assertThat(all.getJsonObject("cache_creation").getJsonNumber("ephemeral_5m_input_tokens").longValue()).isEqualTo(1_000_007);
        assertThat(all.getJsonObject("server_tool_use").getJsonNumber("web_search_requests").longValue()).isEqualTo(10);
        for (String field : List.of("api_key_id", "workspace_id", "model", "service_tier", "context_window", "inference_geo", "speed",
                "account_id", "service_account_id")) {
            assertThat(all.isNull(field)).as(field + " is not grouped by").isTrue();
        }

        assertThat(values(usage("&group_by[]=service_tier"), "service_tier")).containsOnlyKeys("standard", "batch");
        assertThat(values(usage("&group_by[]=context_window"), "context_window")).containsOnlyKeys("0-200k", "200k-1M");
        assertThat(values(usage("&group_by[]=inference_geo"), "inference_geo")).containsOnlyKeys("not_available", "us");
        assertThat(values(usage("&group_by[]=speed"), "speed")).containsEntry("fast", 2_000_000L).containsEntry("standard", 3_000_010L);
        assertThat(values(usage("&group_by[]=workspace_id"), "workspace_id")).containsEntry(workspaceId, 2_000_000L).containsKey("null");
        assertThat(values(usage("&group_by[]=service_account_id"), "service_account_id")).containsEntry(botId, 10L).containsKey("null");
        assertThat(values(usage("&group_by[]=account_id"), "account_id")).containsEntry(developer.userId(), 1_000_000L);
        assertThat(values(usage("&group_by[]=api_key_id&group_by[]=model"), "api_key_id")).containsOnlyKeys(defaultKey, workspaceKey, botKey, codeKey);

        // every filter narrows to what it names
        assertThat(total(usage("&service_tiers[]=batch"))).isEqualTo(1_000_000);
        assertThat(total(usage("&context_window[]=200k-1M"))).isEqualTo(1_000_000);
        assertThat(total(usage("&inference_geos[]=us"))).isEqualTo(2_000_000);
        assertThat(total(usage("&speeds[]=fast"))).isEqualTo(2_000_000);
        assertThat(total(usage("&service_account_ids[]=" + botId))).isEqualTo(10);
        assertThat(total(usage("&account_ids[]=" + developer.userId()))).isEqualTo(1_000_000);
        assertThat(total(usage("&models[]=claude-haiku-4-5"))).isEqualTo(2_000_010);
        assertThat(total(usage("&api_key_ids[]=" + workspaceKey))).isEqualTo(2_000_000);
        assertThat(total(usage("&workspace_ids[]=" + workspaceId))).isEqualTo(2_000_000);

        // hourly buckets: 24 in the day, the usage in the hours it happened
        Response hourly = admin.request("GET", "/v1/organizations/usage_report/messages?" + window() + "&bucket_width=1h&limit=24").send();
        assertThat(hourly.json().getJsonArray("data")).hasSize(24);
        assertThat(hourly.json().getJsonArray("data").getJsonObject(3).getJsonArray("results").getJsonObject(0)
                .getJsonNumber("uncached_input_tokens").longValue()).isEqualTo(2_000_000);

        // values outside the documented enums are refused, naming the parameter
        for (String bad : List.of("&service_tiers[]=gold", "&context_window[]=1M", "&inference_geos[]=mars", "&speeds[]=warp", "&group_by[]=colour")) {
            Response refused = admin.request("GET", "/v1/organizations/usage_report/messages?" + window() + bad).send();
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.errorType()).isEqualTo("invalid_request_error");
        }
    }

    @Test
    void theCostReportItemisesEveryTokenKindAtItsPrice() {
        List<JsonObject> items = rows(admin, "/v1/organizations/cost_report?" + window() + "&group_by[]=description");
        Map<String, String> byDescription = items.stream().collect(Collectors.toMap(
                i -> i.getString("description") + "|" + (i.isNull("service_tier") ? "" : i.getString("service_tier"))
                        + "|" + (i.isNull("context_window") ? "" : i.getString("context_window")),
                i -> i.getString("amount")));
        // sonnet: 300 / 1500 cents per million; batch halves, the long context doubles input and adds half to output
        assertThat(byDescription).containsEntry("claude-sonnet-4-5 Usage - Input Tokens|standard|0-200k", "300")
                .containsEntry("claude-sonnet-4-5 Usage - Output Tokens|standard|0-200k", "150")
                .containsEntry("claude-sonnet-4-5 Usage - Input Tokens|batch|200k-1M", "300")
                .containsEntry("claude-sonnet-4-5 Usage - Input Tokens, Cache Read|batch|200k-1M", "30")
                .containsEntry("claude-sonnet-4-5 Usage - Input Tokens, Cache Write (1h)|batch|200k-1M", "600")
                .containsEntry("claude-sonnet-4-5 Usage - Input Tokens, Cache Write (5m)|batch|200k-1M", "375")
                .containsEntry("Web Search Usage||", "10");
        JsonObject cacheRead = items.stream().filter(i -> i.getString("description").endsWith("Cache Read")
                && i.getString("model").equals("claude-sonnet-4-5")).findFirst().orElseThrow();
        assertThat(cacheRead.getString("cost_type")).isEqualTo("tokens");
        assertThat(cacheRead.getString("token_type")).isEqualTo("cache_read_input_tokens");
        assertThat(cacheRead.getString("currency")).isEqualTo("USD");
        JsonObject search = items.stream().filter(i -> i.getString("description").equals("Web Search Usage")).findFirst().orElseThrow();
        assertThat(search.getString("cost_type")).isEqualTo("web_search");
        assertThat(search.isNull("token_type")).isTrue();

        // without description, one amount per day; grouped by inference geo and speed, those fields are set
        List<JsonObject> plain = rows(admin, "/v1/organizations/cost_report?" + window());
        assertThat(plain).hasSize(1);
        assertThat(plain.get(0).isNull("description")).isTrue();
        assertThat(plain.get(0).isNull("inference_geo")).isTrue();
        Map<String, String> byGeo = rows(admin, "/v1/organizations/cost_report?" + window() + "&group_by[]=inference_geo&group_by[]=speed").stream()
                .collect(Collectors.toMap(i -> i.getString("inference_geo") + "/" + i.getString("speed"), i -> i.getString("amount")));
        assertThat(byGeo).containsEntry("us/fast", "200").containsKey("not_available/standard");
        Response refused = admin.request("GET", "/v1/organizations/cost_report?" + window() + "&group_by[]=model").send();
        assertThat(refused.status()).isEqualTo(400);
    }

    @Test
    void theClaudeCodeReportShowsEachActorsDayByModel() {
        String date = day.toString().substring(0, 10);
        Response response = admin.request("GET", "/v1/organizations/usage_report/claude_code?starting_at=" + date).send();
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<JsonObject> records = response.json().getJsonArray("data").getValuesAs(JsonObject.class);
        assertThat(records).hasSize(1);
        JsonObject record = records.get(0);
        assertThat(record.getString("date")).isEqualTo(day.toString());
        assertThat(record.getString("organization_id")).isEqualTo(orgId);
        assertThat(record.getString("customer_type")).isEqualTo("api");
        assertThat(record.getJsonObject("actor").getString("type")).isEqualTo("user_actor");
        assertThat(record.getJsonObject("actor").getString("email_address")).isEqualTo(developer.email());
        assertThat(record.getJsonObject("core_metrics").getJsonObject("lines_of_code").getInt("added")).isZero();
        assertThat(record.getJsonObject("tool_actions").getJsonObject("edit_tool").getInt("accepted")).isZero();
        JsonObject opus = record.getJsonArray("model_breakdown").getJsonObject(0);
        assertThat(opus.getString("model")).isEqualTo("claude-opus-4-5");
        assertThat(opus.getJsonObject("tokens").getJsonNumber("input").longValue()).isEqualTo(1_000_000);
        assertThat(opus.getJsonObject("tokens").getJsonNumber("output").longValue()).isEqualTo(1_000_000);
        assertThat(opus.getJsonObject("tokens").getJsonNumber("cache_read").longValue()).isEqualTo(500);
        assertThat(opus.getJsonObject("tokens").getJsonNumber("cache_creation").longValue()).isEqualTo(7);
        // opus: 500 + 2500 cents per million, cache a fraction of a cent
        assertThat(opus.getJsonObject("estimated_cost").getJsonNumber("amount").longValue()).isEqualTo(3000);
        assertThat(response.json().getBoolean("has_more")).isFalse();

        // the developer reads their own day by email; a second Claude Code member shows to them only as a key
        Person other = Orgs.join(orgId, admin, "claude_code_user", "reports-coder");
        String otherSecret = other.request("POST", "/v1/organizations/claude_code/sign_in").send().json().getString("secret");
        String otherKey = Api.request("POST", "/v1/gateway/api_keys/verify").bearer(gateway).json("{\"key\":\"" + otherSecret + "\"}").send()
                .json().getString("api_key_id");
        record(otherKey, "claude-haiku-4-5", 5, 5, 6, "");
        List<JsonObject> seenByDeveloper = developer.request("GET", "/v1/organizations/usage_report/claude_code?starting_at=" + date).send().json()
                .getJsonArray("data").getValuesAs(JsonObject.class);
        assertThat(seenByDeveloper).extracting(r -> r.getJsonObject("actor").getString("type")).containsExactlyInAnyOrder("user_actor", "api_actor");
        assertThat(seenByDeveloper.toString()).contains(developer.email()).doesNotContain(other.email());

        // pages of one: two pages, the second with no more
        JsonObject first = admin.request("GET", "/v1/organizations/usage_report/claude_code?starting_at=" + date + "&limit=1").send().json();
        assertThat(first.getJsonArray("data")).hasSize(1);
        assertThat(first.getBoolean("has_more")).isTrue();
        JsonObject second = admin.request("GET", "/v1/organizations/usage_report/claude_code?starting_at=" + date + "&limit=1&page="
                + first.getString("next_page")).send().json();
        assertThat(second.getJsonArray("data")).hasSize(1);
        assertThat(second.getBoolean("has_more")).isFalse();
        assertThat(second.getJsonArray("data").getJsonObject(0).getJsonObject("actor"))
                .isNotEqualTo(first.getJsonArray("data").getJsonObject(0).getJsonObject("actor"));

        // a plain user reads no usage; a day that is not YYYY-MM-DD, a bad limit or page is a 400
        Person user = Orgs.join(orgId, admin, "user", "reports-user");
        assertThat(user.request("GET", "/v1/organizations/usage_report/claude_code?starting_at=" + date).send().status()).isEqualTo(403);
        for (String bad : List.of("", "starting_at=" + day, "starting_at=2026-13-01", "starting_at=" + date + "&limit=0",
                "starting_at=" + date + "&limit=1001", "starting_at=" + date + "&page=page_99")) {
            Response refused = admin.request("GET", "/v1/organizations/usage_report/claude_code?" + bad).send();
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.errorType()).isEqualTo("invalid_request_error");
        }
    }

    /** Uncached input tokens by the value of one field ("null" for null). */
    private static Map<String, Long> values(List<JsonObject> rows, String field) {
        return rows.stream().collect(Collectors.toMap(r -> r.isNull(field) ? "null" : r.getString(field),
                r -> r.getJsonNumber("uncached_input_tokens").longValue(), Long::sum));
    }

    private static long total(List<JsonObject> rows) {
        List<Long> inputs = new ArrayList<>();
        rows.forEach(r -> inputs.add(r.getJsonNumber("uncached_input_tokens").longValue()));
        return inputs.stream().mapToLong(Long::longValue).sum();
    }
}
