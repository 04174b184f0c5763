package dev.accessconsole.it;

import com.fasterxml.jackson.jakarta.rs.json.JacksonJsonProvider;
import com.unboundid.scim2.client.ScimService;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.messages.ListResponse;
import com.unboundid.scim2.common.types.Email;
import com.unboundid.scim2.common.types.GroupResource;
import com.unboundid.scim2.common.types.Member;
import com.unboundid.scim2.common.types.Name;
import com.unboundid.scim2.common.types.UserResource;
import com.unboundid.scim2.common.utils.JsonUtils;
import dev.accessconsole.it.Api.Person;
import jakarta.json.JsonObject;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientRequestFilter;
import org.glassfish.jersey.client.ClientConfig;
import org.glassfish.jersey.client.HttpUrlConnectorProvider;
import org.glassfish.jersey.client.JerseyClientBuilder;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Provisioning through {@code /scim/v2} as an identity provider does it, with the UnboundID SCIM 2 SDK client (what many
 * connectors are built on): a person provisioned by email joins with the default role and signs in as that account;
 * deactivation ends what they hold at once; reactivation brings them back; a pushed group whose roles make its members
 * developers gives and takes key rights as its members change. Also the SCIM token's boundaries.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ScimProvisioningIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.realEar();
    }

    private Person admin;
    private String orgId;
    private String scimToken;
    private Client http;
    private ScimService scim;

    @BeforeEach
    void organizationWithAScimToken() {
        admin = Api.newPerson("scim-admin");
        orgId = Orgs.create(admin, "Provisioned Co");
        Api.Response token = admin.request("POST", "/v1/organizations/scim_tokens").json("{\"name\":\"okta\"}").send();
        assertThat(token.status()).as(token.toString()).isEqualTo(200);
        scimToken = token.json().getString("secret");
        assertThat(scimToken).startsWith("sk-ant-scim01-");
        ClientConfig config = new ClientConfig().register(new JacksonJsonProvider(JsonUtils.createObjectMapper()))
                .register((ClientRequestFilter) request -> request.getHeaders().putSingle("Authorization", "Bearer " + scimToken))
                .property(HttpUrlConnectorProvider.SET_METHOD_WORKAROUND, true);
        http = new JerseyClientBuilder().withConfig(config).build();
        scim = new ScimService(http.target(Api.BASE.resolve("/scim/v2")));
    }

    @AfterEach
    void close() {
        http.close();
    }

    @Test
    void provisionFindDeactivateReactivateAndPushAGroupWithTheUnboundIdClient() throws Exception {
        Person person = Api.newPerson("provisioned");
        UserResource user = new UserResource();
        user.setUserName(person.email());
        user.setActive(true);
        user.setExternalId("okta-" + UUID.randomUUID());
        user.setName(new Name().setGivenName("Pro").setFamilyName("Visioned"));
        user.setEmails(List.of(new Email().setValue(person.email()).setType("work").setPrimary(true)));
        UserResource created = scim.create("Users", user);
        assertThat(created.getId()).startsWith("user_");
        assertThat(created.getUserName()).isEqualTo(person.email());
        assertThat(created.getActive()).isTrue();
        assertThat(created.getMeta().getLocation().toString()).endsWith("/scim/v2/Users/" + created.getId());

        ListResponse<UserResource> found = scim.searchRequest("Users").filter("userName eq \"" + person.email().toUpperCase() + "\"")
                .invoke(UserResource.class);
        assertThat(found.getTotalResults()).isEqualTo(1);
        assertThat(found.getResources().get(0).getId()).isEqualTo(created.getId());

        // the person's first sign-in takes the provisioned account: a member with the default role (user)
        assertThat(person.request("GET", "/v1/me").send().json().getString("id")).isEqualTo(created.getId());
        assertThat(inOrganization(person, "/v1/organizations/me").status()).isEqualTo(200);
        assertThat(Api.request("GET", "/v1/organizations/users/" + created.getId()).bearer(admin.token()).send().json().getString("role"))
                .isEqualTo("user");

        UserResource inactive = scim.modifyRequest("Users", created.getId()).replaceValue("active", false).invoke(UserResource.class);
        assertThat(inactive.getActive()).isFalse();
        Api.Response refused = inOrganization(person, "/v1/organizations/me");
        assertThat(refused.status()).as("deactivated: nothing in the organization, at once").isIn(403, 404);
        assertThat(admin.request("GET", "/v1/organizations/users/" + created.getId()).send().status())
                .as("the Admin API lists no suspended person").isEqualTo(404);
        assertThat(scim.retrieve("Users", created.getId(), UserResource.class).getActive()).isFalse();

        UserResource active = scim.modifyRequest("Users", created.getId()).replaceValue("active", true).invoke(UserResource.class);
        assertThat(active.getActive()).isTrue();
        // the sessions the deactivation ended stay ended: a token of a later second is needed
        Thread.sleep(1100);
        Person again = new Person(person.subject(), person.email(), DevTokens.forUser(Api.devKey(), person.subject(), person.email(), "again"));
        assertThat(inOrganization(again, "/v1/organizations/me").status()).as("reactivated").isEqualTo(200);
        assertThat(createKey(again).status()).as("a user creates no key").isEqualTo(403);

        GroupResource group0 = new GroupResource();
        group0.setDisplayName("Engineering");
        group0.setMembers(List.of(new Member().setValue(created.getId())));
        GroupResource pushed = scim.create("Groups", group0);
        assertThat(pushed.getMembers()).extracting(Member::getValue).containsExactly(created.getId());
        JsonObject group = admin.request("GET", "/v1/organizations/rbac_groups/" + pushed.getId()).send().json();
        assertThat(group.getString("source_type")).isEqualTo("scim");
        Api.Response roles = admin.request("POST", "/v1/organizations/rbac_groups/" + pushed.getId())
                .json("{\"role_ids\":[\"role_developer\"]}").send();
        assertThat(roles.status()).as(roles.toString()).isEqualTo(200);
        assertThat(createKey(again).status()).as("a developer through the pushed group").isEqualTo(200);

        scim.modifyRequest("Groups", pushed.getId()).removeValues("members[value eq \"" + created.getId() + "\"]").invoke(GroupResource.class);
        assertThat(createKey(again).status()).as("removed from the group in the identity provider").isEqualTo(403);

        // the identity provider's group is its own: the Admin API sets its roles only
        Api.Response rename = admin.request("POST", "/v1/organizations/rbac_groups/" + pushed.getId()).json("{\"name\":\"Mine\"}").send();
        assertThat(rename.status()).isEqualTo(400);
        assertThat(rename.errorCode()).isEqualTo("group_managed_by_identity_provider");
        Api.Response join = admin.request("POST", "/v1/organizations/rbac_groups/" + pushed.getId() + "/members")
                .json("{\"user_id\":\"" + created.getId() + "\"}").send();
        assertThat(join.errorCode()).isEqualTo("group_managed_by_identity_provider");

        scim.delete("Users", created.getId());
        assertThat(inOrganization(again, "/v1/organizations/me").status()).isEqualTo(404);
        assertThatThrownBy(() -> scim.retrieve("Users", created.getId(), UserResource.class))
                .isInstanceOfSatisfying(ScimException.class, e -> assertThat(e.getScimError().getStatus()).isEqualTo(404));
    }

    @Test
    void theScimTokenActsOnItsOrganizationAtScimOnly() {
        Api.Response anonymous = Api.request("GET", "/scim/v2/Users").send();
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.header("content-type")).startsWith("application/scim+json");
        assertThat(anonymous.json().getJsonArray("schemas").getString(0)).isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
        assertThat(anonymous.json().getString("status")).isEqualTo("401");

        assertThat(scimRequest("GET", "/scim/v2/Users").bearer("sk-ant-scim01-" + "x".repeat(86) + "AA").send().status()).isEqualTo(401);
        assertThat(Api.request("GET", "/scim/v2/Users").bearer(admin.token()).send().status()).as("a person's token").isIn(401, 403);
        String adminKey = admin.request("POST", "/v1/organizations/admin_keys").json("{\"name\":\"k\"}").send().json().getString("secret");
        assertThat(Api.request("GET", "/scim/v2/Users").header("x-api-key", adminKey).send().status()).as("an Admin API key").isEqualTo(403);

        // nowhere else: the token is no credential of the API
        for (String path : List.of("/v1/organizations/me", "/v1/organizations/users", "/v1/me")) {
            assertThat(Api.request("GET", path).bearer(scimToken).send().status()).as(path).isEqualTo(401);
            assertThat(Api.request("GET", path).header("x-api-key", scimToken).send().status()).as(path).isEqualTo(401);
        }
        assertThat(scimRequest("GET", "/v1/scim/v2/Users").send().status()).as("no second address").isEqualTo(404);

        // another organization's token sees nothing of this one
        Person other = Api.newPerson("scim-other");
        Orgs.create(other, "Other Co");
        String otherToken = other.request("POST", "/v1/organizations/scim_tokens").json("{}").send().json().getString("secret");
        String mine = scimRequest("POST", "/scim/v2/Users").scim("{\"userName\":\"mine-" + UUID.randomUUID() + "@corp.example\"}").send()
                .json().getString("id");
        assertThat(Api.request("GET", "/scim/v2/Users/" + mine).bearer(otherToken).send().status()).isEqualTo(404);
        assertThat(Api.request("DELETE", "/scim/v2/Users/" + mine).bearer(otherToken).send().status()).isEqualTo(404);
        assertThat(scimRequest("GET", "/scim/v2/Users/" + mine).send().status()).isEqualTo(200);

        // only signed-in admins make and revoke SCIM tokens; a revoked token stops at once
        assertThat(Api.request("POST", "/v1/organizations/scim_tokens").header("x-api-key", adminKey).json("{}").send().status()).isEqualTo(403);
        Api.Response listed = admin.request("GET", "/v1/organizations/scim_tokens").send();
        assertThat(listed.body()).doesNotContain(scimToken).contains("partial_key_hint");
        String tokenId = listed.json().getJsonArray("data").getJsonObject(0).getString("id");
        assertThat(admin.request("POST", "/v1/organizations/scim_tokens/" + tokenId + "/revoke").send().json().getString("status")).isEqualTo("revoked");
        assertThat(scimRequest("GET", "/scim/v2/Users").send().status()).isEqualTo(401);
    }

    @Test
    void protocolErrorsAreScimErrors() {
        String email = "dup-" + UUID.randomUUID() + "@corp.example";
        assertThat(scimRequest("POST", "/scim/v2/Users").scim("{\"userName\":\"" + email + "\"}").send().status()).isEqualTo(201);
        Api.Response duplicate = scimRequest("POST", "/scim/v2/Users").scim("{\"userName\":\"" + email.toUpperCase() + "\"}").send();
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.json().getString("scimType")).isEqualTo("uniqueness");

        Api.Response filter = scimRequest("GET", "/scim/v2/Users?filter=" + enc("title co \"x\"")).send();
        assertThat(filter.status()).isEqualTo(400);
        assertThat(filter.json().getString("scimType")).isEqualTo("invalidFilter");

        Api.Response noName = scimRequest("POST", "/scim/v2/Users").scim("{\"displayName\":\"nobody\"}").send();
        assertThat(noName.status()).isEqualTo(400);
        assertThat(noName.json().getString("scimType")).isEqualTo("invalidValue");

        Api.Response badEmail = scimRequest("POST", "/scim/v2/Users").scim("{\"userName\":\" padded@corp.example\"}").send();
        assertThat(badEmail.status()).isEqualTo(400);

        Api.Response malformed = scimRequest("POST", "/scim/v2/Users").scim("{\"userName\":").send();
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().getString("scimType")).isEqualTo("invalidSyntax");

        Api.Response text = scimRequest("POST", "/scim/v2/Users").header("content-type", "text/plain").send();
        assertThat(text.status()).isEqualTo(415);
        Api.Response unknown = scimRequest("GET", "/scim/v2/Widgets").send();
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().getString("status")).isEqualTo("404");

        JsonObject config = scimRequest("GET", "/scim/v2/ServiceProviderConfig").send().json();
        assertThat(config.getJsonObject("patch").getBoolean("supported")).isTrue();
        assertThat(config.getJsonObject("filter").getBoolean("supported")).isTrue();
        assertThat(scimRequest("GET", "/scim/v2/ResourceTypes").send().json().getInt("totalResults")).isEqualTo(2);
        assertThat(scimRequest("GET", "/scim/v2/Schemas").send().json().getJsonArray("Resources")).hasSize(2);
        assertThat(scimRequest("GET", "/scim/v2/Schemas/urn:ietf:params:scim:schemas:core:2.0:User").send().json().getString("name"))
                .isEqualTo("User");
    }

    @Test
    void pagingAndFilters() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 5; i++) {
            assertThat(scimRequest("POST", "/scim/v2/Users").scim("{\"userName\":\"page" + i + "-" + tag + "@corp.example\",\"externalId\":\"ext-"
                    + tag + "-" + i + "\"}").send().status()).isEqualTo(201);
        }
        // five provisioned and the admin who made the organization
        JsonObject all = scimRequest("GET", "/scim/v2/Users?startIndex=1&count=4").send().json();
        assertThat(all.getInt("totalResults")).isEqualTo(6);
        assertThat(all.getInt("itemsPerPage")).isEqualTo(4);
        JsonObject rest = scimRequest("GET", "/scim/v2/Users?startIndex=5&count=4").send().json();
        assertThat(rest.getInt("itemsPerPage")).isEqualTo(2);
        assertThat(rest.getInt("startIndex")).isEqualTo(5);
        assertThat(scimRequest("GET", "/scim/v2/Users?count=0").send().json().getJsonArray("Resources")).isEmpty();

        JsonObject byExternal = scimRequest("GET", "/scim/v2/Users?filter=" + enc("externalId eq \"ext-" + tag + "-3\"")).send().json();
        assertThat(byExternal.getInt("totalResults")).isEqualTo(1);
        assertThat(byExternal.getJsonArray("Resources").getJsonObject(0).getString("userName")).isEqualTo("page3-" + tag + "@corp.example");
        JsonObject both = scimRequest("GET", "/scim/v2/Users?filter=" + enc("userName eq \"page3-" + tag + "@corp.example\" and externalId eq \"ext-"
                + tag + "-2\"")).send().json();
        assertThat(both.getInt("totalResults")).isZero();
        JsonObject byEmail = scimRequest("GET", "/scim/v2/Users?filter=" + enc("emails[type eq \"work\"].value eq \"PAGE1-" + tag + "@corp.example\"")).send().json();
        assertThat(byEmail.getInt("totalResults")).isEqualTo(1);
    }

    private Api.Response inOrganization(Person person, String path) {
        return person.request("GET", path).org(orgId).send();
    }

    private Api.Response createKey(Person member) {
        return member.request("POST", "/v1/organizations/api_keys").org(orgId).json("{\"name\":\"mine\"}").send();
    }

    private ScimRequest scimRequest(String method, String path) {
        return new ScimRequest(Api.request(method, path).bearer(scimToken));
    }

    static String enc(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A request with a SCIM body. */
    record ScimRequest(Api.Request request) {
        ScimRequest scim(String json) {
            request.json(json).header("content-type", "application/scim+json");
            return this;
        }

        ScimRequest header(String name, String value) {
            request.header(name, value);
            return this;
        }

        ScimRequest bearer(String token) {
            request.bearer(token);
            return this;
        }

        Api.Response send() {
            return request.send();
        }
    }
}
