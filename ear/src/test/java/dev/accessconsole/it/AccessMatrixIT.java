package dev.accessconsole.it;

import dev.accessconsole.it.Api.Person;
import dev.accessconsole.it.Api.Response;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cross-tenant and function-level matrix, one test per operation of /openapi (a new endpoint is covered without
 * touching this test): every kind of principal × ids of this and of another organization, each call with a valid body
 * and real ids, so that the guard is the only thing between a refused caller and the action. What each principal holds
 * comes from tables written here from roles.md, not from the code under test; what each operation requires is api.md's
 * table (an operation /openapi documents differently fails). Refused callers get exactly 401, 404, or 403 naming the
 * missing permission; allowed callers get 200; refused writes change nothing. No exemptions.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AccessMatrixIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.realEar();
    }

    /** roles.md, org-level permissions by org role. */
    private static final Map<String, Set<String>> ORG = Map.of(
            "user", Set.of("organization:read"),
            "claude_code_user", Set.of("organization:read", "claude_code:use"),
            "developer", Set.of("organization:read", "claude_code:use"),
            "billing", Set.of("organization:read", "billing:read", "billing:manage"),
            "admin", Set.of("organization:read", "claude_code:use", "members:manage", "workspaces:create", "workspaces:archive",
                    "admin_keys:manage", "audit:read", "access_review:read", "billing:read", "billing:manage"));

    /** roles.md, Admin API restrictions: what an Admin API key never holds although it acts as an admin. */
    private static final Set<String> WITHHELD_FROM_ADMIN_KEYS = Set.of("admin_keys:manage", "claude_code:use");

    /** roles.md, workspace-level permissions by workspace role. */
    private static final Map<String, Set<String>> WS = Map.of(
            "workspace_user", Set.of("workspace:read", "workbench:use"),
            "workspace_billing", Set.of("workspace:read", "workbench:use", "usage:read", "cost:read", "limits:read"),
            "workspace_restricted_developer", Set.of("workspace:read", "workbench:use", "usage:read", "cost:read", "limits:read", "api_keys:read", "api_keys:manage"),
            "workspace_developer", Set.of("workspace:read", "workbench:use", "usage:read", "cost:read", "limits:read", "api_keys:read", "api_keys:manage"),
            "workspace_admin", Set.of("workspace:read", "workbench:use", "usage:read", "cost:read", "limits:read", "api_keys:read", "api_keys:manage",
                    "workspace:manage", "workspace_members:manage"));

    private static final Set<String> WORKSPACE_PERMISSIONS = Set.of("workspace:read", "workbench:use", "usage:read", "cost:read", "limits:read",
            "api_keys:read", "api_keys:manage", "workspace:manage", "workspace_members:manage");

    /** api.md's tables, operation by operation. */
    static final Map<String, List<String>> API_MD = Map.ofEntries(
            Map.entry("GET /v1/me", List.of("authenticated")),
            Map.entry("GET /v1/roles", List.of("authenticated")),
            Map.entry("POST /v1/organizations", List.of("authenticated")),
            Map.entry("POST /v1/invites/{invite_id}/accept", List.of("authenticated")),
            Map.entry("GET /v1/organizations/me", List.of("organization:read")),
            Map.entry("GET /v1/organizations/me/permissions", List.of("organization:read")),
            Map.entry("GET /v1/organizations/users", List.of("members:manage")),
            Map.entry("GET /v1/organizations/users/{user_id}", List.of("members:manage")),
            Map.entry("POST /v1/organizations/users/{user_id}", List.of("members:manage")),
            Map.entry("DELETE /v1/organizations/users/{user_id}", List.of("members:manage")),
            Map.entry("GET /v1/organizations/users/{user_id}/permissions", List.of("members:manage")),
            Map.entry("GET /v1/organizations/invites", List.of("members:manage")),
            Map.entry("POST /v1/organizations/invites", List.of("members:manage")),
            Map.entry("GET /v1/organizations/invites/{invite_id}", List.of("members:manage")),
            Map.entry("DELETE /v1/organizations/invites/{invite_id}", List.of("members:manage")),
            Map.entry("GET /v1/organizations/workspaces", List.of("workspace:read")),
            Map.entry("POST /v1/organizations/workspaces", List.of("workspaces:create")),
            Map.entry("GET /v1/organizations/workspaces/{workspace_id}", List.of("workspace:read")),
            Map.entry("POST /v1/organizations/workspaces/{workspace_id}", List.of("workspace:manage")),
            Map.entry("POST /v1/organizations/workspaces/{workspace_id}/archive", List.of("workspace:read", "workspaces:archive")),
            Map.entry("GET /v1/organizations/workspaces/{workspace_id}/members", List.of("workspace:read")),
            Map.entry("POST /v1/organizations/workspaces/{workspace_id}/members", List.of("workspace_members:manage")),
            Map.entry("GET /v1/organizations/workspaces/{workspace_id}/members/{user_id}", List.of("workspace:read")),
            Map.entry("POST /v1/organizations/workspaces/{workspace_id}/members/{user_id}", List.of("workspace_members:manage")),
            Map.entry("DELETE /v1/organizations/workspaces/{workspace_id}/members/{user_id}", List.of("workspace_members:manage")),
            Map.entry("GET /v1/organizations/api_keys", List.of("api_keys:read")),
            Map.entry("POST /v1/organizations/api_keys", List.of("api_keys:manage")),
            Map.entry("GET /v1/organizations/api_keys/{api_key_id}", List.of("api_keys:read")),
            Map.entry("POST /v1/organizations/api_keys/{api_key_id}", List.of("api_keys:manage")),
            Map.entry("GET /v1/organizations/admin_keys", List.of("admin_keys:manage")),
            Map.entry("POST /v1/organizations/admin_keys", List.of("admin_keys:manage")),
            Map.entry("POST /v1/organizations/admin_keys/{admin_key_id}", List.of("admin_keys:manage")),
            Map.entry("POST /v1/organizations/claude_code/sign_in", List.of("claude_code:use")),
            Map.entry("GET /v1/organizations/workspaces/{workspace_id}/prompts", List.of("workbench:use")),
            Map.entry("POST /v1/organizations/workspaces/{workspace_id}/prompts", List.of("workbench:use")),
            Map.entry("GET /v1/organizations/workspaces/{workspace_id}/prompts/{prompt_id}", List.of("workbench:use")),
            Map.entry("POST /v1/organizations/workspaces/{workspace_id}/prompts/{prompt_id}", List.of("workbench:use")),
            Map.entry("DELETE /v1/organizations/workspaces/{workspace_id}/prompts/{prompt_id}", List.of("workbench:use")),
            Map.entry("GET /v1/organizations/workspaces/{workspace_id}/limits", List.of("limits:read")),
            Map.entry("PUT /v1/organizations/workspaces/{workspace_id}/limits", List.of("workspace:manage")),
            Map.entry("GET /v1/organizations/billing", List.of("billing:read")),
            Map.entry("PUT /v1/organizations/billing", List.of("billing:manage")),
            Map.entry("GET /v1/organizations/access_review", List.of("access_review:read")),
            Map.entry("GET /v1/organizations/audit_events", List.of("audit:read")),
            Map.entry("GET /v1/organizations/usage_report/messages", List.of("usage:read")),
            Map.entry("GET /v1/organizations/usage_report/claude_code", List.of("usage:read")),
            Map.entry("GET /v1/organizations/cost_report", List.of("cost:read")),
            Map.entry("PUT /v1/support/organizations/{org_id}/billing_emails", List.of("platform:support")),
            Map.entry("PUT /v1/support/organizations/{org_id}/limits", List.of("platform:support")),
            Map.entry("POST /v1/gateway/api_keys/verify", List.of("platform:gateway")),
            Map.entry("POST /v1/gateway/usage_events", List.of("platform:gateway")),
            Map.entry("GET /v1/organizations/rate_limits", List.of("limits:read")),
            Map.entry("GET /v1/organizations/workspaces/{workspace_id}/rate_limits", List.of("limits:read")),
            Map.entry("POST /v1/organizations/workspaces/{workspace_id}/rate_limits/{rate_limit_id}", List.of("workspace:manage")),
            Map.entry("GET /v1/organizations/service_accounts", List.of("members:manage")),
            Map.entry("POST /v1/organizations/service_accounts", List.of("members:manage")),
            Map.entry("GET /v1/organizations/service_accounts/{service_account_id}", List.of("members:manage")),
            Map.entry("POST /v1/organizations/service_accounts/{service_account_id}", List.of("members:manage")),
            Map.entry("POST /v1/organizations/service_accounts/{service_account_id}/archive", List.of("members:manage")),
            Map.entry("GET /v1/organizations/service_accounts/{service_account_id}/workspaces", List.of("members:manage")),
            Map.entry("POST /v1/organizations/service_accounts/{service_account_id}/workspaces", List.of("workspace_members:manage")),
            Map.entry("DELETE /v1/organizations/service_accounts/{service_account_id}/workspaces/{workspace_id}", List.of("workspace_members:manage")),
            Map.entry("GET /v1/organizations/workspaces/{workspace_id}/service_accounts", List.of("workspace_members:manage")),
            Map.entry("POST /v1/organizations/workspaces/{workspace_id}/service_accounts", List.of("workspace_members:manage")),
            Map.entry("GET /v1/organizations/workspaces/{workspace_id}/service_accounts/{service_account_id}", List.of("workspace_members:manage")),
            Map.entry("POST /v1/organizations/workspaces/{workspace_id}/service_accounts/{service_account_id}", List.of("workspace_members:manage")),
            Map.entry("DELETE /v1/organizations/workspaces/{workspace_id}/service_accounts/{service_account_id}", List.of("workspace_members:manage")),
            // third wave: groups, roles and the identity provider
            Map.entry("GET /v1/organizations/rbac_groups", List.of("members:manage")),
            Map.entry("POST /v1/organizations/rbac_groups", List.of("members:manage")),
            Map.entry("GET /v1/organizations/rbac_groups/{rbac_group_id}", List.of("members:manage")),
            Map.entry("POST /v1/organizations/rbac_groups/{rbac_group_id}", List.of("members:manage")),
            Map.entry("DELETE /v1/organizations/rbac_groups/{rbac_group_id}", List.of("members:manage")),
            Map.entry("GET /v1/organizations/rbac_groups/{rbac_group_id}/members", List.of("members:manage")),
            Map.entry("POST /v1/organizations/rbac_groups/{rbac_group_id}/members", List.of("members:manage")),
            Map.entry("DELETE /v1/organizations/rbac_groups/{rbac_group_id}/members/{user_id}", List.of("members:manage")),
            Map.entry("GET /v1/organizations/rbac_roles", List.of("organization:read")),
            Map.entry("GET /v1/organizations/rbac_roles/{rbac_role_id}", List.of("organization:read")),
            Map.entry("GET /v1/organizations/rbac_roles/{rbac_role_id}/permissions", List.of("organization:read")),
            Map.entry("POST /v1/organizations/rbac_roles", List.of("members:manage")),
            Map.entry("POST /v1/organizations/rbac_roles/{rbac_role_id}", List.of("members:manage")),
            Map.entry("DELETE /v1/organizations/rbac_roles/{rbac_role_id}", List.of("members:manage")),
            Map.entry("POST /v1/organizations/users/{user_id}/sign_out", List.of("members:manage")),
            Map.entry("GET /v1/organizations/scim_tokens", List.of("members:manage")),
            Map.entry("POST /v1/organizations/scim_tokens", List.of("members:manage")),
            Map.entry("POST /v1/organizations/scim_tokens/{scim_token_id}/revoke", List.of("members:manage")),
            Map.entry("GET /v1/organizations/sign_in_settings", List.of("members:manage")),
            Map.entry("PUT /v1/organizations/sign_in_settings", List.of("members:manage")),
            // spend limits: read with cost:read; set by admins and, for their workspace, workspace admins (the gate: workspace:manage somewhere)
            Map.entry("GET /v1/organizations/spend_limits", List.of("cost:read")),
            Map.entry("POST /v1/organizations/spend_limits", List.of("workspace:manage")),
            Map.entry("GET /v1/organizations/spend_limits/effective", List.of("cost:read")),
            Map.entry("GET /v1/organizations/spend_limits/{spend_limit_id}", List.of("cost:read")),
            Map.entry("DELETE /v1/organizations/spend_limits/{spend_limit_id}", List.of("workspace:manage")),
            Map.entry("GET /v1/organizations/me/spend_limits", List.of("organization:read")),
            // workload federation: members:manage; the token exchange authenticates the token it is given
            Map.entry("GET /v1/organizations/federation_issuers", List.of("members:manage")),
            Map.entry("POST /v1/organizations/federation_issuers", List.of("members:manage")),
            Map.entry("GET /v1/organizations/federation_issuers/{federation_issuer_id}", List.of("members:manage")),
            Map.entry("POST /v1/organizations/federation_issuers/{federation_issuer_id}", List.of("members:manage")),
            Map.entry("POST /v1/organizations/federation_issuers/{federation_issuer_id}/archive", List.of("members:manage")),
            Map.entry("GET /v1/organizations/federation_rules", List.of("members:manage")),
            Map.entry("POST /v1/organizations/federation_rules", List.of("members:manage")),
            Map.entry("POST /v1/organizations/federation_rules/test", List.of("members:manage")),
            // the audit stream: whoever may read the audit log decides where it goes
            Map.entry("GET /v1/organizations/webhooks", List.of("audit:read")),
            Map.entry("POST /v1/organizations/webhooks", List.of("audit:read")),
            Map.entry("GET /v1/organizations/webhooks/{webhook_endpoint_id}", List.of("audit:read")),
            Map.entry("POST /v1/organizations/webhooks/{webhook_endpoint_id}", List.of("audit:read")),
            Map.entry("DELETE /v1/organizations/webhooks/{webhook_endpoint_id}", List.of("audit:read")),
            Map.entry("POST /v1/organizations/webhooks/{webhook_endpoint_id}/regenerate_signing_secret", List.of("audit:read")),
            Map.entry("GET /v1/organizations/federation_rules/{federation_rule_id}", List.of("members:manage")),
            Map.entry("POST /v1/organizations/federation_rules/{federation_rule_id}", List.of("members:manage")),
            Map.entry("POST /v1/organizations/federation_rules/{federation_rule_id}/archive", List.of("members:manage")),
            Map.entry("GET /v1/organizations/federation_rules/{federation_rule_id}/workspaces", List.of("members:manage")),
            Map.entry("POST /v1/organizations/federation_rules/{federation_rule_id}/workspaces", List.of("members:manage")),
            Map.entry("DELETE /v1/organizations/federation_rules/{federation_rule_id}/workspaces/{workspace_id}", List.of("members:manage")),
            Map.entry("POST /v1/oauth/token", List.of("presented_token")),
            // increase requests: any member asks for themselves; members:manage reads and decides
            Map.entry("POST /v1/organizations/spend_limit_increase_requests", List.of("organization:read")),
            Map.entry("GET /v1/organizations/spend_limit_increase_requests", List.of("members:manage")),
            Map.entry("GET /v1/organizations/spend_limit_increase_requests/{spend_limit_increase_request_id}", List.of("members:manage")),
            Map.entry("POST /v1/organizations/spend_limit_increase_requests/{spend_limit_increase_request_id}/approve", List.of("members:manage")),
            Map.entry("POST /v1/organizations/spend_limit_increase_requests/{spend_limit_increase_request_id}/deny", List.of("members:manage")));

    /** Lists gated by a workspace-level permission held in at least one workspace (api.md: "rows of workspaces with …"). */
    private static final Set<String> LIST_GATES = Set.of("GET /v1/organizations/workspaces", "GET /v1/organizations/api_keys",
            "GET /v1/organizations/usage_report/messages", "GET /v1/organizations/usage_report/claude_code", "GET /v1/organizations/cost_report",
            // spend limits: the gate is the permission somewhere; which limits the caller sees or changes is the policy's scope
            "GET /v1/organizations/spend_limits", "POST /v1/organizations/spend_limits", "GET /v1/organizations/spend_limits/effective",
            "GET /v1/organizations/spend_limits/{spend_limit_id}", "DELETE /v1/organizations/spend_limits/{spend_limit_id}");

    /** Operations whose workspace-level permission is decided in a workspace other than the Default one (path, key, body). */
    private static boolean decidedInW(String template, String method) {
        return template.contains("{workspace_id}") || template.contains("{api_key_id}")
                || (template.equals("/v1/organizations/api_keys") && method.equals("POST"))
                || (template.equals("/v1/organizations/service_accounts/{service_account_id}/workspaces") && method.equals("POST"));
    }

    /**
     * A caller: how it authenticates, its org role in organization A, the role a group of A gives it (null: none), and its
     * role in workspace W (null: none of either).
     */
    record Principal(String name, String token, String apiKey, String orgRole, String groupRole, String roleInW, String platform) {

        Principal(String name, String token, String apiKey, String orgRole, String roleInW, String platform) {
            this(name, token, apiKey, orgRole, null, roleInW, platform);
        }

        Api.Request request(String method, String path, String orgId) {
            Api.Request request = Api.request(method, path);
            if (token != null) {
                request.bearer(token);
            }
            if (apiKey != null) {
                request.header("x-api-key", apiKey);
            }
            return orgId == null ? request : request.org(orgId);
        }

        boolean anonymous() {
            return token == null && apiKey == null;
        }

        boolean adminKeyOfA() {
            return "admin_key".equals(orgRole);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** What roles.md and api.md say a call must answer: 200, or a refusal with its status and the permissions it may name. */
    record Expect(int status, Set<String> permissions) {
        static final Expect ALLOW = new Expect(200, Set.of());
        static final Expect UNAUTHENTICATED = new Expect(401, Set.of());
        static final Expect NOT_FOUND = new Expect(404, Set.of());

        static Expect forbidden(String... permissions) {
            return new Expect(403, Set.of(permissions));
        }

        static Expect forbidden(Set<String> permissions) {
            return new Expect(403, permissions);
        }
    }

    /** Organization A (with workspace W), organization B, the principals, and fresh targets on demand. */
    static final class World {
        final Person ownerA = Api.newPerson("matrix-a");
        final String orgA = Orgs.create(ownerA, "Matrix A");
        final Person auditor = Orgs.join(orgA, ownerA, "admin", "matrix-auditor");
        // the snapshots' readers, taken in turn: each credential has the suite's rate budget (1,200 a minute), and about
        // sixty writes each read organization A twice, faster on a quick machine than that budget allows one reader
        final List<Person> auditors = List.of(auditor, Orgs.join(orgA, ownerA, "admin", "matrix-auditor-2"),
                Orgs.join(orgA, ownerA, "admin", "matrix-auditor-3"), Orgs.join(orgA, ownerA, "admin", "matrix-auditor-4"));
        final AtomicInteger reads = new AtomicInteger();
        final String w = ownerA.request("POST", "/v1/organizations/workspaces").json("{\"name\":\"W\"}").send().json().getString("id");
        final JsonObject keyA = ownerA.request("POST", "/v1/organizations/api_keys").json("{\"name\":\"kA\",\"workspace_id\":\"" + w + "\"}").send().json();
        final String inviteA = invite(ownerA, orgA, "nobody-a-" + UUID.randomUUID() + "@example.com");
        final String promptA = prompt(ownerA, orgA, w);
        final String roleTarget = Orgs.join(orgA, ownerA, "developer", "matrix-role-target").userId();
        final String wsTarget = memberOfW("matrix-ws-target");
        final String adminKeyIdA;
        final String adminKeyA;
        final String serviceAccountA = serviceAccountInW("matrix-bot");
        final String groupA = group(ownerA, orgA, "Matrix group A");
        final String scimTokenA = scimToken(ownerA, orgA);
        final String customRoleA = customRole(ownerA, orgA, "Matrix auditor A");
        // an organization-wide monthly cap far above anything spent: it applies to every member, who may ask to raise it
        final String spendLimitA = spendLimit(ownerA, orgA, "{\"amount\":\"1000000.00\",\"scope\":{\"type\":\"organization\"},\"period\":\"monthly\"}");
        final String increaseRequestA = askForMore(Orgs.join(orgA, ownerA, "user", "matrix-asker"), orgA);
        final String issuerA = issuer(ownerA, orgA, "Matrix issuer A");
        final String ruleA = rule(ownerA, orgA, issuerA, serviceAccountA, w);
        final String webhookA = webhook(ownerA, orgA);

        final Person ownerB = Api.newPerson("matrix-b");
        final String orgB = Orgs.create(ownerB, "Matrix B");
        final String wB = ownerB.request("POST", "/v1/organizations/workspaces").json("{\"name\":\"WB\"}").send().json().getString("id");
        final String keyB = ownerB.request("POST", "/v1/organizations/api_keys").json("{\"name\":\"kB\",\"workspace_id\":\"" + wB + "\"}").send().json().getString("id");
        final String inviteB = invite(ownerB, orgB, "nobody-b-" + UUID.randomUUID() + "@example.com");
        final String promptB = prompt(ownerB, orgB, wB);
        final Person memberB = Orgs.join(orgB, ownerB, "developer", "member-b");
        final String serviceAccountB = ownerB.request("POST", "/v1/organizations/service_accounts").json("{\"name\":\"bot-b\"}").send().json().getString("id");
        final String groupB = group(ownerB, orgB, "Matrix group B");
        final String scimTokenB = scimToken(ownerB, orgB);
        final String customRoleB = customRole(ownerB, orgB, "Matrix auditor B");
        final String spendLimitB = spendLimit(ownerB, orgB, "{\"amount\":\"1000000.00\",\"scope\":{\"type\":\"organization\"},\"period\":\"monthly\"}");
        final String increaseRequestB = askForMore(memberB, orgB);
        final String issuerB = issuer(ownerB, orgB, "Matrix issuer B");
        final String ruleB = rule(ownerB, orgB, issuerB, serviceAccountB, wB);
        final String webhookB = webhook(ownerB, orgB);
        final String adminKeyB;
        final String adminKeyIdB;
        final List<Principal> principals = new ArrayList<>();
        final AtomicInteger unique = new AtomicInteger();

        World() {
            JsonObject adminKey = ownerA.request("POST", "/v1/organizations/admin_keys").json("{\"name\":\"a\"}").send().json();
            adminKeyA = adminKey.getString("secret");
            adminKeyIdA = adminKey.getString("id");
            JsonObject adminKeyOfB = ownerB.request("POST", "/v1/organizations/admin_keys").json("{\"name\":\"b\"}").send().json();
            adminKeyB = adminKeyOfB.getString("secret");
            adminKeyIdB = adminKeyOfB.getString("id");
            // the Claude Code workspace exists before, so that sign-ins during the matrix change nothing the snapshot shows
            ownerA.request("POST", "/v1/organizations/claude_code/sign_in").send();

            principals.add(new Principal("anonymous", null, null, null, null, null));
            for (String role : List.of("user", "claude_code_user", "developer", "billing", "admin")) {
                principals.add(new Principal("org " + role, Orgs.join(orgA, ownerA, role, "m-" + role).token(), null, role,
                        role.equals("admin") ? "workspace_admin" : role.equals("billing") ? "workspace_billing" : null, null));
            }
            for (String wsRole : List.of("workspace_user", "workspace_restricted_developer", "workspace_developer", "workspace_admin")) {
                Person person = Orgs.join(orgA, ownerA, "user", "ws-" + wsRole);
                Response added = ownerA.request("POST", "/v1/organizations/workspaces/" + w + "/members")
                        .json("{\"user_id\":\"" + person.userId() + "\",\"workspace_role\":\"" + wsRole + "\"}").send();
                assertThat(added.status()).as(added.toString()).isEqualTo(200);
                principals.add(new Principal("org user + " + wsRole, person.token(), null, "user", wsRole, null));
            }
            // members who hold a role through a group of A (roles.md, "Several roles"): what it grants adds to their own
            String developers = ownerA.request("POST", "/v1/organizations/rbac_groups").json("{\"name\":\"Matrix developers\",\"role_ids\":[\"role_developer\"]}")
                    .send().json().getString("id");
            for (String role : List.of("user", "billing")) {
                Person person = Orgs.join(orgA, ownerA, role, "grouped-" + role);
                Response joined = ownerA.request("POST", "/v1/organizations/rbac_groups/" + developers + "/members")
                        .json("{\"user_id\":\"" + person.userId() + "\"}").send();
                assertThat(joined.status()).as(joined.toString()).isEqualTo(200);
                principals.add(new Principal("org " + role + " + developer through a group", person.token(), null, role, "developer",
                        role.equals("billing") ? "workspace_billing" : null, null));
            }
            principals.add(new Principal("admin API key of A", null, adminKeyA, "admin_key", "workspace_admin", null));
            principals.add(new Principal("admin of B", ownerB.token(), null, null, null, null));
            principals.add(new Principal("member of B", memberB.token(), null, null, null, null));
            principals.add(new Principal("admin API key of B", null, adminKeyB, null, null, null));
            principals.add(new Principal("support", Api.platformToken("support"), null, null, null, "support"));
            principals.add(new Principal("gateway", Api.platformToken("gateway"), null, null, null, "gateway"));
        }

    static String customRole(Person owner, String org, String name) {
        Response created = owner.request("POST", "/v1/organizations/rbac_roles").org(org)
                .json("{\"display_name\":\"" + name + "\",\"permissions\":[\"audit:read\"]}").send();
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        return created.json().getString("id");
    }

    /** A public key any inline issuer of the matrix may list (nobody signs with it here). */
    static final String MATRIX_JWK = matrixJwk();

    private static String matrixJwk() {
        try {
            return FederationIT.jwk(FederationIT.rsa(), "m1");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String issuer(Person owner, String org, String name) {
        Response created = owner.request("POST", "/v1/organizations/federation_issuers").org(org).json("{\"name\":\"" + name
                + "\",\"issuer_url\":\"https://ci.example/" + UUID.randomUUID() + "\",\"jwks\":{\"type\":\"inline\",\"keys\":[" + MATRIX_JWK + "]}}").send();
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        return created.json().getString("id");
    }

    /** An endpoint that takes none of the events this product raises: its delivery state never moves under the matrix. */
    static String webhook(Person owner, String org) {
        Response created = owner.request("POST", "/v1/organizations/webhooks").org(org)
                .json("{\"url\":\"http://127.0.0.1:9/matrix\",\"enabled_events\":[\"external_key.failed\"],\"name\":\"Matrix\"}").send();
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        return created.json().getString("id");
    }

    static String rule(Person owner, String org, String issuer, String serviceAccount, String workspace) {
        Response created = owner.request("POST", "/v1/organizations/federation_rules").org(org).json("{\"issuer_id\":\"" + issuer
                + "\",\"name\":\"Matrix rule\",\"oauth_scope\":\"workspace:developer\",\"workspace_id\":\"" + workspace + "\","
                + "\"target\":{\"type\":\"service_account\",\"service_account_id\":\"" + serviceAccount + "\"},\"match\":{\"audience\":\"matrix\"}}").send();
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        return created.json().getString("id");
    }

    static String spendLimit(Person owner, String org, String body) {
        Response set = owner.request("POST", "/v1/organizations/spend_limits").org(org).json(body).send();
        assertThat(set.status()).as(set.toString()).isEqualTo(200);
        return set.json().getString("id");
    }

    static String askForMore(Person member, String org) {
        Response asked = member.request("POST", "/v1/organizations/spend_limit_increase_requests").org(org).json("{\"reason\":\"matrix\"}").send();
        assertThat(asked.status()).as(asked.toString()).isEqualTo(200);
        return asked.json().getString("id");
    }

    static String group(Person owner, String org, String name) {
            Response created = owner.request("POST", "/v1/organizations/rbac_groups").org(org).json("{\"name\":\"" + name + "\"}").send();
            assertThat(created.status()).as(created.toString()).isEqualTo(200);
            return created.json().getString("id");
        }

        static String scimToken(Person owner, String org) {
            Response created = owner.request("POST", "/v1/organizations/scim_tokens").org(org).json("{\"name\":\"matrix\"}").send();
            assertThat(created.status()).as(created.toString()).isEqualTo(200);
            return created.json().getString("id");
        }

        /** A member of A in group A (for removals). */
        String memberOfGroupA(String label) {
            String userId = Orgs.join(orgA, ownerA, "user", label).userId();
            Response added = ownerA.request("POST", "/v1/organizations/rbac_groups/" + groupA + "/members").json("{\"user_id\":\"" + userId + "\"}").send();
            assertThat(added.status()).as(added.toString()).isEqualTo(200);
            return userId;
        }

        static String invite(Person owner, String org, String email) {
            return owner.request("POST", "/v1/organizations/invites").org(org).json("{\"email\":\"" + email + "\",\"role\":\"user\"}")
                    .send().json().getString("id");
        }

        static String prompt(Person owner, String org, String workspace) {
            return owner.request("POST", "/v1/organizations/workspaces/" + workspace + "/prompts").org(org)
                    .json("{\"name\":\"p\",\"model\":\"m\",\"messages\":[]}").send().json().getString("id");
        }

        String serviceAccount(String name) {
            Response created = ownerA.request("POST", "/v1/organizations/service_accounts").json("{\"name\":\"" + name + "\"}").send();
            assertThat(created.status()).as(created.toString()).isEqualTo(200);
            return created.json().getString("id");
        }

        String serviceAccountInW(String name) {
            String id = serviceAccount(name);
            Response added = ownerA.request("POST", "/v1/organizations/workspaces/" + w + "/service_accounts")
                    .json("{\"service_account_id\":\"" + id + "\",\"workspace_role\":\"workspace_user\"}").send();
            assertThat(added.status()).as(added.toString()).isEqualTo(200);
            return id;
        }

        String memberOfW(String label) {
            String userId = Orgs.join(orgA, ownerA, "user", label).userId();
            Response added = ownerA.request("POST", "/v1/organizations/workspaces/" + w + "/members")
                    .json("{\"user_id\":\"" + userId + "\",\"workspace_role\":\"workspace_user\"}").send();
            assertThat(added.status()).as(added.toString()).isEqualTo(200);
            return userId;
        }

        /** Ids in the path: A's (fresh ones where an allowed call consumes its target) or B's. */
        Map<String, String> ids(String method, String template, boolean foreign, boolean fresh) {
            if (foreign) {
                return Map.ofEntries(Map.entry("workspace_id", wB), Map.entry("api_key_id", keyB), Map.entry("invite_id", inviteB),
                        Map.entry("prompt_id", promptB), Map.entry("user_id", memberB.userId()), Map.entry("admin_key_id", adminKeyIdB),
                        Map.entry("org_id", orgB), Map.entry("service_account_id", serviceAccountB), Map.entry("rate_limit_id", "ratelimit_all_models"),
                        Map.entry("rbac_group_id", groupB), Map.entry("scim_token_id", scimTokenB), Map.entry("rbac_role_id", customRoleB),
                        Map.entry("spend_limit_id", spendLimitB), Map.entry("spend_limit_increase_request_id", increaseRequestB),
                        Map.entry("federation_issuer_id", issuerB), Map.entry("federation_rule_id", ruleB),
                        Map.entry("webhook_endpoint_id", webhookB));
            }
            Map<String, String> ids = new LinkedHashMap<>(Map.ofEntries(Map.entry("workspace_id", w), Map.entry("api_key_id", keyA.getString("id")),
                    Map.entry("invite_id", inviteA), Map.entry("prompt_id", promptA),
                    Map.entry("user_id", template.contains("/workspaces/") ? wsTarget : roleTarget), Map.entry("admin_key_id", adminKeyIdA),
                    Map.entry("org_id", orgA), Map.entry("service_account_id", serviceAccountA), Map.entry("rate_limit_id", "ratelimit_all_models"),
                    Map.entry("rbac_group_id", groupA), Map.entry("scim_token_id", scimTokenA), Map.entry("rbac_role_id", customRoleA),
                    Map.entry("spend_limit_id", spendLimitA), Map.entry("spend_limit_increase_request_id", increaseRequestA),
                    Map.entry("federation_issuer_id", issuerA), Map.entry("federation_rule_id", ruleA),
                    Map.entry("webhook_endpoint_id", webhookA)));
            if (fresh) {
                String operation = method + " " + template;
                switch (operation) {
                    case "DELETE /v1/organizations/users/{user_id}" -> ids.put("user_id", Orgs.join(orgA, ownerA, "user", "victim").userId());
                    case "DELETE /v1/organizations/invites/{invite_id}" -> ids.put("invite_id", invite(ownerA, orgA, "gone-" + UUID.randomUUID() + "@example.com"));
                    case "POST /v1/organizations/admin_keys/{admin_key_id}" -> ids.put("admin_key_id",
                            ownerA.request("POST", "/v1/organizations/admin_keys").json("{\"name\":\"doomed\"}").send().json().getString("id"));
                    case "POST /v1/organizations/workspaces/{workspace_id}/archive" -> ids.put("workspace_id",
                            ownerA.request("POST", "/v1/organizations/workspaces").json("{\"name\":\"Doomed\"}").send().json().getString("id"));
                    case "DELETE /v1/organizations/workspaces/{workspace_id}/members/{user_id}" -> ids.put("user_id", memberOfW("leaver"));
                    case "DELETE /v1/organizations/workspaces/{workspace_id}/prompts/{prompt_id}" -> ids.put("prompt_id", prompt(ownerA, orgA, w));
                    case "POST /v1/organizations/service_accounts/{service_account_id}/archive",
                         "POST /v1/organizations/service_accounts/{service_account_id}/workspaces" -> ids.put("service_account_id", serviceAccount("fresh-bot"));
                    case "DELETE /v1/organizations/service_accounts/{service_account_id}/workspaces/{workspace_id}",
                         "DELETE /v1/organizations/workspaces/{workspace_id}/service_accounts/{service_account_id}" ->
                            ids.put("service_account_id", serviceAccountInW("leaving-bot"));
                    case "DELETE /v1/organizations/rbac_groups/{rbac_group_id}" -> ids.put("rbac_group_id", group(ownerA, orgA, "Doomed " + unique.incrementAndGet()));
                    case "DELETE /v1/organizations/rbac_roles/{rbac_role_id}" -> ids.put("rbac_role_id", customRole(ownerA, orgA, "Doomed role " + unique.incrementAndGet()));
                    case "DELETE /v1/organizations/rbac_groups/{rbac_group_id}/members/{user_id}" -> ids.put("user_id", memberOfGroupA("group-leaver"));
                    case "POST /v1/organizations/scim_tokens/{scim_token_id}/revoke" -> ids.put("scim_token_id", scimToken(ownerA, orgA));
                    case "DELETE /v1/organizations/webhooks/{webhook_endpoint_id}" -> ids.put("webhook_endpoint_id", webhook(ownerA, orgA));
                    case "POST /v1/organizations/federation_issuers/{federation_issuer_id}/archive" -> ids.put("federation_issuer_id",
                            issuer(ownerA, orgA, "Doomed issuer " + unique.incrementAndGet()));
                    case "POST /v1/organizations/federation_rules/{federation_rule_id}/archive",
                         "DELETE /v1/organizations/federation_rules/{federation_rule_id}/workspaces/{workspace_id}" -> ids.put("federation_rule_id",
                            rule(ownerA, orgA, issuerA, serviceAccountA, w));
                    // a workspace's cap, which its workspace admins may remove too
                    case "DELETE /v1/organizations/spend_limits/{spend_limit_id}" -> ids.put("spend_limit_id", spendLimit(ownerA, orgA,
                            "{\"amount\":\"5.00\",\"scope\":{\"type\":\"workspace\",\"workspace_id\":\"" + w + "\"},\"period\":\"daily\"}"));
                    case "POST /v1/organizations/spend_limit_increase_requests/{spend_limit_increase_request_id}/approve",
                         "POST /v1/organizations/spend_limit_increase_requests/{spend_limit_increase_request_id}/deny" -> ids.put("spend_limit_increase_request_id",
                            askForMore(Orgs.join(orgA, ownerA, "user", "asker-" + unique.incrementAndGet()), orgA));
                    default -> { }
                }
            }
            return ids;
        }

        /** A valid body for the operation (fresh where an allowed call consumes it). */
        String body(String method, String template, boolean foreign, boolean fresh) {
            String operation = method + " " + template;
            return switch (operation) {
                case "POST /v1/organizations" -> "{\"name\":\"Made in the matrix\"}";
                case "POST /v1/organizations/users/{user_id}" -> "{\"role\":\"developer\"}";
                case "POST /v1/organizations/invites" -> "{\"email\":\"invited-" + UUID.randomUUID() + "@example.com\",\"role\":\"user\"}";
                case "POST /v1/organizations/workspaces" -> "{\"name\":\"New " + unique.incrementAndGet() + "\"}";
                case "POST /v1/organizations/workspaces/{workspace_id}" -> foreign ? "{\"name\":\"WB\"}" : "{\"name\":\"W\"}";
                case "POST /v1/organizations/workspaces/{workspace_id}/members" -> "{\"user_id\":\""
                        + (fresh ? Orgs.join(orgA, ownerA, "user", "joiner").userId() : roleTarget) + "\",\"workspace_role\":\"workspace_user\"}";
                case "POST /v1/organizations/workspaces/{workspace_id}/members/{user_id}" -> "{\"workspace_role\":\"workspace_user\"}";
                case "POST /v1/organizations/api_keys" -> "{\"name\":\"made\",\"workspace_id\":\"" + (foreign ? wB : w) + "\"}";
                case "POST /v1/organizations/api_keys/{api_key_id}" -> foreign ? "{\"name\":\"kB\"}" : "{\"name\":\"kA\"}";
                case "POST /v1/organizations/admin_keys" -> "{\"name\":\"made\"}";
                case "POST /v1/organizations/workspaces/{workspace_id}/prompts",
                     "POST /v1/organizations/workspaces/{workspace_id}/prompts/{prompt_id}" -> "{\"name\":\"p\",\"model\":\"m\",\"messages\":[]}";
                case "PUT /v1/organizations/workspaces/{workspace_id}/limits" -> "{\"requests_per_minute\":10}";
                case "POST /v1/organizations/workspaces/{workspace_id}/rate_limits/{rate_limit_id}" ->
                        "{\"limits\":[{\"type\":\"requests_per_minute\",\"value\":10}]}";
                case "POST /v1/organizations/service_accounts" -> "{\"name\":\"made-bot-" + unique.incrementAndGet() + "\"}";
                case "POST /v1/organizations/rbac_groups" -> "{\"name\":\"Made group " + unique.incrementAndGet() + "\",\"role_ids\":[\"role_user\"]}";
                case "POST /v1/organizations/rbac_roles" -> "{\"display_name\":\"Made role " + unique.incrementAndGet() + "\",\"permissions\":[\"audit:read\"]}";
                case "POST /v1/organizations/rbac_roles/{rbac_role_id}" -> "{\"permissions\":[\"audit:read\",\"usage:read\"]}";
                case "POST /v1/organizations/rbac_groups/{rbac_group_id}" -> foreign ? "{\"name\":\"Matrix group B\"}" : "{\"name\":\"Matrix group A\"}";
                case "POST /v1/organizations/rbac_groups/{rbac_group_id}/members" -> "{\"user_id\":\""
                        + (fresh ? Orgs.join(orgA, ownerA, "user", "group-joiner").userId() : roleTarget) + "\"}";
                case "POST /v1/organizations/scim_tokens" -> "{\"name\":\"made\"}";
                case "PUT /v1/organizations/sign_in_settings" -> "{\"issuer\":\"" + DevTokens.ISSUER + "\",\"email_domains\":[],\"default_role\":\"user\"}";
                case "POST /v1/organizations/service_accounts/{service_account_id}" -> "{\"description\":\"changed in the matrix\"}";
                case "POST /v1/organizations/service_accounts/{service_account_id}/workspaces" -> "{\"workspace_id\":\"" + (foreign ? wB : w)
                        + "\",\"workspace_role\":\"workspace_user\"}";
                case "POST /v1/organizations/workspaces/{workspace_id}/service_accounts" -> "{\"service_account_id\":\""
                        + (fresh ? serviceAccount("joining-bot") : serviceAccountA) + "\",\"workspace_role\":\"workspace_user\"}";
                case "POST /v1/organizations/workspaces/{workspace_id}/service_accounts/{service_account_id}" -> "{\"workspace_role\":\"workspace_user\"}";
                case "PUT /v1/organizations/billing" -> "{\"company_name\":\"Matrix Ltd\"}";
                case "POST /v1/organizations/spend_limits" -> "{\"amount\":\"25.00\",\"scope\":{\"type\":\"workspace\",\"workspace_id\":\""
                        + (foreign ? wB : w) + "\"},\"period\":\"weekly\"}";
                case "POST /v1/organizations/spend_limit_increase_requests/{spend_limit_increase_request_id}/approve" -> "{\"amount\":\"1000000.00\"}";
                case "POST /v1/organizations/federation_issuers" -> "{\"name\":\"Made issuer\",\"issuer_url\":\"https://ci.example/made\","
                        + "\"jwks\":{\"type\":\"inline\",\"keys\":[" + MATRIX_JWK + "]}}";
                case "POST /v1/organizations/federation_issuers/{federation_issuer_id}" -> "{\"check_jti\":true}";
                case "POST /v1/organizations/federation_rules" -> "{\"issuer_id\":\"" + issuerA + "\",\"name\":\"Made rule\",\"oauth_scope\":\"x\","
                        + "\"target\":{\"type\":\"service_account\",\"service_account_id\":\"" + serviceAccountA + "\"},\"match\":{\"audience\":\"made\"}}";
                case "POST /v1/organizations/federation_rules/{federation_rule_id}" -> "{\"description\":\"changed in the matrix\"}";
                case "POST /v1/organizations/federation_rules/{federation_rule_id}/workspaces" -> "{\"workspace_id\":\"" + (foreign ? wB : w) + "\"}";
                case "POST /v1/organizations/federation_rules/test" -> "{\"token\":\"not-a-jwt\"}";
                case "POST /v1/organizations/webhooks" -> "{\"url\":\"http://127.0.0.1:9/made\",\"enabled_events\":[\"external_key.failed\"]}";
                case "POST /v1/organizations/webhooks/{webhook_endpoint_id}" -> "{\"name\":\"changed in the matrix\"}";
                case "PUT /v1/support/organizations/{org_id}/billing_emails" -> "{\"primary_billing_email\":\"ap@example.com\",\"billing_contact_emails\":[]}";
                case "PUT /v1/support/organizations/{org_id}/limits" -> "{\"requests_per_minute\":100000}";
                case "POST /v1/gateway/api_keys/verify" -> "{\"key\":\"" + keyA.getString("secret") + "\"}";
                case "POST /v1/gateway/usage_events" -> "{\"event_id\":\"matrix-" + UUID.randomUUID() + "\",\"api_key_id\":\"" + keyA.getString("id")
                        + "\",\"model\":\"claude-sonnet-4-5\",\"input_tokens\":1,\"output_tokens\":1}";
                default -> method.equals("POST") || method.equals("PUT") ? "{}" : null;
            };
        }

        private Person reader() {
            return auditors.get(Math.floorMod(reads.getAndIncrement(), auditors.size()));
        }

        /** What refused writes must not change. */
        String snapshot() {
            Map<String, String> state = new LinkedHashMap<>();
            state.put("organization", reader().request("GET", "/v1/organizations/me").org(orgA).send().body());
            state.put("workspaces", reader().request("GET", "/v1/organizations/workspaces?include_archived=true&limit=1000").org(orgA).send().body());
            state.put("keys", reader().request("GET", "/v1/organizations/api_keys?limit=1000").org(orgA).send().body());
            state.put("admin keys", reader().request("GET", "/v1/organizations/admin_keys?limit=1000").org(orgA).send().body());
            state.put("invites", reader().request("GET", "/v1/organizations/invites?limit=1000").org(orgA).send().body());
            state.put("users", reader().request("GET", "/v1/organizations/users?limit=1000").org(orgA).send().body());
            state.put("prompts", reader().request("GET", "/v1/organizations/workspaces/" + w + "/prompts?limit=1000").org(orgA).send().body());
            state.put("members of W", reader().request("GET", "/v1/organizations/workspaces/" + w + "/members?limit=1000").org(orgA).send().body());
            state.put("limits of W", reader().request("GET", "/v1/organizations/workspaces/" + w + "/limits").org(orgA).send().body());
            state.put("billing", reader().request("GET", "/v1/organizations/billing").org(orgA).send().body());
            state.put("service accounts", reader().request("GET", "/v1/organizations/service_accounts?include_archived=true&limit=1000").org(orgA).send().body());
            state.put("service accounts of W", reader().request("GET", "/v1/organizations/workspaces/" + w + "/service_accounts?limit=1000").org(orgA).send().body());
            state.put("groups", reader().request("GET", "/v1/organizations/rbac_groups?limit=1000").org(orgA).send().body());
            state.put("members of group A", reader().request("GET", "/v1/organizations/rbac_groups/" + groupA + "/members?limit=1000").org(orgA).send().body());
            state.put("SCIM tokens", reader().request("GET", "/v1/organizations/scim_tokens?limit=1000").org(orgA).send().body());
            // spend limits through A's Admin API key: a budget of its own (the suite's rate limit is per credential)
            state.put("spend limits", Api.request("GET", "/v1/organizations/spend_limits?limit=1000").header("x-api-key", adminKeyA).send().body());
            state.put("federation issuers", Api.request("GET", "/v1/organizations/federation_issuers?include_archived=true&limit=1000")
                    .header("x-api-key", adminKeyA).send().body());
            state.put("federation rules", Api.request("GET", "/v1/organizations/federation_rules?include_archived=true&limit=1000")
                    .header("x-api-key", adminKeyA).send().body());
            state.put("webhooks", Api.request("GET", "/v1/organizations/webhooks?limit=1000").header("x-api-key", adminKeyA).send().body());
            state.put("increase requests", Api.request("GET", "/v1/organizations/spend_limit_increase_requests?limit=1000")
                    .header("x-api-key", adminKeyA).send().body());
            state.put("sign-in settings", reader().request("GET", "/v1/organizations/sign_in_settings").org(orgA).send().body());
            // the roles through the owner: the auditor's own budget (the suite's rate limit) is spent on the rest
            state.put("roles", ownerA.request("GET", "/v1/organizations/rbac_roles?limit=1000").org(orgA).send().body());
            state.put("permissions of role A", ownerA.request("GET", "/v1/organizations/rbac_roles/" + customRoleA + "/permissions?limit=1000").org(orgA).send().body());
            return state.toString();
        }
    }

    private static World world;
    private static JsonObject paths;

    private static synchronized World world() {
        if (world == null) {
            world = new World();
        }
        return world;
    }

    private static synchronized JsonObject paths() {
        if (paths == null) {
            paths = Api.request("GET", "/openapi?format=JSON").header("Accept", "application/json").send().json().getJsonObject("paths");
        }
        return paths;
    }

    static Stream<Arguments> operations() {
        List<Arguments> operations = new ArrayList<>();
        for (String template : paths().keySet()) {
            for (var entry : paths().getJsonObject(template).entrySet()) {
                String method = entry.getKey().toUpperCase();
                if (Set.of("GET", "POST", "PUT", "DELETE").contains(method)) {
                    operations.add(Arguments.of(method + " " + template, entry.getValue().asJsonObject().getJsonArray("x-required-permissions")
                            .getValuesAs(JsonString.class).stream().map(JsonString::getString).toList()));
                }
            }
        }
        return operations.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    void everyPrincipalGetsExactlyWhatRolesMdAllows(String operation, List<String> documented) {
        World world = world();
        String method = operation.substring(0, operation.indexOf(' '));
        String template = operation.substring(operation.indexOf(' ') + 1);
        List<String> required = API_MD.get(operation);
        assertThat(required).as(operation + " is in api.md's table").isNotNull();
        boolean write = !method.equals("GET");

        List<String> wrong = new ArrayList<>();
        if (!Set.copyOf(documented).equals(Set.copyOf(required))) {
            wrong.add(operation + ": /openapi documents " + documented + " but api.md requires " + required);
        }
        int calls = 0;
        // refused calls first, on shared targets, bracketed by snapshots: they must change nothing
        String before = write ? world.snapshot() : null;
        List<Object[]> allowed = new ArrayList<>();
        for (Principal principal : world.principals) {
            for (boolean foreign : List.of(false, true)) {
                if (foreign && !template.contains("{") && !(template.equals("/v1/organizations/api_keys") && method.equals("POST"))) {
                    continue;
                }
                Expect expect = expect(principal, method, template, required, foreign);
                if (expect.status() == 200) {
                    allowed.add(new Object[]{principal, foreign});
                    continue;
                }
                calls++;
                check(wrong, operation, principal, foreign, expect, send(world, principal, method, template, foreign, false));
            }
        }
        if (write) {
            String after = world.snapshot();
            if (!after.equals(before)) {
                wrong.add("refused calls changed organization A: before " + before + "\nafter " + after);
            }
        }
        for (Object[] call : allowed) {
            Principal principal = (Principal) call[0];
            boolean foreign = (Boolean) call[1];
            calls++;
            check(wrong, operation, principal, foreign, Expect.ALLOW, send(world, principal, method, template, foreign, true));
        }
        System.out.println("SECURITY access matrix: " + operation + ": " + calls + " calls, " + wrong.size() + " wrong");
        assertThat(wrong).as(operation).isEmpty();
    }

    private static Response send(World world, Principal principal, String method, String template, boolean foreign, boolean fresh) {
        String path = template;
        for (var id : world.ids(method, template, foreign, fresh).entrySet()) {
            path = path.replace("{" + id.getKey() + "}", id.getValue());
        }
        if (template.endsWith("/usage_report/messages") || template.endsWith("/cost_report")) {
            path += "?starting_at=2026-01-01T00:00:00Z";
        }
        if (template.endsWith("/usage_report/claude_code")) {
            path += "?starting_at=2026-01-01";
        }
        // everyone names organization A, whatever it belongs to
        Api.Request request = principal.request(method, path, world.orgA);
        String body = world.body(method, template, foreign, fresh);
        if (body != null) {
            request.json(body);
        }
        return request.send();
    }

    private static void check(List<String> wrong, String operation, Principal principal, boolean foreign, Expect expect, Response response) {
        String label = operation + (foreign ? " [ids of B]" : "") + " as " + principal + ": expected " + expect.status()
                + (expect.permissions().isEmpty() ? "" : " naming " + expect.permissions()) + ", got " + response;
        if (response.status() != expect.status()) {
            wrong.add(label);
            return;
        }
        if (expect.status() == 200 || expect.status() == 415) {
            return;
        }
        String type = response.errorType();
        String expectedType = switch (expect.status()) {
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            default -> "not_found_error";
        };
        if (!type.equals(expectedType)) {
            wrong.add(label + " (type " + type + ")");
        }
        if (expect.status() == 403) {
            JsonObject details = response.json().getJsonObject("error").getJsonObject("details");
            String named = details.containsKey("permission") ? details.getString("permission") : null;
            if (!expect.permissions().contains(named)) {
                wrong.add(label + " (names " + named + ")");
            }
        }
    }

    /** roles.md and api.md, independently of the code under test. */
    static Expect expect(Principal p, String method, String template, List<String> required, boolean foreign) {
        if (required.contains("presented_token")) {
            // the token exchange takes a form with the workload's token, whoever calls: the matrix's JSON body is refused as such
            return new Expect(415, Set.of());
        }
        if (p.anonymous()) {
            return Expect.UNAUTHENTICATED;
        }
        if (required.get(0).startsWith("platform:")) {
            // platform staff act on any organization: another organization's ids are no boundary for them
            return required.contains("platform:" + p.platform()) ? Expect.ALLOW : Expect.forbidden(Set.copyOf(required));
        }
        if (required.contains("authenticated")) {
            if (p.platform() != null) {
                return Expect.forbidden("organization:read");
            }
            if (p.token() == null) {
                return Expect.UNAUTHENTICATED; // an Admin API key is nobody
            }
            return template.endsWith("/accept") ? Expect.NOT_FOUND : Expect.ALLOW; // nobody here is the invitee
        }
        if (p.platform() != null) {
            return Expect.forbidden("organization:read");
        }
        if (p.orgRole() == null) {
            return Expect.NOT_FOUND; // not a member of organization A
        }
        String orgRole = p.adminKeyOfA() ? "admin" : p.orgRole();
        Set<String> orgPermissions = new HashSet<>(ORG.get(orgRole));
        if (p.groupRole() != null) {
            orgPermissions.addAll(ORG.get(p.groupRole())); // roles.md: the union of what the held roles grant
        }
        if (p.adminKeyOfA()) {
            orgPermissions.removeAll(WITHHELD_FROM_ADMIN_KEYS);
        }
        if (LIST_GATES.contains(method + " " + template)) {
            // a list's gate (api.md): the permission in at least one workspace; what it shows is the scope (ListConsistencyIT)
            String permission = required.get(0);
            boolean report = permission.equals("usage:read") || permission.equals("cost:read");
            if (!holdsAnywhere(p, orgRole, permission, report)) {
                return Expect.forbidden(permission);
            }
            return foreign ? Expect.NOT_FOUND : Expect.ALLOW; // an id of organization B is not found in A
        }
        boolean workspaceLevel = required.stream().anyMatch(WORKSPACE_PERMISSIONS::contains);
        if (workspaceLevel) {
            boolean inW = decidedInW(template, method);
            if (inW && foreign) {
                return Expect.NOT_FOUND; // B's workspace does not exist in organization A
            }
            String effective = inW ? p.roleInW() : defaultRole(p, orgRole);
            if (effective == null) {
                return Expect.NOT_FOUND;
            }
            boolean all = template.endsWith("/archive");
            List<String> missing = required.stream().filter(r -> !orgPermissions.contains(r) && !WS.get(effective).contains(r)).toList();
            if (all ? !missing.isEmpty() : missing.size() == required.size()) {
                return Expect.forbidden(missing.get(0));
            }
        } else {
            if (required.stream().noneMatch(orgPermissions::contains)) {
                return Expect.forbidden(Set.copyOf(required));
            }
            if (foreign) {
                return Expect.NOT_FOUND; // the id is of organization B
            }
        }
        // refusals decided after the guard, by the service, as roles.md has them
        if (template.equals("/v1/organizations/api_keys") && method.equals("POST") && p.adminKeyOfA()) {
            return Expect.forbidden("api_keys:manage"); // Admin API keys cannot create API keys
        }
        if (p.adminKeyOfA() && !method.equals("GET") && (template.startsWith("/v1/organizations/scim_tokens") || template.endsWith("/sign_in_settings")
                || template.startsWith("/v1/organizations/rbac_roles"))) {
            return Expect.forbidden("members:manage"); // SCIM tokens, sign-in settings, custom roles: signed-in admins only
        }
        return Expect.ALLOW;
    }

    private static boolean holdsAnywhere(Principal p, String orgRole, String permission, boolean report) {
        if (report && (ORG.get(orgRole).contains("billing:read") || (p.groupRole() != null && ORG.get(p.groupRole()).contains("billing:read")))) {
            return true; // admins and billing see every report row
        }
        return WS.get(defaultRole(p, orgRole)).contains(permission) || (p.roleInW() != null && WS.get(p.roleInW()).contains(permission));
    }

    /** The Default workspace's role: the highest the held roles give there (roles.md, "Several roles"). */
    private static String defaultRole(Principal p, String orgRole) {
        String own = defaultRole(orgRole);
        if (p.groupRole() == null) {
            return own;
        }
        String viaGroup = defaultRole(p.groupRole());
        return ORDER.indexOf(viaGroup) > ORDER.indexOf(own) ? viaGroup : own;
    }

    /** roles.md, workspace roles lowest to highest. */
    private static final List<String> ORDER = List.of("workspace_user", "workspace_billing", "workspace_restricted_developer",
            "workspace_developer", "workspace_admin");

    private static String defaultRole(String orgRole) {
        return switch (orgRole) {
            case "admin" -> "workspace_admin";
            case "developer" -> "workspace_developer";
            case "billing" -> "workspace_billing";
            default -> "workspace_user";
        };
    }

    @Test
    void everyOperationOfApiMdIsServedAndNoneUndocumented() {
        Set<String> served = new HashSet<>();
        operations().forEach(arguments -> served.add((String) arguments.get()[0]));
        assertThat(served).containsExactlyInAnyOrderElementsOf(API_MD.keySet());
    }

    @Test
    void methodsNoOperationDeclaresNeverSucceed() {
        World world = world();
        Map<String, String> ids = world.ids("GET", "", false, false);
        int calls = 0;
        for (String template : paths().keySet()) {
            Set<String> declared = paths().getJsonObject(template).keySet();
            for (String method : List.of("get", "post", "put", "delete", "patch")) {
                if (declared.contains(method)) {
                    continue;
                }
                String path = template;
                for (var id : ids.entrySet()) {
                    path = path.replace("{" + id.getKey() + "}", id.getValue());
                }
                for (Principal principal : world.principals) {
                    Api.Request request = principal.request(method.toUpperCase(), path, world.orgA);
                    if (!method.equals("get") && !method.equals("delete")) {
                        request.json("{}");
                    }
                    Response response = request.send();
                    calls++;
                    assertThat(response.status()).as(method + " " + template + " as " + principal).isBetween(400, 499);
                }
            }
        }
        System.out.println("SECURITY access matrix: undeclared methods: " + calls + " calls");
        assertThat(calls).isGreaterThan(500);
    }
}
