package dev.accessconsole.it;

import dev.accessconsole.it.Api.Person;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.UUID;

import static dev.accessconsole.it.ScimProvisioningIT.enc;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exact request sequences Microsoft Entra ID and Okta document for their SCIM 2.0 provisioning, in plain HTTP with
 * their bodies and spellings ("Replace", "False", a value object without a path, members[value eq …], excludedAttributes):
 * provisioning a user, finding them, updating, deactivating, reactivating, deleting, and pushing a group.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ScimIdentityProvidersIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.realEar();
    }

    private Person admin;
    private String orgId;
    private String token;

    @BeforeEach
    void organizationWithAScimToken() {
        admin = Api.newPerson("idp-admin");
        orgId = Orgs.create(admin, "IdP Co");
        token = admin.request("POST", "/v1/organizations/scim_tokens").json("{\"name\":\"idp\"}").send().json().getString("secret");
    }

    /** Microsoft Entra ID's provisioning service, as its SCIM endpoint tutorial lists the requests. */
    @Test
    void microsoftEntraIdSequence() {
        String userName = "Test_User_" + UUID.randomUUID() + "@testuser.com";
        assertThat(scim("GET", "/scim/v2/Users?filter=" + enc("userName eq \"" + userName + "\""), null).json().getInt("totalResults")).isZero();

        Api.Response created = scim("POST", "/scim/v2/Users", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
                 "externalId":"0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef","userName":"%s","active":true,
                 "emails":[{"primary":true,"type":"work","value":"%s"}],"meta":{"resourceType":"User"},
                 "name":{"formatted":"givenName familyName","familyName":"familyName","givenName":"givenName"},"roles":[],
                 "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"Research","manager":{"value":"m"}}}
                """.formatted(userName, userName));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.header("content-type")).startsWith("application/scim+json");
        String id = created.json().getString("id");
        assertThat(created.header("location")).endsWith("/scim/v2/Users/" + id);
        assertThat(created.json().getString("externalId")).isEqualTo("0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef");

        JsonObject found = scim("GET", "/scim/v2/Users?filter=" + enc("userName eq \"" + userName + "\""), null).json();
        assertThat(found.getInt("totalResults")).isEqualTo(1);
        assertThat(found.getJsonArray("Resources").getJsonObject(0).getString("id")).isEqualTo(id);

        // multi-valued and single-valued updates, Entra's capitalized op names
        Api.Response multi = scim("PATCH", "/scim/v2/Users/" + id, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
                 {"op":"Replace","path":"emails[type eq \\"work\\"].value","value":"updated-%s"},
                 {"op":"Replace","path":"name.familyName","value":"updatedFamilyName"}]}
                """.formatted(userName));
        assertThat(multi.status()).as(multi.toString()).isEqualTo(200);
        assertThat(multi.json().getJsonObject("name").getString("familyName")).isEqualTo("updatedFamilyName");
        assertThat(multi.json().getString("userName")).isEqualTo(("updated-" + userName).toLowerCase());
        String renamed = "renamed-" + UUID.randomUUID() + "@testuser.com";
        Api.Response single = scim("PATCH", "/scim/v2/Users/" + id, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Replace","path":"userName","value":"%s"}]}
                """.formatted(renamed));
        assertThat(single.json().getString("userName")).isEqualTo(renamed.toLowerCase());

        // disable: Entra sends the boolean as a string
        Api.Response disabled = scim("PATCH", "/scim/v2/Users/" + id, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Replace","path":"active","value":"False"}]}
                """);
        assertThat(disabled.status()).as(disabled.toString()).isEqualTo(200);
        assertThat(disabled.json().getBoolean("active")).isFalse();
        assertThat(admin.request("GET", "/v1/organizations/users/" + id).send().status()).isEqualTo(404);
        Api.Response enabled = scim("PATCH", "/scim/v2/Users/" + id, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Replace","path":"active","value":"True"}]}
                """);
        assertThat(enabled.json().getBoolean("active")).isTrue();
        assertThat(admin.request("GET", "/v1/organizations/users/" + id).send().status()).isEqualTo(200);

        // groups: create, read without members, find by name, rename, add and remove members
        Api.Response group = scim("POST", "/scim/v2/Groups", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group","http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group"],
                 "externalId":"8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159","displayName":"Entra Engineers","meta":{"resourceType":"Group"}}
                """);
        assertThat(group.status()).as(group.toString()).isEqualTo(201);
        String groupId = group.json().getString("id");
        assertThat(group.json().getJsonArray("members")).isEmpty();
        JsonObject withoutMembers = scim("GET", "/scim/v2/Groups/" + groupId + "?excludedAttributes=members", null).json();
        assertThat(withoutMembers.containsKey("members")).isFalse();
        JsonObject byName = scim("GET", "/scim/v2/Groups?excludedAttributes=members&filter=" + enc("displayName eq \"entra engineers\""), null).json();
        assertThat(byName.getInt("totalResults")).isEqualTo(1);
        scim("PATCH", "/scim/v2/Groups/" + groupId, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Replace","path":"displayName","value":"Entra Engineers updated"}]}
                """);
        Api.Response added = scim("PATCH", "/scim/v2/Groups/" + groupId, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Add","path":"members","value":[{"$ref":null,"value":"%s"}]}]}
                """.formatted(id));
        assertThat(added.status()).as(added.toString()).isEqualTo(200);
        assertThat(added.json().getString("displayName")).isEqualTo("Entra Engineers updated");
        assertThat(memberIds(added.json().getJsonArray("members"))).containsExactly(id);
        Api.Response removed = scim("PATCH", "/scim/v2/Groups/" + groupId, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Remove","path":"members","value":[{"$ref":null,"value":"%s"}]}]}
                """.formatted(id));
        assertThat(removed.json().getJsonArray("members")).isEmpty();

        assertThat(scim("DELETE", "/scim/v2/Groups/" + groupId, null).status()).isEqualTo(204);
        assertThat(scim("DELETE", "/scim/v2/Users/" + id, null).status()).isEqualTo(204);
        assertThat(scim("GET", "/scim/v2/Users/" + id, null).status()).isEqualTo(404);
    }

    /** Okta's SCIM 2.0 provisioning, as its protocol reference lists the requests. */
    @Test
    void oktaSequence() {
        String userName = "test.user-" + UUID.randomUUID() + "@okta.local";
        JsonObject none = scim("GET", "/scim/v2/Users?filter=" + enc("userName eq \"" + userName + "\"") + "&startIndex=1&count=100", null).json();
        assertThat(none.getInt("totalResults")).isZero();
        assertThat(none.getJsonArray("Resources")).isEmpty();

        Api.Response created = scim("POST", "/scim/v2/Users", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%s","name":{"givenName":"Test","familyName":"User"},
                 "emails":[{"primary":true,"value":"%s","type":"work"}],"displayName":"Test User","locale":"en-US",
                 "externalId":"00ujl29u0le5T6Aj10h7","groups":[],"password":"1mz050nq","active":true}
                """.formatted(userName, userName));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().getString("id");
        assertThat(scim("GET", "/scim/v2/Users/" + id, null).json().getString("displayName")).isEqualTo("Test User");

        Api.Response updated = scim("PUT", "/scim/v2/Users/" + id, """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"%s","userName":"%s",
                 "name":{"givenName":"Another","familyName":"User"},"emails":[{"primary":true,"value":"%s","type":"work"}],
                 "displayName":"Another User","locale":"en-US","externalId":"00ujl29u0le5T6Aj10h7","groups":[],"active":true,
                 "meta":{"resourceType":"User"}}
                """.formatted(id, userName, userName));
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.json().getJsonObject("name").getString("givenName")).isEqualTo("Another");

        Api.Response deactivated = scim("PATCH", "/scim/v2/Users/" + id, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","value":{"active":false}}]}
                """);
        assertThat(deactivated.status()).as(deactivated.toString()).isEqualTo(200);
        assertThat(deactivated.json().getBoolean("active")).isFalse();
        Api.Response reactivated = scim("PATCH", "/scim/v2/Users/" + id, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","value":{"active":true}}]}
                """);
        assertThat(reactivated.json().getBoolean("active")).isTrue();

        // Group Push: create, read, rename with a value object, replace members with remove + add in one request
        Person second = Orgs.join(orgId, admin, "user", "okta-second");
        String secondId = second.userId();
        Api.Response group = scim("POST", "/scim/v2/Groups", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Test SCIMv2","members":[{"value":"%s","display":"%s"}]}
                """.formatted(id, userName));
        assertThat(group.status()).as(group.toString()).isEqualTo(201);
        String groupId = group.json().getString("id");
        JsonObject groups = scim("GET", "/scim/v2/Groups?count=100&startIndex=1", null).json();
        assertThat(groups.getInt("totalResults")).isEqualTo(1);
        Api.Response renamed = scim("PATCH", "/scim/v2/Groups/" + groupId, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","value":{"id":"%s","displayName":"Test SCIMv2 renamed"}}]}
                """.formatted(groupId));
        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
        assertThat(renamed.json().getString("displayName")).isEqualTo("Test SCIMv2 renamed");
        Api.Response members = scim("PATCH", "/scim/v2/Groups/" + groupId, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
                 {"op":"remove","path":"members[value eq \\"%s\\"]"},
                 {"op":"add","path":"members","value":[{"value":"%s","display":"second"}]}]}
                """.formatted(id, secondId));
        assertThat(members.status()).as(members.toString()).isEqualTo(200);
        assertThat(memberIds(members.json().getJsonArray("members"))).containsExactly(secondId);
        JsonObject rbac = admin.request("GET", "/v1/organizations/rbac_groups/" + groupId + "/members").send().json();
        assertThat(rbac.getJsonArray("data").getJsonObject(0).getString("user_id")).isEqualTo(secondId);

        // a full replacement (PUT) sets the members exactly
        Api.Response replaced = scim("PUT", "/scim/v2/Groups/" + groupId, """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Test SCIMv2 renamed","members":[{"value":"%s"},{"value":"%s"}]}
                """.formatted(id, secondId));
        assertThat(memberIds(replaced.json().getJsonArray("members"))).containsExactlyInAnyOrder(id, secondId);

        assertThat(scim("DELETE", "/scim/v2/Groups/" + groupId, null).status()).isEqualTo(204);
        assertThat(admin.request("GET", "/v1/organizations/rbac_groups/" + groupId).send().status()).isEqualTo(404);
    }

    private static java.util.List<String> memberIds(JsonArray members) {
        return members.getValuesAs(JsonObject.class).stream().map(m -> m.getString("value")).toList();
    }

    /** A SCIM request as both providers send it: the token as bearer, SCIM's media type (Okta adds a charset). */
    private Api.Response scim(String method, String path, String body) {
        Api.Request request = Api.request(method, path).bearer(token).header("Accept", "application/scim+json");
        if (body != null) {
            request.json(body).header("content-type", "application/scim+json; charset=utf-8");
        }
        return request.send();
    }
}
