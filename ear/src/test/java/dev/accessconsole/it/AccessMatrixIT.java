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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cross-tenant and function-level matrix: every operation of /openapi (so a new endpoint is covered without
 * touching this test) × every kind of principal × ids of this and of another organization. What each principal holds
 * comes from an independent table written here from roles.md, not from the code under test; what each operation
 * requires is what /openapi documents. Invariants: zero unexpected successes, no authorized caller refused, and the
 * organization reads back unchanged after the refused writes.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AccessMatrixIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.realEar();
    }

    /** roles.md, org-level permissions by org role (admin holds all of them). */
    private static final Map<String, Set<String>> ORG = Map.of(
            "user", Set.of("organization:read"),
            "claude_code_user", Set.of("organization:read", "claude_code:use"),
            "developer", Set.of("organization:read", "claude_code:use"),
            "billing", Set.of("organization:read", "billing:read", "billing:manage"),
            "admin", Set.of("organization:read", "claude_code:use", "members:manage", "workspaces:create", "workspaces:archive",
                    "admin_keys:manage", "audit:read", "access_review:read", "billing:read", "billing:manage"));

    /** roles.md, workspace-level permissions by workspace role. */
    private static final Map<String, Set<String>> WS = Map.of(
            "workspace_user", Set.of("workspace:read", "workbench:use"),
            "workspace_billing", Set.of("workspace:read", "workbench:use", "usage:read", "cost:read", "limits:read"),
            "workspace_developer", Set.of("workspace:read", "workbench:use", "usage:read", "cost:read", "limits:read", "api_keys:read", "api_keys:manage"),
            "workspace_admin", Set.of("workspace:read", "workbench:use", "usage:read", "cost:read", "limits:read", "api_keys:read", "api_keys:manage",
                    "workspace:manage", "workspace_members:manage"));

    /**
     * api.md's tables, operation by operation: what each known operation requires. An operation /openapi documents
     * differently fails the test (so a mis-annotated endpoint cannot move documentation and expectation together);
     * an operation not listed here is checked against what /openapi documents.
     */
    private static final Map<String, List<String>> API_MD = Map.ofEntries(
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
            Map.entry("GET /v1/organizations/workspaces", List.of("organization:read")),
            Map.entry("POST /v1/organizations/workspaces", List.of("workspaces:create")),
            Map.entry("GET /v1/organizations/workspaces/{workspace_id}", List.of("workspace:read")),
            Map.entry("POST /v1/organizations/workspaces/{workspace_id}", List.of("workspace:manage")),
            Map.entry("POST /v1/organizations/workspaces/{workspace_id}/archive", List.of("workspace:read", "workspaces:archive")),
            Map.entry("GET /v1/organizations/workspaces/{workspace_id}/members", List.of("workspace:read")),
            Map.entry("POST /v1/organizations/workspaces/{workspace_id}/members", List.of("workspace_members:manage")),
            Map.entry("GET /v1/organizations/workspaces/{workspace_id}/members/{user_id}", List.of("workspace:read")),
            Map.entry("POST /v1/organizations/workspaces/{workspace_id}/members/{user_id}", List.of("workspace_members:manage")),
            Map.entry("DELETE /v1/organizations/workspaces/{workspace_id}/members/{user_id}", List.of("workspace_members:manage")),
            Map.entry("GET /v1/organizations/api_keys", List.of("organization:read")),
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
            Map.entry("GET /v1/organizations/usage_report/messages", List.of("organization:read")),
            Map.entry("GET /v1/organizations/cost_report", List.of("organization:read")),
            Map.entry("PUT /v1/support/organizations/{org_id}/billing_emails", List.of("platform:support")),
            Map.entry("PUT /v1/support/organizations/{org_id}/limits", List.of("platform:support")),
            Map.entry("POST /v1/gateway/api_keys/verify", List.of("platform:gateway")),
            Map.entry("POST /v1/gateway/usage_events", List.of("platform:gateway")));

    /** A caller: how it authenticates, its org role in organization A and its role in workspace W (null: none of either). */
    private record Principal(String name, String token, String apiKey, String orgRole, String roleInW, String platform) {

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
    }

    @Test
    void noUnexpectedSuccessAcrossEveryOperationPrincipalAndTenant() {
        // organization A, with a standard workspace W, and organization B
        Person ownerA = Api.newPerson("matrix-a");
        String orgA = Orgs.create(ownerA, "Matrix A");
        String w = ownerA.request("POST", "/v1/organizations/workspaces").json("{\"name\":\"W\"}").send().json().getString("id");
        String keyA = ownerA.request("POST", "/v1/organizations/api_keys").json("{\"name\":\"kA\",\"workspace_id\":\"" + w + "\"}").send().json().getString("id");
        String inviteA = ownerA.request("POST", "/v1/organizations/invites").json("{\"email\":\"nobody-a@example.com\",\"role\":\"user\"}").send().json().getString("id");
        String promptA = ownerA.request("POST", "/v1/organizations/workspaces/" + w + "/prompts")
                .json("{\"name\":\"p\",\"model\":\"m\",\"messages\":[]}").send().json().getString("id");
        String adminKeyA = ownerA.request("POST", "/v1/organizations/admin_keys").json("{\"name\":\"a\"}").send().json().getString("secret");
        String adminKeyIdA = ownerA.request("GET", "/v1/organizations/admin_keys").send().json().getJsonArray("data").getJsonObject(0).getString("id");

        Person ownerB = Api.newPerson("matrix-b");
        String orgB = Orgs.create(ownerB, "Matrix B");
        String wB = ownerB.request("POST", "/v1/organizations/workspaces").json("{\"name\":\"WB\"}").send().json().getString("id");
        String keyB = ownerB.request("POST", "/v1/organizations/api_keys").json("{\"name\":\"kB\",\"workspace_id\":\"" + wB + "\"}").send().json().getString("id");
        String inviteB = ownerB.request("POST", "/v1/organizations/invites").json("{\"email\":\"nobody-b@example.com\",\"role\":\"user\"}").send().json().getString("id");
        String promptB = ownerB.request("POST", "/v1/organizations/workspaces/" + wB + "/prompts")
                .json("{\"name\":\"p\",\"model\":\"m\",\"messages\":[]}").send().json().getString("id");
        String adminKeyB = ownerB.request("POST", "/v1/organizations/admin_keys").json("{\"name\":\"b\"}").send().json().getString("secret");
        String adminKeyIdB = ownerB.request("GET", "/v1/organizations/admin_keys").send().json().getJsonArray("data").getJsonObject(0).getString("id");
        Person memberB = Orgs.join(orgB, ownerB, "developer", "member-b");

        List<Principal> principals = new ArrayList<>();
        principals.add(new Principal("anonymous", null, null, null, null, null));
        for (String role : List.of("user", "claude_code_user", "developer", "billing", "admin")) {
            principals.add(new Principal("org " + role, Orgs.join(orgA, ownerA, role, "m-" + role).token(), null, role,
                    role.equals("admin") ? "workspace_admin" : role.equals("billing") ? "workspace_billing" : null, null));
        }
        for (String wsRole : List.of("workspace_user", "workspace_developer", "workspace_admin")) {
            Person person = Orgs.join(orgA, ownerA, "user", "ws-" + wsRole);
            ownerA.request("POST", "/v1/organizations/workspaces/" + w + "/members")
                    .json("{\"user_id\":\"" + person.userId() + "\",\"workspace_role\":\"" + wsRole + "\"}").send();
            principals.add(new Principal("org user + " + wsRole, person.token(), null, "user", wsRole, null));
        }
        principals.add(new Principal("admin API key of A", null, adminKeyA, "admin_key", "workspace_admin", null));
        principals.add(new Principal("admin of B", ownerB.token(), null, null, null, null));
        principals.add(new Principal("member of B", memberB.token(), null, null, null, null));
        principals.add(new Principal("admin API key of B", null, adminKeyB, null, null, null));
        principals.add(new Principal("support", Api.platformToken("support"), null, null, null, "support"));
        principals.add(new Principal("gateway", Api.platformToken("gateway"), null, null, null, "gateway"));

        Map<String, String> idsA = Map.of("workspace_id", w, "api_key_id", keyA, "invite_id", inviteA, "prompt_id", promptA,
                "user_id", "user_NOTAMEMBER0000000000000000", "admin_key_id", "adminkey_NOTAKEY00000000000000000", "org_id", orgA);
        Map<String, String> idsB = Map.of("workspace_id", wB, "api_key_id", keyB, "invite_id", inviteB, "prompt_id", promptB,
                "user_id", memberB.userId(), "admin_key_id", adminKeyIdB, "org_id", orgB);
        Map<String, String> missing = Map.of("workspace_id", "wrkspc_MISSING000000000000000000", "api_key_id", "apikey_MISSING000000000000000000",
                "invite_id", "invite_MISSING000000000000000000", "prompt_id", "prompt_MISSING000000000000000000",
                "user_id", "user_MISSING000000000000000000", "admin_key_id", "adminkey_MISSING000000000000000000", "org_id", orgA);
        // the Claude Code workspace exists before, so that sign-ins during the matrix change nothing the snapshot shows
        ownerA.request("POST", "/v1/organizations/claude_code/sign_in").send();
        String before = snapshot(ownerA, orgA, w, keyA, adminKeyIdA);

        JsonObject paths = Api.request("GET", "/openapi?format=JSON").header("Accept", "application/json").send().json().getJsonObject("paths");
        List<String> unexpectedSuccess = new ArrayList<>();
        List<String> wronglyRefused = new ArrayList<>();
        List<String> driftedDocumentation = new ArrayList<>();
        int calls = 0;
        for (String template : paths.keySet()) {
            for (var entry : paths.getJsonObject(template).entrySet()) {
                String method = entry.getKey().toUpperCase();
                if (!Set.of("GET", "POST", "PUT", "DELETE").contains(method)) {
                    continue;
                }
                List<String> documented = entry.getValue().asJsonObject().getJsonArray("x-required-permissions")
                        .getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
                List<String> required = API_MD.getOrDefault(method + " " + template, documented);
                if (!Set.copyOf(required).equals(Set.copyOf(documented))) {
                    driftedDocumentation.add(method + " " + template + ": documented " + documented + ", api.md " + required);
                }
                for (Principal principal : principals) {
                    for (boolean foreign : List.of(false, true)) {
                        if (foreign && !template.contains("{")) {
                            continue;
                        }
                        // destructive operations aim at ids that do not exist, so the fixtures survive the callers who may run them
                        boolean destructive = method.equals("DELETE") || template.endsWith("/archive") || template.endsWith("/admin_keys/{admin_key_id}");
                        String path = fill(template, foreign ? idsB : destructive ? missing : idsA);
                        // everyone names organization A, whatever it belongs to
                        Api.Request request = principal.request(method, path, orgA);
                        if (method.equals("POST") || method.equals("PUT")) {
                            request.json("{}");
                        }
                        Response response = request.send();
                        calls++;
                        int status = response.status();
                        assertThat(status).as(method + " " + path + " as " + principal.name()).isLessThan(500);
                        // platform staff act on any organization: for them "another organization's ids" is no boundary
                        boolean platformOp = required.stream().anyMatch(r -> r.startsWith("platform:"));
                        boolean expectAllowed = (!foreign || platformOp) && allowed(principal, required, template, method);
                        String label = method + " " + template + (foreign ? " [ids of B]" : "") + " as " + principal.name() + " → " + status;
                        if (!expectAllowed && status < 300 && !openToAll(template, principal, foreign)) {
                            unexpectedSuccess.add(label);
                        }
                        if (expectAllowed && (status == 401 || status == 403) && !refusesByDesign(template, principal)) {
                            wronglyRefused.add(label + " " + response.body());
                        }
                    }
                }
            }
        }
        // methods no operation declares (PATCH everywhere, and whichever of GET/POST/PUT/DELETE a path lacks) never succeed
        for (String template : paths.keySet()) {
            Set<String> declared = paths.getJsonObject(template).keySet();
            for (String method : List.of("get", "post", "put", "delete", "patch")) {
                if (declared.contains(method)) {
                    continue;
                }
                for (Principal principal : principals) {
                    Api.Request request = principal.request(method.toUpperCase(), fill(template, idsA), orgA);
                    if (!method.equals("get") && !method.equals("delete")) {
                        request.json("{}");
                    }
                    Response response = request.send();
                    calls++;
                    assertThat(response.status()).as(method + " " + template + " as " + principal.name()).isBetween(400, 499);
                }
            }
        }
        System.out.println("SECURITY access matrix: " + calls + " calls, " + unexpectedSuccess.size() + " unexpected successes");
        assertThat(calls).isGreaterThan(1000);
        assertThat(driftedDocumentation).isEmpty();
        assertThat(unexpectedSuccess).isEmpty();
        assertThat(wronglyRefused).isEmpty();
        assertThat(snapshot(ownerA, orgA, w, keyA, adminKeyIdA)).isEqualTo(before);
    }

    /** Whether the independent table says the principal may perform an operation documented with these permissions. */
    private static boolean allowed(Principal principal, List<String> required, String template, String method) {
        if (required.contains("platform:support") || required.contains("platform:gateway")) {
            return required.contains("platform:" + principal.platform());
        }
        if (principal.platform() != null || (principal.orgRole() == null && principal.apiKey() == null && principal.token() == null)) {
            return false;
        }
        if (required.contains("authenticated")) {
            return principal.token() != null && !template.contains("/invites/{invite_id}/accept");
        }
        if (principal.orgRole() == null) {
            return false; // not a member of organization A
        }
        boolean adminKey = principal.orgRole().equals("admin_key");
        if (adminKey && (required.contains("admin_keys:manage") || template.endsWith("/claude_code/sign_in")
                || (template.equals("/v1/organizations/api_keys") && method.equals("POST")))) {
            return false; // the Admin API restrictions
        }
        String orgRole = adminKey ? "admin" : principal.orgRole();
        boolean workspaceOp = template.contains("{workspace_id}") || template.contains("{api_key_id}");
        String effective = workspaceOp ? principal.roleInW() : defaultRole(orgRole);
        for (String permission : required) {
            boolean held = ORG.get(orgRole).contains(permission) || (effective != null && WS.get(effective).contains(permission));
            if (!held) {
                return false;
            }
        }
        return true;
    }

    private static String defaultRole(String orgRole) {
        return switch (orgRole) {
            case "admin" -> "workspace_admin";
            case "developer" -> "workspace_developer";
            case "billing" -> "workspace_billing";
            default -> "workspace_user";
        };
    }

    /** Operations any signed-in person may call whatever the ids (creating an organization, the role matrix, who am I). */
    private static boolean openToAll(String template, Principal principal, boolean foreign) {
        return principal.token() != null && principal.platform() == null
                && (template.equals("/v1/organizations") || template.equals("/v1/roles") || template.equals("/v1/me"))
                // lists of keys and reports answer every member with the rows they may see (possibly none)
                || !foreign && principal.orgRole() != null && (template.equals("/v1/organizations/workspaces") || template.endsWith("/usage_report/messages")
                || template.endsWith("/cost_report") || template.equals("/v1/organizations/api_keys"));
    }

    /** Documented refusals on top of the permission: key lists and reports when the caller reads them nowhere; verification of no key. */
    private static boolean refusesByDesign(String template, Principal principal) {
        return template.equals("/v1/organizations/api_keys") || template.endsWith("/usage_report/messages") || template.endsWith("/cost_report")
                || template.endsWith("/api_keys/verify");
    }

    private static String fill(String template, Map<String, String> ids) {
        String path = template;
        for (var id : ids.entrySet()) {
            path = path.replace("{" + id.getKey() + "}", id.getValue());
        }
        return path;
    }

    /** What refused writes must not change. */
    private static String snapshot(Person owner, String orgId, String workspaceId, String keyId, String adminKeyId) {
        Map<String, String> state = new LinkedHashMap<>();
        state.put("organization", owner.request("GET", "/v1/organizations/me").org(orgId).send().body());
        state.put("workspace", owner.request("GET", "/v1/organizations/workspaces/" + workspaceId).org(orgId).send().body());
        state.put("workspaces", owner.request("GET", "/v1/organizations/workspaces?include_archived=true").org(orgId).send().body());
        state.put("key", owner.request("GET", "/v1/organizations/api_keys/" + keyId).org(orgId).send().body());
        state.put("admin keys", owner.request("GET", "/v1/organizations/admin_keys").org(orgId).send().body().replace(adminKeyId, "AK"));
        state.put("invites", owner.request("GET", "/v1/organizations/invites").org(orgId).send().body());
        state.put("prompts", owner.request("GET", "/v1/organizations/workspaces/" + workspaceId + "/prompts").org(orgId).send().body());
        state.put("members of W", owner.request("GET", "/v1/organizations/workspaces/" + workspaceId + "/members?limit=100").org(orgId).send().body());
        return state.toString();
    }
}
