package dev.accessconsole.it;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.models.beta.organization.spendlimits.BetaSpendLimit;
import com.anthropic.models.beta.organization.spendlimits.BetaSpendLimitPeriod;
import com.anthropic.models.beta.organization.spendlimits.BetaSpendSummary;
import com.anthropic.models.beta.organization.spendlimits.SpendLimitDeleteResponse;
import com.anthropic.models.beta.organization.spendlimits.SpendLimitListParams;
import com.anthropic.models.beta.organization.spendlimits.SpendLimitSetParams;
import com.anthropic.models.beta.organization.spendlimits.effective.EffectiveListParams;
import com.anthropic.models.beta.organization.spendlimits.increaserequests.BetaSpendLimitIncreaseRequest;
import com.anthropic.models.beta.organization.spendlimits.increaserequests.BetaSpendLimitIncreaseRequestStatus;
import com.anthropic.models.beta.organization.spendlimits.increaserequests.IncreaseRequestApproveParams;
import com.anthropic.models.beta.organization.spendlimits.increaserequests.IncreaseRequestApproveResponse;
import com.anthropic.models.beta.organization.spendlimits.increaserequests.IncreaseRequestListParams;
import dev.accessconsole.it.Api.Person;
import dev.accessconsole.it.Api.Response;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spend limits (roles.md, "Spend limits"): the gateway refuses a key once period-to-date spend reached a limit that
 * applies to it (its workspace's, its organization's, its member's), with the official client's 429
 * {@code enforced_spend_limit_reached} naming the limit; raising the limit or approving an increase request lets it
 * through; usage of another day does not count against a daily limit. Who may set which limit; the workspace limits page
 * and {@code spend_limits} are one store; and the official client 3.14.0, response validation on, drives every method.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SpendLimitsIT {

    /** claude-sonnet-4-5 output at $15 per million tokens: 20,000 tokens cost $0.30. */
    private static final long THIRTY_CENTS_OF_OUTPUT = 20_000;

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.realEar();
    }

    private final String gateway = Api.platformToken("gateway");

    @Test
    void whenAWorkspaceReachesItsDailyLimitThenTheGatewayRefusesItsKeysUntilRaisedOrApprovedOrTheNextDay() {
        Person admin = Api.newPerson("spend-admin");
        String orgId = Orgs.create(admin, "Spend Co");
        String workspace = workspace(admin, "Metered");
        JsonObject key = admin.request("POST", "/v1/organizations/api_keys").json("{\"name\":\"metered\",\"workspace_id\":\"" + workspace + "\"}").send().json();
        String secret = key.getString("secret");

        JsonObject limit = set(admin, "{\"amount\":\"1.00\",\"period\":\"daily\",\"scope\":{\"type\":\"workspace\",\"workspace_id\":\"" + workspace + "\"}}");
        assertThat(limit.getString("type")).isEqualTo("spend_limit");
        assertThat(limit.getString("amount")).isEqualTo("1.00");
        assertThat(limit.getString("currency")).isEqualTo("USD");
        assertThat(limit.getBoolean("is_enabled")).isTrue();
        assertThat(limit.getJsonObject("scope").getString("workspace_id")).isEqualTo(workspace);

        // up to the limit: $0.90 spent, the key still verifies
        for (int i = 0; i < 3; i++) {
            report(key.getString("id"), THIRTY_CENTS_OF_OUTPUT, null);
            assertThat(verify(secret).status()).as("after $0.%d0".formatted(3 * (i + 1))).isEqualTo(200);
        }
        // $1.20: reached; refused with the limit named, its spend and when it resets
        report(key.getString("id"), THIRTY_CENTS_OF_OUTPUT, null);
        Response refused = verify(secret);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(429);
        assertThat(refused.errorType()).isEqualTo("rate_limit_error");
        assertThat(refused.errorCode()).isEqualTo("enforced_spend_limit_reached");
        JsonObject details = refused.json().getJsonObject("error").getJsonObject("details");
        assertThat(details.getString("spend_limit_id")).isEqualTo(limit.getString("id"));
        assertThat(details.getString("scope_type")).isEqualTo("workspace");
        assertThat(details.getString("workspace_id")).isEqualTo(workspace);
        assertThat(details.getString("period")).isEqualTo("daily");
        assertThat(details.getString("amount")).isEqualTo("1.00");
        assertThat(details.getString("period_to_date_spend")).isEqualTo("1.20");
        Instant tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        assertThat(Instant.parse(details.getString("resets_at"))).isEqualTo(tomorrow);
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 86_400L);
        assertThat(refused.body()).doesNotContain(secret);

        // effective: the key's applying limit, its source and the spend against it
        JsonObject effective = find(admin.request("GET", "/v1/organizations/spend_limits/effective").send(), "spend_limit_id", limit.getString("id"));
        assertThat(effective.getString("period_to_date_spend")).isEqualTo("1.20");
        assertThat(effective.getJsonObject("source").getString("type")).isEqualTo("workspace");

        // raising the limit lets the key through at once
        set(admin, "{\"amount\":\"2.00\",\"period\":\"daily\",\"scope\":{\"type\":\"workspace\",\"workspace_id\":\"" + workspace + "\"}}");
        assertThat(verify(secret).status()).isEqualTo(200);

        // reached again at $2.10; a developer of the workspace asks for more, an admin approves $5.00
        for (int i = 0; i < 3; i++) {
            report(key.getString("id"), THIRTY_CENTS_OF_OUTPUT, null);
        }
        assertThat(verify(secret).status()).isEqualTo(429);
        Person developer = Orgs.join(orgId, admin, "developer", "spend-dev");
        assertThat(admin.request("POST", "/v1/organizations/workspaces/" + workspace + "/members")
                .json("{\"user_id\":\"" + developer.userId() + "\",\"workspace_role\":\"workspace_developer\"}").send().status()).isEqualTo(200);
        JsonObject mine = developer.request("GET", "/v1/organizations/me/spend_limits?workspace_id=" + workspace).send().json();
        JsonObject capping = find(mine, "reached", JsonValue.TRUE);
        assertThat(capping.getJsonObject("spend_limit").getString("id")).isEqualTo(limit.getString("id"));
        Response asked = developer.request("POST", "/v1/organizations/spend_limit_increase_requests")
                .json("{\"workspace_id\":\"" + workspace + "\",\"amount\":\"5.00\",\"reason\":\"release week\"}").send();
        assertThat(asked.status()).as(asked.toString()).isEqualTo(200);
        assertThat(asked.json().getString("status")).isEqualTo("pending");
        assertThat(asked.json().getString("spend_limit_id")).isEqualTo(limit.getString("id"));
        assertThat(asked.json().getString("period_to_date_spend_when_asked")).isEqualTo("2.10");
        Response again = developer.request("POST", "/v1/organizations/spend_limit_increase_requests").json("{\"workspace_id\":\"" + workspace + "\"}").send();
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.errorCode()).isEqualTo("spend_limit_increase_request_pending");
        // only members:manage decides
        assertThat(developer.request("POST", "/v1/organizations/spend_limit_increase_requests/" + asked.json().getString("id") + "/approve")
                .json("{\"amount\":\"100.00\"}").send().status()).isEqualTo(403);
        Response approved = admin.request("POST", "/v1/organizations/spend_limit_increase_requests/" + asked.json().getString("id") + "/approve")
                .json("{\"amount\":\"5.00\"}").send();
        assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
        assertThat(approved.json().getString("status")).isEqualTo("approved");
        assertThat(approved.json().getJsonObject("spend_limit").getString("amount")).isEqualTo("5.00");
        assertThat(approved.json().getJsonObject("resolved_by").getString("user_id")).isEqualTo(admin.userId());
        assertThat(verify(secret).status()).isEqualTo(200);
        // the requester sees the outcome
        JsonObject outcome = developer.request("GET", "/v1/organizations/me/spend_limits").send().json();
        JsonObject request = find(outcome.getJsonArray("increase_requests"), "id", asked.json().getString("id"));
        assertThat(request.getString("status")).isEqualTo("approved");
        assertThat(request.getString("approved_amount")).isEqualTo("5.00");
        // a second decision on the same request is refused and changes nothing
        Response late = admin.request("POST", "/v1/organizations/spend_limit_increase_requests/" + asked.json().getString("id") + "/deny").send();
        assertThat(late.status()).isEqualTo(400);
        assertThat(late.errorCode()).isEqualTo("spend_limit_increase_request_resolved");

        // another day's usage does not count against a daily limit: $6 spent yesterday, today's $0 passes a $1.00 cap;
        // a weekly $1.00 cap counts yesterday when it was in this ISO week (every day but Monday)
        String other = workspace(admin, "Yesterday");
        JsonObject otherKey = admin.request("POST", "/v1/organizations/api_keys").json("{\"name\":\"y\",\"workspace_id\":\"" + other + "\"}").send().json();
        set(admin, "{\"amount\":\"1.00\",\"period\":\"daily\",\"scope\":{\"type\":\"workspace\",\"workspace_id\":\"" + other + "\"}}");
        Instant yesterday = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(1, ChronoUnit.HOURS);
        for (int i = 0; i < 20; i++) {
            report(otherKey.getString("id"), THIRTY_CENTS_OF_OUTPUT, yesterday);
        }
        assertThat(verify(otherKey.getString("secret")).status()).as("yesterday's $6 against today's $1.00").isEqualTo(200);
        JsonObject weekly = set(admin, "{\"amount\":\"1.00\",\"period\":\"weekly\",\"scope\":{\"type\":\"workspace\",\"workspace_id\":\"" + other + "\"}}");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        boolean sameWeek = !today.minusDays(1).isBefore(today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)));
        assertThat(verify(otherKey.getString("secret")).status()).isEqualTo(sameWeek ? 429 : 200);
        // deleting the weekly cap lets it through
        assertThat(admin.request("DELETE", "/v1/organizations/spend_limits/" + weekly.getString("id")).send().json().getString("type"))
                .isEqualTo("spend_limit_deleted");
        assertThat(verify(otherKey.getString("secret")).status()).isEqualTo(200);

        // a member's own limit caps the keys bound to them (Claude Code), not the workspace's other keys
        JsonObject signIn = developer.request("POST", "/v1/organizations/claude_code/sign_in").send().json();
        set(admin, "{\"amount\":\"0.50\",\"period\":\"monthly\",\"scope\":{\"type\":\"user\",\"user_id\":\"" + developer.userId() + "\"}}");
        assertThat(verify(signIn.getString("secret")).status()).isEqualTo(200);
        report(signIn.getString("id"), 2 * THIRTY_CENTS_OF_OUTPUT, null);
        Response capped = verify(signIn.getString("secret"));
        assertThat(capped.status()).isEqualTo(429);
        assertThat(capped.json().getJsonObject("error").getJsonObject("details").getString("scope_type")).isEqualTo("user");
        assertThat(verify(admin.request("POST", "/v1/organizations/claude_code/sign_in").send().json().getString("secret")).status()).isEqualTo(200);

        // the audit log has each change
        String audit = admin.request("GET", "/v1/organizations/audit_events?limit=1000").send().body();
        assertThat(audit).contains("spend_limit.set", "spend_limit.delete", "spend_limit_increase_request.create", "spend_limit_increase_request.approve");
    }

    @Test
    void whoMaySetWhichLimitAndTheWorkspaceLimitsPageIsTheSameStore() {
        Person admin = Api.newPerson("spend-rules");
        String orgId = Orgs.create(admin, "Spend rules");
        String mine = workspace(admin, "Theirs");
        String notMine = workspace(admin, "Not theirs");
        Person wsAdmin = Orgs.join(orgId, admin, "user", "ws-admin");
        assertThat(admin.request("POST", "/v1/organizations/workspaces/" + mine + "/members")
                .json("{\"user_id\":\"" + wsAdmin.userId() + "\",\"workspace_role\":\"workspace_admin\"}").send().status()).isEqualTo(200);

        // a workspace admin sets their workspace's limit, not another's, not the organization's, not a member's
        Response own = wsAdmin.request("POST", "/v1/organizations/spend_limits")
                .json("{\"amount\":\"40.00\",\"period\":\"monthly\",\"scope\":{\"type\":\"workspace\",\"workspace_id\":\"" + mine + "\"}}").send();
        assertThat(own.status()).as(own.toString()).isEqualTo(200);
        Response other = wsAdmin.request("POST", "/v1/organizations/spend_limits")
                .json("{\"amount\":\"40.00\",\"period\":\"monthly\",\"scope\":{\"type\":\"workspace\",\"workspace_id\":\"" + notMine + "\"}}").send();
        assertThat(other.status()).as("a workspace they cannot see is not found").isEqualTo(404);
        Response organization = wsAdmin.request("POST", "/v1/organizations/spend_limits")
                .json("{\"amount\":\"40.00\",\"period\":\"monthly\",\"scope\":{\"type\":\"organization\"}}").send();
        assertThat(organization.status()).isEqualTo(403);
        assertThat(organization.json().getJsonObject("error").getJsonObject("details").getString("permission")).isEqualTo("workspace:manage");
        assertThat(wsAdmin.request("POST", "/v1/organizations/spend_limits")
                .json("{\"amount\":\"1.00\",\"scope\":{\"type\":\"user\",\"user_id\":\"" + wsAdmin.userId() + "\"}}").send().status()).isEqualTo(403);
        // a plain member sets nothing
        Person member = Orgs.join(orgId, admin, "developer", "spend-member");
        assertThat(member.request("POST", "/v1/organizations/spend_limits")
                .json("{\"amount\":\"1.00\",\"scope\":{\"type\":\"workspace\",\"workspace_id\":\"" + mine + "\"}}").send().status()).isEqualTo(403);

        // never above the organization's limit of the same period; lowering the organization's lowers the workspace's
        set(admin, "{\"amount\":\"30.00\",\"period\":\"monthly\",\"scope\":{\"type\":\"organization\"}}");
        JsonObject workspaceLimits = admin.request("GET", "/v1/organizations/workspaces/" + mine + "/limits").send().json();
        assertThat(workspaceLimits.getJsonObject("limits").getJsonNumber("monthly_spend_limit_cents").longValue()).as("lowered to 30.00").isEqualTo(3000);
        assertThat(workspaceLimits.getJsonObject("organization_limits").getJsonNumber("monthly_spend_limit_cents").longValue()).isEqualTo(3000);
        Response above = wsAdmin.request("POST", "/v1/organizations/spend_limits")
                .json("{\"amount\":\"30.01\",\"period\":\"monthly\",\"scope\":{\"type\":\"workspace\",\"workspace_id\":\"" + mine + "\"}}").send();
        assertThat(above.status()).isEqualTo(400);
        assertThat(above.errorCode()).isEqualTo("limit_exceeds_organization");

        // the workspace limits page writes the same object spend_limits shows
        assertThat(admin.request("PUT", "/v1/organizations/workspaces/" + mine + "/limits").json("{\"monthly_spend_limit_cents\":1234}").send().status())
                .isEqualTo(200);
        JsonObject listed = find(admin.request("GET", "/v1/organizations/spend_limits?scope_type[]=workspace&workspace_id=" + mine).send(), "period", "monthly");
        assertThat(listed.getString("amount")).isEqualTo("12.34");
        assertThat(listed.getString("id")).isEqualTo(own.json().getString("id"));

        // bad input: a clear 400 naming the field, nothing stored
        for (String bad : List.of("\"1.001\"", "\"-1\"", "\"1e3\"", "\"ten\"", "\"\"", "\"99999999999.00\"")) {
            Response refused = admin.request("POST", "/v1/organizations/spend_limits")
                    .json("{\"amount\":" + bad + ",\"period\":\"daily\",\"scope\":{\"type\":\"organization\"}}").send();
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.errorCode()).as(bad).isEqualTo("invalid_amount");
        }
        assertThat(admin.request("POST", "/v1/organizations/spend_limits").json("{\"amount\":\"1.00\",\"period\":\"hourly\",\"scope\":{\"type\":\"organization\"}}")
                .send().errorCode()).isEqualTo("invalid_period");
        assertThat(admin.request("POST", "/v1/organizations/spend_limits").json("{\"amount\":\"1.00\",\"scope\":{\"type\":\"galaxy\"}}")
                .send().errorCode()).isEqualTo("invalid_scope");
        assertThat(admin.request("POST", "/v1/organizations/spend_limits").json("{\"amount\":\"1.00\"}").send().errorCode()).isEqualTo("invalid_scope");
        assertThat(admin.request("GET", "/v1/organizations/spend_limits?scope_type[]=daily").send().status()).isEqualTo(400);
        assertThat(find(admin.request("GET", "/v1/organizations/spend_limits?scope_type[]=organization").send(), "period", "monthly").getString("amount"))
                .isEqualTo("30.00");
        // no daily organization limit was stored by the refused calls
        assertThat(admin.request("GET", "/v1/organizations/spend_limits?scope_type[]=organization").send().json().getJsonArray("data")).hasSize(1);
        // the Default workspace has no limits of its own
        String defaultId = admin.request("GET", "/v1/organizations/workspaces?include_default=true").send().json().getJsonArray("data").stream()
                .map(JsonValue::asJsonObject).filter(w -> w.getString("name").equals("Default")).findFirst().orElseThrow().getString("id");
        assertThat(admin.request("POST", "/v1/organizations/spend_limits")
                .json("{\"amount\":\"1.00\",\"scope\":{\"type\":\"workspace\",\"workspace_id\":\"" + defaultId + "\"}}").send().errorCode())
                .isEqualTo("default_workspace_limits");
        // another organization's limit is not found
        Person stranger = Api.newPerson("spend-stranger");
        Orgs.create(stranger, "Elsewhere");
        assertThat(stranger.request("GET", "/v1/organizations/spend_limits/" + own.json().getString("id")).send().status()).isEqualTo(404);
        assertThat(stranger.request("DELETE", "/v1/organizations/spend_limits/" + own.json().getString("id")).send().status()).isEqualTo(404);
    }

    @Test
    void theOfficialClientDrivesEverySpendLimitMethodWithResponseValidation() {
        Person admin = Api.newPerson("spend-client");
        String orgId = Orgs.create(admin, "Spend client");
        String workspace = workspace(admin, "Client metered");
        Person member = Orgs.join(orgId, admin, "developer", "client-asker");
        String secret = admin.request("POST", "/v1/organizations/admin_keys").json("{\"name\":\"finops\"}").send().json().getString("secret");
        AnthropicClient client = AnthropicOkHttpClient.builder().baseUrl(Api.BASE.toString()).apiKey(secret).responseValidation(true).maxRetries(0).build();
        var spendLimits = client.beta().organization().spendLimits();

        BetaSpendLimit organization = spendLimits.set(SpendLimitSetParams.builder().amount("500.00").scope(
                com.anthropic.models.beta.organization.spendlimits.BetaSpendLimitOrganizationScope.builder().build())
                .period(BetaSpendLimitPeriod.MONTHLY).build());
        assertThat(organization.amount()).contains("500.00");
        assertThat(organization.scope().isOrganization()).isTrue();
        BetaSpendLimit ofWorkspace = spendLimits.set(SpendLimitSetParams.builder().amount("50.00").workspaceScope(workspace)
                .period(BetaSpendLimitPeriod.DAILY).build());
        assertThat(ofWorkspace.scope().asWorkspace().workspaceId()).isEqualTo(workspace);
        BetaSpendLimit ofMember = spendLimits.set(SpendLimitSetParams.builder().amount("5.00").userScope(member.userId())
                .period(BetaSpendLimitPeriod.WEEKLY).build());
        assertThat(ofMember.scope().asUser().userId()).isEqualTo(member.userId());
        BetaSpendLimit uncapped = spendLimits.set(SpendLimitSetParams.builder().amount((String) null).workspaceScope(workspace)
                .period(BetaSpendLimitPeriod.WEEKLY).build());
        assertThat(uncapped.amount()).isEmpty();
        assertThat(uncapped.isEnabled()).isFalse();

        assertThat(spendLimits.retrieve(ofWorkspace.id()).amount()).contains("50.00");
        List<String> listed = new ArrayList<>();
        spendLimits.list(SpendLimitListParams.builder().limit(1L).build()).autoPager().forEach(l -> listed.add(l.id()));
        assertThat(listed).containsExactlyInAnyOrder(organization.id(), ofWorkspace.id(), ofMember.id(), uncapped.id());
        List<String> ofWorkspaces = new ArrayList<>();
        spendLimits.list(SpendLimitListParams.builder().addScopeType(SpendLimitListParams.ScopeType.WORKSPACE).build()).autoPager()
                .forEach(l -> ofWorkspaces.add(l.id()));
        assertThat(ofWorkspaces).containsExactlyInAnyOrder(ofWorkspace.id(), uncapped.id());

        List<BetaSpendSummary> effective = new ArrayList<>();
        spendLimits.effective().list(EffectiveListParams.builder().addUserId(member.userId()).limit(1L).build()).autoPager().forEach(effective::add);
        assertThat(effective).extracting(BetaSpendSummary::spendLimitId).contains(ofMember.id(), organization.id());
        assertThat(effective).allSatisfy(s -> assertThat(s.actor().isUser()).isTrue());

        // increase requests: the member asks (this product's own endpoint), the Admin API key lists, reads, approves, denies
        String first = member.request("POST", "/v1/organizations/spend_limit_increase_requests").json("{\"period\":\"weekly\",\"reason\":\"demo\"}")
                .send().json().getString("id");
        List<BetaSpendLimitIncreaseRequest> pending = new ArrayList<>();
        spendLimits.increaseRequests().list(IncreaseRequestListParams.builder().addStatus(BetaSpendLimitIncreaseRequestStatus.PENDING).build())
                .autoPager().forEach(pending::add);
        assertThat(pending).extracting(BetaSpendLimitIncreaseRequest::id).containsExactly(first);
        BetaSpendLimitIncreaseRequest read = spendLimits.increaseRequests().retrieve(first);
        assertThat(read.actor().asUser().userId()).isEqualTo(member.userId());
        assertThat(read.spendSummary()).isPresent();
        IncreaseRequestApproveResponse approved = spendLimits.increaseRequests().approve(first,
                IncreaseRequestApproveParams.builder().amount("8.00").build());
        assertThat(approved.status()).isEqualTo(BetaSpendLimitIncreaseRequestStatus.APPROVED);
        assertThat(approved.spendLimit()).hasValueSatisfying(l -> assertThat(l.amount()).contains("8.00"));
        assertThat(approved.resolvedBy()).isPresent();
        String second = member.request("POST", "/v1/organizations/spend_limit_increase_requests").json("{\"period\":\"weekly\"}")
                .send().json().getString("id");
        BetaSpendLimitIncreaseRequest denied = spendLimits.increaseRequests().deny(second);
        assertThat(denied.status()).isEqualTo(BetaSpendLimitIncreaseRequestStatus.DENIED);
        assertThat(spendLimits.retrieve(ofMember.id()).amount()).as("a denial changes nothing").contains("8.00");

        SpendLimitDeleteResponse deleted = spendLimits.delete(ofWorkspace.id());
        assertThat(deleted.id()).isEqualTo(ofWorkspace.id());
        assertThat(admin.request("GET", "/v1/organizations/spend_limits/" + ofWorkspace.id()).send().errorCode()).isEqualTo("spend_limit_not_found");
    }

    private static String workspace(Person admin, String name) {
        Response created = admin.request("POST", "/v1/organizations/workspaces").json("{\"name\":\"" + name + " " + UUID.randomUUID().toString().substring(0, 6) + "\"}").send();
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        return created.json().getString("id");
    }

    private static JsonObject set(Person admin, String body) {
        Response set = admin.request("POST", "/v1/organizations/spend_limits").json(body).send();
        assertThat(set.status()).as(set.toString()).isEqualTo(200);
        return set.json();
    }

    private Response verify(String secret) {
        return Api.request("POST", "/v1/gateway/api_keys/verify").bearer(gateway).json("{\"key\":\"" + secret + "\"}").send();
    }

    private void report(String apiKeyId, long outputTokens, Instant at) {
        Response recorded = Api.request("POST", "/v1/gateway/usage_events").bearer(gateway).json("{\"event_id\":\"spend-" + UUID.randomUUID()
                + "\",\"api_key_id\":\"" + apiKeyId + "\",\"model\":\"claude-sonnet-4-5\",\"input_tokens\":0,\"output_tokens\":" + outputTokens
                + (at == null ? "" : ",\"timestamp\":\"" + at + "\"") + "}").send();
        assertThat(recorded.status()).as(recorded.toString()).isEqualTo(200);
    }

    private static JsonObject find(Response list, String field, String value) {
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        return find(list.json(), field, Api.parse("{\"v\":\"" + value + "\"}").get("v"));
    }

    private static JsonObject find(JsonObject list, String field, JsonValue value) {
        return find(list.getJsonArray("data"), field, value);
    }

    private static JsonObject find(jakarta.json.JsonArray items, String field, String value) {
        return find(items, field, Api.parse("{\"v\":\"" + value + "\"}").get("v"));
    }

    private static JsonObject find(jakarta.json.JsonArray items, String field, JsonValue value) {
        return items.stream().map(JsonValue::asJsonObject).filter(o -> value.equals(o.get(field))).findFirst()
                .orElseThrow(() -> new AssertionError("no item with " + field + " = " + value + " in " + items));
    }
}
