package dev.accessconsole.it;

import dev.accessconsole.it.Api.Person;
import dev.accessconsole.it.Api.Response;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Invites: who may accept them, and every way an acceptance is refused. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class InvitesIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.realEar();
    }

    private static String invite(Person admin, String orgId, String email, String role) {
        Response created = admin.request("POST", "/v1/organizations/invites").org(orgId)
                .json("{\"email\":\"" + email + "\",\"role\":\"" + role + "\"}").send();
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        return created.json().getString("id");
    }

    @Test
    void theInviteeAcceptsOnceMatchingEmailCaseInsensitively() {
        Person admin = Api.newPerson("inv-admin");
        String orgId = Orgs.create(admin, "Invites");
        Person bob = Api.newPerson("bob");
        String inviteId = invite(admin, orgId, bob.email().toUpperCase(), "developer");

        Person eve = Api.newPerson("eve");
        Response stolen = eve.request("POST", "/v1/invites/" + inviteId + "/accept").send();
        assertThat(stolen.status()).isEqualTo(404);
        assertThat(stolen.errorType()).isEqualTo("not_found_error");

        Response accepted = bob.request("POST", "/v1/invites/" + inviteId + "/accept").send();
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        assertThat(accepted.json().getString("role")).isEqualTo("developer");
        assertThat(admin.request("GET", "/v1/organizations/invites/" + inviteId).send().json().getString("status")).isEqualTo("accepted");

        Response twice = bob.request("POST", "/v1/invites/" + inviteId + "/accept").send();
        assertThat(twice.status()).isEqualTo(400);
        assertThat(twice.errorCode()).isEqualTo("invite_already_accepted");
    }

    @Test
    void inviteRefusals() {
        Person admin = Api.newPerson("inv-admin");
        String orgId = Orgs.create(admin, "Refusals");
        Response self = admin.request("POST", "/v1/organizations/invites").json("{\"email\":\"" + admin.email() + "\",\"role\":\"user\"}").send();
        assertThat(self.status()).isEqualTo(400);
        assertThat(self.errorCode()).isEqualTo("already_member");

        Person carol = Api.newPerson("carol");
        invite(admin, orgId, carol.email(), "user");
        Response duplicate = admin.request("POST", "/v1/organizations/invites").json("{\"email\":\"" + carol.email() + "\",\"role\":\"billing\"}").send();
        assertThat(duplicate.status()).isEqualTo(400);
        assertThat(duplicate.errorCode()).isEqualTo("invite_already_exists");

        for (String body : List.of("{\"email\":\"not-an-email\",\"role\":\"user\"}", "{\"email\":\"x@example.com\",\"role\":\"owner\"}",
                "{\"email\":\"x@example.com\"}", "{\"role\":\"user\"}")) {
            Response bad = admin.request("POST", "/v1/organizations/invites").json(body).send();
            assertThat(bad.status()).as(body).isEqualTo(400);
            assertThat(bad.errorType()).isEqualTo("invalid_request_error");
        }
    }

    @Test
    void deletedInvitesCannotBeAcceptedAndUnverifiedEmailsAreRefused() {
        Person admin = Api.newPerson("inv-admin");
        String orgId = Orgs.create(admin, "Deleted");
        Person dan = Api.newPerson("dan");
        String inviteId = invite(admin, orgId, dan.email(), "user");
        Response deleted = admin.request("DELETE", "/v1/organizations/invites/" + inviteId).send();
        assertThat(deleted.json().getString("type")).isEqualTo("invite_deleted");
        Response late = dan.request("POST", "/v1/invites/" + inviteId + "/accept").send();
        assertThat(late.status()).isEqualTo(400);
        assertThat(late.errorCode()).isEqualTo("invite_deleted");

        var deletedOnes = admin.request("GET", "/v1/organizations/invites?status=deleted").send().json().getJsonArray("data");
        assertThat(deletedOnes).hasSize(1);
        assertThat(deletedOnes.getJsonObject(0).getString("id")).isEqualTo(inviteId);
        assertThat(admin.request("GET", "/v1/organizations/invites?status=pending").send().json().getJsonArray("data")).isEmpty();
        assertThat(admin.request("GET", "/v1/organizations/invites?status=bogus").send().status()).isEqualTo(400);

        Person frank = Api.newPerson("frank");
        String second = invite(admin, orgId, frank.email(), "user");
        long now = Instant.now().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", DevTokens.ISSUER);
        claims.put("aud", DevTokens.AUDIENCE);
        claims.put("sub", frank.subject());
        claims.put("email", frank.email());
        claims.put("email_verified", false);
        claims.put("iat", now);
        claims.put("exp", now + 300);
        String unverified = DevTokens.sign(Api.devKey(), Map.of("alg", "RS256", "typ", "JWT"), claims);
        Response refused = Api.request("POST", "/v1/invites/" + second + "/accept").bearer(unverified).send();
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.errorCode()).isEqualTo("email_not_verified");
        assertThat(frank.request("POST", "/v1/invites/" + second + "/accept").send().status()).isEqualTo(200);
    }

    @Test
    void invitesPageStablyUnderInserts() {
        Person admin = Api.newPerson("inv-admin");
        String orgId = Orgs.create(admin, "Paging");
        for (int i = 0; i < 5; i++) {
            invite(admin, orgId, "p" + i + "-" + admin.subject() + "@example.com", "user");
        }
        var first = admin.request("GET", "/v1/organizations/invites?limit=2").send().json();
        assertThat(first.getBoolean("has_more")).isTrue();
        invite(admin, orgId, "late-" + admin.subject() + "@example.com", "user");
        var second = admin.request("GET", "/v1/organizations/invites?limit=2&after_id=" + first.getString("last_id")).send().json();
        var back = admin.request("GET", "/v1/organizations/invites?limit=2&before_id=" + second.getString("first_id")).send().json();
        assertThat(back.getString("first_id")).isEqualTo(first.getString("first_id"));
        assertThat(back.getString("last_id")).isEqualTo(first.getString("last_id"));
        assertThat(second.getJsonArray("data").getJsonObject(0).getString("id")).isGreaterThan(first.getString("last_id"));
    }
}
