package dev.accessconsole.it;

import dev.accessconsole.it.Api.Person;
import dev.accessconsole.it.Api.Response;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Invariant: an organization always keeps at least one admin, also when its two admins demote (or remove) each
 * other at the same moment. Many tries, each with both requests released together. Meant for PostgreSQL (CI runs it
 * there); it holds on H2 as well.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class LastAdminRaceIT {

    private static final int TRIES = Integer.getInteger("race.tries", 25);

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.realEar();
    }

    @Test
    void twoAdminsDemotingEachOtherAtOnceLeaveOneAdmin() throws Exception {
        race(false);
    }

    @Test
    void twoAdminsRemovingEachOtherAtOnceLeaveOneAdmin() throws Exception {
        race(true);
    }

    private void race(boolean remove) throws Exception {
        int orgsWithoutAdmin = 0;
        int bothSucceeded = 0;
        for (int attempt = 0; attempt < TRIES; attempt++) {
            Person first = Api.newPerson("first");
            String orgId = Orgs.create(first, "Race " + attempt);
            Person second = Orgs.join(orgId, first, "admin", "second");
            String firstId = first.userId();
            String secondId = second.userId();

            List<Response> outcomes = Together.run(List.of(() -> strike(first, orgId, secondId, remove),
                    () -> strike(second, orgId, firstId, remove)));

            // the loser of a removal race may already be out of the organization (404)
            for (Response outcome : outcomes) {
                assertThat(outcome.status()).as(outcome.toString()).isIn(200, 400, 403, 404);
            }
            if (outcomes.stream().allMatch(o -> o.status() == 200)) {
                bothSucceeded++;
            }
            // whoever is still an admin reads the admins back
            Person survivor = outcomes.get(0).status() == 200 ? first : second;
            Response admins = survivor.request("GET", "/v1/organizations/users?roles[]=admin").org(orgId).send();
            if (admins.status() != 200 || admins.json().getJsonArray("data").isEmpty()) {
                orgsWithoutAdmin++;
            }
        }
        assertThat(orgsWithoutAdmin).as("organizations left without an admin").isZero();
        assertThat(bothSucceeded).as("tries where both demotions succeeded").isZero();
    }

    private static Response strike(Person actor, String orgId, String targetId, boolean remove) {
        Api.Request request = remove
                ? actor.request("DELETE", "/v1/organizations/users/" + targetId)
                : actor.request("POST", "/v1/organizations/users/" + targetId).json("{\"role\":\"user\"}");
        return request.org(orgId).send();
    }
}
