package dev.accessconsole.it;

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

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every list endpoint shows exactly what the single-object reads of the same caller allow, for every org role × every
 * assignable workspace role (none, workspace_user, workspace_restricted_developer, workspace_developer,
 * workspace_admin, held in a Standard and in the Claude Code workspace where the org role may hold it) × every
 * workspace kind (Default, Standard, Claude Code). Lists and single reads are answered by one policy; this proves it
 * from outside, without restating who may see what.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ListConsistencyIT {

    private static final List<String> ORG_ROLES = List.of("user", "claude_code_user", "developer", "billing", "admin");
    private static final List<String> WORKSPACE_ROLES = List.of("none", "workspace_user", "workspace_restricted_developer",
            "workspace_developer", "workspace_admin");

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.realEar();
    }

    @Test
    void everyListShowsExactlyWhatTheSingleReadsAllowForEveryRoleAndWorkspaceKind() {
        Person owner = Api.newPerson("lists-owner");
        String orgId = Orgs.create(owner, "Lists");
        String gateway = Api.platformToken("gateway");
        String standard = owner.request("POST", "/v1/organizations/workspaces").json("{\"name\":\"Standard\"}").send().json().getString("id");
        JsonObject ownerSignIn = owner.request("POST", "/v1/organizations/claude_code/sign_in").send().json();
        String claudeCode = ownerSignIn.getString("workspace_id");
        String defaultId = null;
        for (JsonValue w : owner.request("GET", "/v1/organizations/workspaces?include_default=true").send().json().getJsonArray("data")) {
            if (w.asJsonObject().getString("name").equals("Default")) {
                defaultId = w.asJsonObject().getString("id");
            }
        }
        Map<String, String> workspaces = new LinkedHashMap<>(); // kind → id
        workspaces.put("default", defaultId);
        workspaces.put("standard", standard);
        workspaces.put("claude_code", claudeCode);

        Map<String, String> keys = new LinkedHashMap<>();     // key id → workspace id
        Map<String, String> prompts = new LinkedHashMap<>();  // prompt id → workspace id
        keys.put(owner.request("POST", "/v1/organizations/api_keys").json("{\"name\":\"d\"}").send().json().getString("id"), defaultId);
        keys.put(owner.request("POST", "/v1/organizations/api_keys").json("{\"name\":\"s\",\"workspace_id\":\"" + standard + "\"}").send().json().getString("id"), standard);
        keys.put(ownerSignIn.getString("id"), claudeCode);
        for (String workspace : workspaces.values()) {
            prompts.put(owner.request("POST", "/v1/organizations/workspaces/" + workspace + "/prompts")
                    .json("{\"name\":\"p\",\"model\":\"m\",\"messages\":[]}").send().json().getString("id"), workspace);
        }
        int event = 0;
        for (String key : keys.keySet()) {
            Response recorded = Api.request("POST", "/v1/gateway/usage_events").bearer(gateway).json("{\"event_id\":\"lists-" + orgId + "-" + (event++)
                    + "\",\"api_key_id\":\"" + key + "\",\"model\":\"claude-sonnet-4-5\",\"input_tokens\":10,\"output_tokens\":5}").send();
            assertThat(recorded.status()).as(recorded.toString()).isEqualTo(200);
        }

        // spend limits: the organization's, a Standard and the Claude Code workspace's, and one member's (the owner's)
        Set<String> spendLimits = new HashSet<>();
        for (String scope : List.of("{\"type\":\"organization\"}", "{\"type\":\"workspace\",\"workspace_id\":\"" + standard + "\"}",
                "{\"type\":\"workspace\",\"workspace_id\":\"" + claudeCode + "\"}", "{\"type\":\"user\",\"user_id\":\"" + owner.userId() + "\"}")) {
            Response set = owner.request("POST", "/v1/organizations/spend_limits").json("{\"amount\":\"100.00\",\"period\":\"monthly\",\"scope\":" + scope + "}").send();
            assertThat(set.status()).as(set.toString()).isEqualTo(200);
            spendLimits.add(set.json().getString("id"));
        }

        Map<String, Person> principals = new LinkedHashMap<>();
        for (String orgRole : ORG_ROLES) {
            for (String workspaceRole : WORKSPACE_ROLES) {
                Person person = Orgs.join(orgId, owner, orgRole, "l-" + orgRole + "-" + workspaceRole);
                if (!workspaceRole.equals("none")) {
                    for (String workspace : List.of(standard, claudeCode)) {
                        // refused where roles.md refuses it (implied roles, roles that cannot enter): the person keeps what they have
                        Response added = owner.request("POST", "/v1/organizations/workspaces/" + workspace + "/members")
                                .json("{\"user_id\":\"" + person.userId() + "\",\"workspace_role\":\"" + workspaceRole + "\"}").send();
                        assertThat(added.status()).as(added.toString()).isIn(200, 400);
                    }
                }
                principals.put(orgRole + " + " + workspaceRole, person);
            }
        }
        // roles held through groups (roles.md, "Several roles"): an org user in a group carrying each role, with and without
        // an explicit workspace role
        for (String groupRole : List.of("claude_code_user", "developer", "billing", "admin")) {
            String group = owner.request("POST", "/v1/organizations/rbac_groups").json("{\"name\":\"Lists " + groupRole
                    + "\",\"role_ids\":[\"role_" + groupRole + "\"]}").send().json().getString("id");
            for (String workspaceRole : List.of("none", "workspace_user")) {
                Person person = Orgs.join(orgId, owner, "user", "g-" + groupRole + "-" + workspaceRole);
                Response joined = owner.request("POST", "/v1/organizations/rbac_groups/" + group + "/members")
                        .json("{\"user_id\":\"" + person.userId() + "\"}").send();
                assertThat(joined.status()).as(joined.toString()).isEqualTo(200);
                if (!workspaceRole.equals("none")) {
                    for (String workspace : List.of(standard, claudeCode)) {
                        Response added = owner.request("POST", "/v1/organizations/workspaces/" + workspace + "/members")
                                .json("{\"user_id\":\"" + person.userId() + "\",\"workspace_role\":\"" + workspaceRole + "\"}").send();
                        assertThat(added.status()).as(added.toString()).isIn(200, 400);
                    }
                }
                principals.put("user + group " + groupRole + " + " + workspaceRole, person);
            }
        }
        principals.put("owner (admin)", owner);

        String from = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(1, ChronoUnit.DAYS).toString();
        String today = Instant.now().truncatedTo(ChronoUnit.DAYS).toString().substring(0, 10);
        List<String> mismatches = new ArrayList<>();
        Set<String> shapes = new TreeSet<>();
        int comparisons = 0;
        for (var entry : principals.entrySet()) {
            String who = entry.getKey();
            Person p = entry.getValue();

            // workspaces: the list against GET /workspaces/{id}
            Set<String> listed = ids(p.request("GET", "/v1/organizations/workspaces?include_default=true&include_archived=true&limit=1000").send(), "id");
            Set<String> readable = new HashSet<>();
            for (String workspace : workspaces.values()) {
                int status = p.request("GET", "/v1/organizations/workspaces/" + workspace).send().status();
                assertThat(status).as(who + " GET workspace").isIn(200, 404);
                if (status == 200) {
                    readable.add(workspace);
                }
            }
            comparisons += compare(mismatches, who + " workspaces", listed, readable);
            shapes.add("workspaces " + readable.size());

            // API keys: the list against GET /api_keys/{id}; a list refused (403) exactly when no single key is readable
            Response keyList = p.request("GET", "/v1/organizations/api_keys?limit=1000").send();
            Set<String> readableKeys = readable(p, "/v1/organizations/api_keys/", keys.keySet(), who);
            if (keyList.status() == 403) {
                comparisons += compare(mismatches, who + " api_keys (list refused)", Set.of(), readableKeys);
            } else {
                comparisons += compare(mismatches, who + " api_keys", ids(keyList, "id"), readableKeys);
            }
            shapes.add("api_keys " + readableKeys.size());

            // spend limits: the list against GET /spend_limits/{id}; refused (403) exactly when none is readable
            Response limitList = p.request("GET", "/v1/organizations/spend_limits?limit=1000").send();
            Set<String> readableLimits = readable(p, "/v1/organizations/spend_limits/", spendLimits, who);
            if (limitList.status() == 403) {
                comparisons += compare(mismatches, who + " spend_limits (list refused)", Set.of(), readableLimits);
            } else {
                comparisons += compare(mismatches, who + " spend_limits", ids(limitList, "id"), readableLimits);
            }
            shapes.add("spend_limits " + readableLimits.size());

            // usage and cost rows: workspaces with rows against the caller's own permissions in each workspace
            Set<String> usageHeld = Set.of();
            for (String[] report : new String[][]{{"/v1/organizations/usage_report/messages", "usage:read"}, {"/v1/organizations/cost_report", "cost:read"}}) {
                Response rows = p.request("GET", report[0] + "?starting_at=" + from + "&group_by[]=workspace_id&limit=7").send();
                Set<String> held = new HashSet<>();
                for (String workspace : workspaces.values()) {
                    Response mine = p.request("GET", "/v1/organizations/me/permissions" + (workspace.equals(workspaces.get("default")) ? "" : "?workspace_id=" + workspace)).send();
                    if (mine.status() == 200 && mine.json().getJsonArray("permissions").toString().contains("\"" + report[1] + "\"")) {
                        held.add(workspace);
                    }
                }
                // roles.md's one documented widening: holders of billing:read (admins, billing) see every row, Claude Code spend included
                if (p.request("GET", "/v1/organizations/me/permissions").send().json().getJsonArray("permissions").toString().contains("\"billing:read\"")) {
                    held.addAll(workspaces.values());
                }
                Set<String> withRows = new HashSet<>();
                if (rows.status() == 200) {
                    for (JsonValue bucket : rows.json().getJsonArray("data")) {
                        for (JsonValue result : bucket.asJsonObject().getJsonArray("results")) {
                            JsonObject r = result.asJsonObject();
                            withRows.add(r.isNull("workspace_id") ? workspaces.get("default") : r.getString("workspace_id"));
                        }
                    }
                } else {
                    assertThat(rows.status()).as(who + " " + report[0]).isEqualTo(403);
                }
                comparisons += compare(mismatches, who + " " + report[0], withRows, held);
                if (report[1].equals("usage:read")) {
                    usageHeld = held;
                }
            }
            // the Claude Code report: the owner's day there shows exactly to those who may read usage in that workspace
            Response code = p.request("GET", "/v1/organizations/usage_report/claude_code?starting_at=" + today).send();
            if (code.status() != 200) {
                assertThat(code.status()).as(who + " claude_code report").isEqualTo(403);
            }
            boolean codeRows = code.status() == 200 && !code.json().getJsonArray("data").isEmpty();
            comparisons += compare(mismatches, who + " usage_report/claude_code", codeRows ? Set.of(claudeCode) : Set.of(),
                    usageHeld.contains(claudeCode) ? Set.of(claudeCode) : Set.of());

            // workspace members: a list where the workspace is readable, 404 where it is not, never for Default
            for (String workspace : workspaces.values()) {
                Response members = p.request("GET", "/v1/organizations/workspaces/" + workspace + "/members?limit=1000").send();
                int expected = workspace.equals(workspaces.get("default")) ? 400 : readable.contains(workspace) ? 200 : 404;
                if (members.status() != expected) {
                    mismatches.add(who + " members of " + workspace + ": " + members.status() + " expected " + expected);
                }
                if (members.status() == 200) {
                    Set<String> listedMembers = ids(members, "user_id");
                    Set<String> readableMembers = new HashSet<>();
                    for (String userId : listedMembers) {
                        if (p.request("GET", "/v1/organizations/workspaces/" + workspace + "/members/" + userId).send().status() == 200) {
                            readableMembers.add(userId);
                        }
                    }
                    comparisons += compare(mismatches, who + " members of " + workspace, listedMembers, readableMembers);
                }
                comparisons++;
            }

            // prompts: the list of each workspace against GET of each prompt
            for (String workspace : workspaces.values()) {
                Response promptList = p.request("GET", "/v1/organizations/workspaces/" + workspace + "/prompts?limit=1000").send();
                Set<String> readablePrompts = new HashSet<>();
                for (var prompt : prompts.entrySet()) {
                    if (prompt.getValue().equals(workspace)
                            && p.request("GET", "/v1/organizations/workspaces/" + workspace + "/prompts/" + prompt.getKey()).send().status() == 200) {
                        readablePrompts.add(prompt.getKey());
                    }
                }
                comparisons += compare(mismatches, who + " prompts of " + workspace,
                        promptList.status() == 200 ? ids(promptList, "id") : Set.of(), readablePrompts);
            }

            // organization-level lists: users, invites, admin keys, audit events answer exactly when a single read does
            Response users = p.request("GET", "/v1/organizations/users?limit=1000").send();
            int userRead = p.request("GET", "/v1/organizations/users/" + owner.userId()).send().status();
            if ((users.status() == 200) != (userRead == 200)) {
                mismatches.add(who + " users list " + users.status() + " but user read " + userRead);
            }
            comparisons++;
        }
        System.out.println("SECURITY list consistency: " + principals.size() + " principals, " + comparisons + " comparisons, shapes " + shapes);
        assertThat(mismatches).isEmpty();
        // not vacuous: callers differ in what they see
        assertThat(shapes).contains("workspaces 1", "workspaces 3", "api_keys 0", "api_keys 3");
    }

    private static Set<String> readable(Person p, String prefix, Set<String> ids, String who) {
        Set<String> readable = new HashSet<>();
        for (String id : ids) {
            int status = p.request("GET", prefix + id).send().status();
            assertThat(status).as(who + " GET " + prefix + id).isIn(200, 403, 404);
            if (status == 200) {
                readable.add(id);
            }
        }
        return readable;
    }

    private static Set<String> ids(Response list, String field) {
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        Set<String> ids = new HashSet<>();
        for (JsonValue item : list.json().getJsonArray("data")) {
            ids.add(item.asJsonObject().getString(field));
        }
        return ids;
    }

    private static int compare(List<String> mismatches, String what, Set<String> listed, Set<String> readable) {
        if (!listed.equals(readable)) {
            mismatches.add(what + ": listed " + new TreeSet<>(listed) + " but single reads allow " + new TreeSet<>(readable));
        }
        return 1;
    }
}
