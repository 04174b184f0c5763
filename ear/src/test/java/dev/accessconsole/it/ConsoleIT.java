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
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The Console's own capabilities through HTTP with real tokens, each for a role that may and one that may not. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ConsoleIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.realEar();
    }

    private Person admin;
    private String orgId;
    private final String gateway = Api.platformToken("gateway");
    private final String support = Api.platformToken("support");

    @BeforeEach
    void organization() {
        admin = Api.newPerson("console-admin");
        orgId = Orgs.create(admin, "Console");
    }

    private static void assertError(Response response, int status, String type) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.errorType()).isEqualTo(type);
    }

    private Response verify(String secret) {
        return Api.request("POST", "/v1/gateway/api_keys/verify").bearer(gateway).json("{\"key\":\"" + secret + "\"}").send();
    }

    private Response usage(String eventId, String keyId, String model, long input, long output) {
        return Api.request("POST", "/v1/gateway/usage_events").bearer(gateway).json("{\"event_id\":\"" + eventId + "\",\"api_key_id\":\""
                + keyId + "\",\"model\":\"" + model + "\",\"input_tokens\":" + input + ",\"output_tokens\":" + output + "}").send();
    }

    @Test
    void claudeCodeSignInCreatesTheWorkspaceAndABoundKeyThatStopsWhenTheMemberLeaves() {
        Person coder = Orgs.join(orgId, admin, "claude_code_user", "coder");
        Person billing = Orgs.join(orgId, admin, "billing", "billing");
        Person user = Orgs.join(orgId, admin, "user", "user");

        Response signIn = coder.request("POST", "/v1/organizations/claude_code/sign_in").send();
        assertThat(signIn.status()).as(signIn.toString()).isEqualTo(200);
        String secret = signIn.json().getString("secret");
        String workspaceId = signIn.json().getString("workspace_id");
        assertThat(admin.request("GET", "/v1/organizations/workspaces/" + workspaceId).send().json().getString("name")).isEqualTo("Claude Code");
        assertThat(coder.request("GET", "/v1/organizations/workspaces/" + workspaceId + "/members/" + coder.userId()).send()
                .json().getString("workspace_role")).isEqualTo("workspace_user");

        // billing and user may not sign in; billing cannot even see the workspace
        assertError(billing.request("POST", "/v1/organizations/claude_code/sign_in").send(), 403, "permission_error");
        assertError(user.request("POST", "/v1/organizations/claude_code/sign_in").send(), 403, "permission_error");
        assertError(billing.request("GET", "/v1/organizations/workspaces/" + workspaceId).send(), 404, "not_found_error");
        assertError(billing.request("GET", "/v1/organizations/workspaces/" + workspaceId + "/members").send(), 404, "not_found_error");
        // nobody creates keys there by hand
        assertError(admin.request("POST", "/v1/organizations/api_keys").json("{\"name\":\"x\",\"workspace_id\":\"" + workspaceId + "\"}").send(),
                400, "invalid_request_error");

        Response verified = verify(secret);
        assertThat(verified.status()).isEqualTo(200);
        assertThat(verified.json().getString("organization_id")).isEqualTo(orgId);

        // the member leaves the workspace: the next verification fails
        assertThat(admin.request("DELETE", "/v1/organizations/workspaces/" + workspaceId + "/members/" + coder.userId()).send().status()).isEqualTo(200);
        assertError(verify(secret), 401, "authentication_error");

        // a second member signs in, then leaves the organization: same
        Person developer = Orgs.join(orgId, admin, "developer", "dev");
        String devSecret = developer.request("POST", "/v1/organizations/claude_code/sign_in").send().json().getString("secret");
        assertThat(verify(devSecret).status()).isEqualTo(200);
        assertThat(admin.request("DELETE", "/v1/organizations/users/" + developer.userId()).send().status()).isEqualTo(200);
        assertError(verify(devSecret), 401, "authentication_error");

        // archiving the Claude Code workspace disables sign-in
        assertThat(admin.request("POST", "/v1/organizations/workspaces/" + workspaceId + "/archive").send().status()).isEqualTo(200);
        assertError(admin.request("POST", "/v1/organizations/claude_code/sign_in").send(), 403, "permission_error");
    }

    @Test
    void gatewayVerifiesKeysAndCountsARetriedEventOnce() {
        String secret = admin.request("POST", "/v1/organizations/api_keys").json("{\"name\":\"prod\"}").send().json().getString("secret");
        JsonObject verified = verify(secret).json();
        assertThat(verified.isNull("workspace_id")).isTrue();
        String keyId = verified.getString("api_key_id");

        String eventId = "evt-" + UUID.randomUUID();
        Response first = usage(eventId, keyId, "claude-sonnet-4-5", 1_000_000, 200_000);
        Response retry = usage(eventId, keyId, "claude-sonnet-4-5", 1_000_000, 200_000);
        assertThat(first.json().getBoolean("duplicate")).isFalse();
        assertThat(retry.json().getBoolean("duplicate")).isTrue();
        JsonObject report = admin.request("GET", "/v1/organizations/usage_report/messages?starting_at=" + today()).send().json();
        JsonObject row = report.getJsonArray("data").getJsonObject(0).getJsonArray("results").getJsonObject(0);
        assertThat(row.getJsonNumber("uncached_input_tokens").longValue()).isEqualTo(1_000_000);
        assertThat(row.getJsonNumber("output_tokens").longValue()).isEqualTo(200_000);
        // priced from configuration: 300 + 0.2 × 1500 cents
        JsonObject cost = admin.request("GET", "/v1/organizations/cost_report?starting_at=" + today()).send().json()
                .getJsonArray("data").getJsonObject(0).getJsonArray("results").getJsonObject(0);
        assertThat(cost.getString("currency")).isEqualTo("USD");
        assertThat(cost.getString("amount")).isEqualTo("600");

        // anything else: 401 with no hint; the wrong credentials: 403 / 401
        assertError(verify("sk-ant-api03-not-a-key"), 401, "authentication_error");
        assertThat(verify("sk-ant-api03-not-a-key").json().getJsonObject("error").getString("message")).isEqualTo("Invalid API key.");
        assertError(Api.request("POST", "/v1/gateway/api_keys/verify").bearer(support).json("{\"key\":\"" + secret + "\"}").send(), 403, "permission_error");
        assertError(admin.request("POST", "/v1/gateway/api_keys/verify").json("{\"key\":\"" + secret + "\"}").send(), 403, "permission_error");
        assertError(Api.request("POST", "/v1/gateway/api_keys/verify").json("{\"key\":\"" + secret + "\"}").send(), 401, "authentication_error");
        assertError(usage("e-" + UUID.randomUUID(), keyId, "m", -1, 0), 400, "invalid_request_error");
        // an inactive key stops verifying
        admin.request("POST", "/v1/organizations/api_keys/" + keyId).json("{\"status\":\"inactive\"}").send();
        assertError(verify(secret), 401, "authentication_error");
    }

    @Test
    void reportsHoldOnlyTheRowsOfWorkspacesTheCallerMayRead() {
        String mine = admin.request("POST", "/v1/organizations/workspaces").json("{\"name\":\"Mine\"}").send().json().getString("id");
        String theirs = admin.request("POST", "/v1/organizations/workspaces").json("{\"name\":\"Theirs\"}").send().json().getString("id");
        Person developer = Orgs.join(orgId, admin, "developer", "dev");
        Person billing = Orgs.join(orgId, admin, "billing", "billing");
        Person user = Orgs.join(orgId, admin, "user", "user");
        admin.request("POST", "/v1/organizations/workspaces/" + mine + "/members")
                .json("{\"user_id\":\"" + developer.userId() + "\",\"workspace_role\":\"workspace_developer\"}").send();
        String mineKey = keyIn(mine);
        String theirsKey = keyIn(theirs);
        String defaultKey = keyIn(null);
        String codeKey = verify(developer.request("POST", "/v1/organizations/claude_code/sign_in").send().json().getString("secret"))
                .json().getString("api_key_id");
        for (String key : List.of(mineKey, theirsKey, defaultKey, codeKey)) {
            assertThat(usage("e-" + UUID.randomUUID(), key, "claude-haiku-4-5", 100, 10).status()).isEqualTo(200);
        }
        String query = "/v1/organizations/usage_report/messages?starting_at=" + today() + "&group_by[]=workspace_id&group_by[]=api_key_id";

        List<String> developerKeys = keys(developer.request("GET", query).send().json());
        assertThat(developerKeys).containsExactlyInAnyOrder(mineKey, defaultKey, codeKey).doesNotContain(theirsKey);
        List<String> billingKeys = keys(billing.request("GET", query).send().json());
        assertThat(billingKeys).containsExactlyInAnyOrder(mineKey, theirsKey, defaultKey, codeKey);
        assertThat(keys(admin.request("GET", query).send().json())).hasSize(4);
        assertError(user.request("GET", query).send(), 403, "permission_error");
        assertError(user.request("GET", "/v1/organizations/cost_report?starting_at=" + today()).send(), 403, "permission_error");

        // the Default workspace shows as null
        JsonObject defaultRow = billing.request("GET", query).send().json().getJsonArray("data").getJsonObject(0).getJsonArray("results")
                .getValuesAs(JsonObject.class).stream().filter(r -> r.getString("api_key_id").equals(defaultKey)).findFirst().orElseThrow();
        assertThat(defaultRow.isNull("workspace_id")).isTrue();
        assertError(admin.request("GET", "/v1/organizations/usage_report/messages").send(), 400, "invalid_request_error");
        assertError(admin.request("GET", "/v1/organizations/usage_report/messages?starting_at=" + today() + "&bucket_width=7d").send(), 400, "invalid_request_error");
    }

    @Test
    void limitsAreReadWithLimitsReadAndSetWithinTheOrganizationsLimits() {
        String workspaceId = admin.request("POST", "/v1/organizations/workspaces").json("{\"name\":\"Limited\"}").send().json().getString("id");
        Person user = Orgs.join(orgId, admin, "user", "user");
        Person billing = Orgs.join(orgId, admin, "billing", "billing");
        admin.request("POST", "/v1/organizations/workspaces/" + workspaceId + "/members")
                .json("{\"user_id\":\"" + user.userId() + "\",\"workspace_role\":\"workspace_user\"}").send();
        String path = "/v1/organizations/workspaces/" + workspaceId + "/limits";

        Response supportSets = Api.request("PUT", "/v1/support/organizations/" + orgId + "/limits").bearer(support)
                .json("{\"monthly_spend_limit_cents\":100000,\"requests_per_minute\":1000}").send();
        assertThat(supportSets.status()).as(supportSets.toString()).isEqualTo(200);
        assertError(admin.request("PUT", "/v1/support/organizations/" + orgId + "/limits").json("{\"requests_per_minute\":5}").send(), 403, "permission_error");

        assertThat(admin.request("PUT", path).json("{\"monthly_spend_limit_cents\":50000,\"requests_per_minute\":100}").send().status()).isEqualTo(200);
        JsonObject read = billing.request("GET", path).send().json();
        assertThat(read.getJsonObject("limits").getJsonNumber("monthly_spend_limit_cents").longValue()).isEqualTo(50000);
        assertThat(read.getJsonObject("organization_limits").getJsonNumber("requests_per_minute").longValue()).isEqualTo(1000);
        assertError(billing.request("PUT", path).json("{\"requests_per_minute\":10}").send(), 403, "permission_error");
        assertError(user.request("GET", path).send(), 403, "permission_error");
        assertError(admin.request("PUT", path).json("{\"requests_per_minute\":1001}").send(), 400, "invalid_request_error");
        assertThat(admin.request("GET", path).send().json().getJsonObject("limits").getJsonNumber("requests_per_minute").longValue()).isEqualTo(100);
        String defaultId = admin.request("GET", "/v1/organizations/workspaces?include_default=true").send().json().getJsonArray("data")
                .getValuesAs(JsonObject.class).stream().filter(w -> w.getString("name").equals("Default")).findFirst().orElseThrow().getString("id");
        assertError(admin.request("PUT", "/v1/organizations/workspaces/" + defaultId + "/limits").json("{\"requests_per_minute\":1}").send(),
                400, "invalid_request_error");
    }

    @Test
    void billingDetailsAndBillingEmails() {
        Person billing = Orgs.join(orgId, admin, "billing", "billing");
        Person developer = Orgs.join(orgId, admin, "developer", "dev");
        JsonObject initial = billing.request("GET", "/v1/organizations/billing").send().json();
        assertThat(initial.getString("primary_billing_email")).isEqualTo(admin.email());

        Response edited = billing.request("PUT", "/v1/organizations/billing").json("{\"company_name\":\"Acme Ltd\",\"tax_id\":\"GB123\","
                + "\"address\":{\"line1\":\"1 Main St\",\"city\":\"London\",\"country\":\"GB\"},\"primary_billing_email\":\"evil@example.com\"}").send();
        assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
        assertThat(edited.json().getString("company_name")).isEqualTo("Acme Ltd");
        assertThat(edited.json().getString("primary_billing_email")).isEqualTo(admin.email());
        assertError(developer.request("GET", "/v1/organizations/billing").send(), 403, "permission_error");
        assertError(developer.request("PUT", "/v1/organizations/billing").json("{\"company_name\":\"x\"}").send(), 403, "permission_error");

        Response emails = Api.request("PUT", "/v1/support/organizations/" + orgId + "/billing_emails").bearer(support)
                .json("{\"primary_billing_email\":\"" + billing.email() + "\",\"billing_contact_emails\":[\"" + developer.email() + "\"]}").send();
        assertThat(emails.status()).as(emails.toString()).isEqualTo(200);
        assertError(admin.request("PUT", "/v1/support/organizations/" + orgId + "/billing_emails")
                .json("{\"primary_billing_email\":\"" + admin.email() + "\"}").send(), 403, "permission_error");

        // demoting the primary billing email's holder keeps the email and warns, in the response and the audit log
        Response demoted = admin.request("POST", "/v1/organizations/users/" + billing.userId()).json("{\"role\":\"user\"}").send();
        assertThat(demoted.status()).isEqualTo(200);
        assertThat(demoted.json().getJsonArray("warnings").getString(0)).contains(billing.email());
        assertThat(admin.request("GET", "/v1/organizations/billing").send().json().getString("primary_billing_email")).isEqualTo(billing.email());
        JsonObject audit = admin.request("GET", "/v1/organizations/audit_events?action=billing.email_holder_without_access").send().json();
        assertThat(audit.getJsonArray("data")).hasSize(1);
    }

    @Test
    void workbenchPromptsBelongToTheirWorkspace() {
        String workspaceId = admin.request("POST", "/v1/organizations/workspaces").json("{\"name\":\"Prompts\"}").send().json().getString("id");
        Person member = Orgs.join(orgId, admin, "user", "member");
        Person outsider = Orgs.join(orgId, admin, "user", "outsider");
        admin.request("POST", "/v1/organizations/workspaces/" + workspaceId + "/members")
                .json("{\"user_id\":\"" + member.userId() + "\",\"workspace_role\":\"workspace_user\"}").send();
        String path = "/v1/organizations/workspaces/" + workspaceId + "/prompts";
        Response created = member.request("POST", path).json("{\"name\":\"Greeter\",\"model\":\"claude-sonnet-4-5\",\"system\":\"Be kind.\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}").send();
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        String promptId = created.json().getString("id");
        assertThat(created.json().getString("created_by")).isEqualTo(member.userId());
        assertThat(member.request("GET", path).send().json().getJsonArray("data")).hasSize(1);
        assertThat(member.request("POST", path + "/" + promptId).json("{\"name\":\"Greeter 2\"}").send().json().getString("name")).isEqualTo("Greeter 2");
        assertError(outsider.request("GET", path).send(), 404, "not_found_error");
        assertError(outsider.request("GET", path + "/" + promptId).send(), 404, "not_found_error");
        assertError(member.request("POST", path).json("{\"name\":\"x\",\"model\":\"m\",\"messages\":[{\"role\":\"robot\"}]}").send(), 400, "invalid_request_error");
        assertThat(member.request("DELETE", path + "/" + promptId).send().json().getString("type")).isEqualTo("prompt_deleted");
        assertError(member.request("GET", path + "/" + promptId).send(), 404, "not_found_error");
        // the Default workspace: every member uses Workbench there
        String defaultPath = "/v1/organizations/workspaces/" + defaultWorkspace() + "/prompts";
        assertThat(outsider.request("GET", defaultPath).send().status()).isEqualTo(200);
    }

    @Test
    void auditLogRecordsChangesAndDenialsForAdminsOnly() {
        Person user = Orgs.join(orgId, admin, "user", "user");
        assertError(user.request("GET", "/v1/organizations/users").send(), 403, "permission_error");
        assertError(user.request("GET", "/v1/organizations/audit_events").send(), 403, "permission_error");
        JsonObject denials = admin.request("GET", "/v1/organizations/audit_events?action=access.denied").send().json();
        assertThat(denials.getJsonArray("data").getValuesAs(JsonObject.class)).anySatisfy(e -> {
            assertThat(e.getJsonObject("actor").getString("id")).isEqualTo(user.userId());
            assertThat(e.getJsonObject("target").getString("id")).isEqualTo("members:manage");
            assertThat(e.getString("outcome")).isEqualTo("forbidden");
        });
        JsonObject creations = admin.request("GET", "/v1/organizations/audit_events?action=invite.accept&limit=1").send().json();
        assertThat(creations.getJsonArray("data").getJsonObject(0).getString("request_id")).startsWith("req_");
        assertError(admin.request("GET", "/v1/organizations/audit_events?starting_at=yesterday").send(), 400, "invalid_request_error");
    }

    @Test
    void accessReviewAndExplain() {
        Person billing = Orgs.join(orgId, admin, "billing", "billing");
        Person developer = Orgs.join(orgId, admin, "developer", "dev");
        developer.request("POST", "/v1/organizations/claude_code/sign_in").send();
        String workspaceId = signInWorkspace();

        JsonObject explained = admin.request("GET", "/v1/organizations/users/" + billing.userId() + "/permissions?workspace_id="
                + workspaceId + "&permission=cost:read").send().json();
        assertThat(explained.getBoolean("granted")).isFalse();
        assertThat(explained.getString("permission")).isEqualTo("cost:read");
        JsonObject decision = explained.getJsonArray("decisions").getJsonObject(0);
        assertThat(decision.getBoolean("granted")).isFalse();
        assertThat(decision.getString("outcome")).isEqualTo("not_visible");
        assertThat(decision.getJsonArray("reasons").getString(0)).contains("org role billing does not grant claude_code:use");
        JsonObject elsewhere = admin.request("GET", "/v1/organizations/users/" + billing.userId() + "/permissions?permission=cost:read").send().json();
        assertThat(elsewhere.getJsonArray("decisions").getJsonObject(0).getBoolean("granted")).isTrue();
        assertError(developer.request("GET", "/v1/organizations/users/" + billing.userId() + "/permissions").send(), 403, "permission_error");

        JsonObject review = admin.request("GET", "/v1/organizations/access_review").send().json();
        assertThat(review.getJsonArray("data")).hasSize(3 * 2); // three members × Default and Claude Code
        Response csv = admin.request("GET", "/v1/organizations/access_review").header("Accept", "text/csv").send();
        assertThat(csv.header("content-type")).startsWith("text/csv");
        assertThat(csv.body().lines().count()).isEqualTo(1 + 6);
        assertThat(csv.body()).contains("\"" + billing.email() + "\",\"billing\",\"" + workspaceId + "\",\"Claude Code\",\"claude_code\",,");
        assertError(billing.request("GET", "/v1/organizations/access_review").send(), 403, "permission_error");
    }

    private String signInWorkspace() {
        return admin.request("GET", "/v1/organizations/workspaces").send().json().getJsonArray("data").getValuesAs(JsonObject.class).stream()
                .filter(w -> w.getString("name").equals("Claude Code")).findFirst().orElseThrow().getString("id");
    }

    private String defaultWorkspace() {
        return admin.request("GET", "/v1/organizations/workspaces?include_default=true").send().json().getJsonArray("data")
                .getValuesAs(JsonObject.class).stream().filter(w -> w.getString("name").equals("Default")).findFirst().orElseThrow().getString("id");
    }

    private String keyIn(String workspaceId) {
        String body = workspaceId == null ? "{\"name\":\"k\"}" : "{\"name\":\"k\",\"workspace_id\":\"" + workspaceId + "\"}";
        return admin.request("POST", "/v1/organizations/api_keys").json(body).send().json().getString("id");
    }

    private static List<String> keys(JsonObject report) {
        return report.getJsonArray("data").getValuesAs(JsonObject.class).stream()
                .flatMap(bucket -> bucket.getJsonArray("results").getValuesAs(JsonObject.class).stream())
                .map(r -> r.getString("api_key_id")).toList();
    }

    private static String today() {
        return Instant.now().truncatedTo(ChronoUnit.DAYS).toString();
    }
}
