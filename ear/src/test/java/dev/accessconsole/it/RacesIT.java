package dev.accessconsole.it;

import dev.accessconsole.it.Api.Person;
import dev.accessconsole.it.Api.Response;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Concurrency invariants, each tried many times with the requests released together (PostgreSQL in CI).
 * The last-admin race has its own class, {@link LastAdminRaceIT}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RacesIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.realEar();
    }


    /** Invariant: an invite is accepted once; the same invite accepted twice at once yields one membership. */
    @Test
    void theSameInviteAcceptedTwiceAtOnceMakesOneMembership() throws Exception {
        int doubleAcceptances = 0;
        for (int attempt = 0; attempt < 15; attempt++) {
            Person admin = Api.newPerson("race-admin");
            String orgId = Orgs.create(admin, "Invite race");
            Person invitee = Api.newPerson("invitee");
            invitee.userId();
            String inviteId = admin.request("POST", "/v1/organizations/invites").json("{\"email\":\"" + invitee.email() + "\",\"role\":\"user\"}")
                    .send().json().getString("id");
            List<Response> outcomes = Together.run(List.of(
                    () -> invitee.request("POST", "/v1/invites/" + inviteId + "/accept").send(),
                    () -> invitee.request("POST", "/v1/invites/" + inviteId + "/accept").send()));
            outcomes.forEach(o -> assertThat(o.status()).as(o.toString()).isIn(200, 400));
            if (outcomes.stream().filter(o -> o.status() == 200).count() != 1) {
                doubleAcceptances++;
            }
            assertThat(admin.request("GET", "/v1/organizations/users").org(orgId).send().json().getJsonArray("data")).hasSize(2);
        }
        assertThat(doubleAcceptances).as("tries where not exactly one acceptance succeeded").isZero();
    }

    /** The same service account added to a workspace from both of its sides at once: one membership, the rest a clean 400. */
    @Test
    void aServiceAccountAddedToAWorkspaceManyTimesAtOnceJoinsOnce() throws Exception {
        Person admin = Api.newPerson("sa-race-admin");
        Orgs.create(admin, "Service account race");
        for (int attempt = 0; attempt < 5; attempt++) {
            String workspace = admin.request("POST", "/v1/organizations/workspaces").json("{\"name\":\"Race " + attempt + "\"}").send().json().getString("id");
            String account = admin.request("POST", "/v1/organizations/service_accounts").json("{\"name\":\"racer\"}").send().json().getString("id");
            List<Supplier<Response>> calls = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                calls.add(() -> admin.request("POST", "/v1/organizations/workspaces/" + workspace + "/service_accounts")
                        .json("{\"service_account_id\":\"" + account + "\",\"workspace_role\":\"workspace_developer\"}").send());
                calls.add(() -> admin.request("POST", "/v1/organizations/service_accounts/" + account + "/workspaces")
                        .json("{\"workspace_id\":\"" + workspace + "\",\"workspace_role\":\"workspace_user\"}").send());
            }
            List<Response> outcomes = Together.run(calls);
            outcomes.forEach(o -> assertThat(o.status()).as(o.toString()).isIn(200, 400));
            assertThat(outcomes.stream().filter(o -> o.status() == 200).count()).as("memberships made").isEqualTo(1);
            assertThat(admin.request("GET", "/v1/organizations/workspaces/" + workspace + "/service_accounts").send().json().getJsonArray("data")).hasSize(1);
        }
    }

    /** Invariant: never more than 100 workspaces that are not archived, even when 101 are created at once. */
    @Test
    void oneHundredAndOneWorkspacesCreatedAtOnceLeaveAtMostOneHundred() throws Exception {
        Person admin = Api.newPerson("ws-race");
        String orgId = Orgs.create(admin, "Workspace race");
        List<Supplier<Response>> calls = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            String name = "W" + i;
            calls.add(() -> admin.request("POST", "/v1/organizations/workspaces").org(orgId).json("{\"name\":\"" + name + "\"}").send());
        }
        List<Response> outcomes = Together.run(calls);
        outcomes.forEach(o -> assertThat(o.status()).as(o.toString()).isIn(200, 400));
        assertThat(outcomes.stream().filter(o -> o.status() == 200).count()).isEqualTo(100);
        Response refused = outcomes.stream().filter(o -> o.status() == 400).findFirst().orElseThrow();
        assertThat(refused.errorCode()).isEqualTo("workspace_limit_exceeded");
        int active = 0;
        String after = null;
        do {
            JsonObject page = admin.request("GET", "/v1/organizations/workspaces?limit=1000" + (after == null ? "" : "&after_id=" + after)).send().json();
            active += page.getJsonArray("data").size();
            after = page.getBoolean("has_more") ? page.getString("last_id") : null;
        } while (after != null);
        assertThat(active).isEqualTo(100);
    }

    /** Invariant: once archiving answers, no verification that starts afterwards succeeds. */
    @Test
    void aKeyArchivedWhileBeingVerifiedStaysArchived() throws Exception {
        String gateway = Api.platformToken("gateway");
        for (int attempt = 0; attempt < 10; attempt++) {
            Person admin = Api.newPerson("key-race");
            Orgs.create(admin, "Key race");
            JsonObject created = admin.request("POST", "/v1/organizations/api_keys").json("{\"name\":\"k\"}").send().json();
            String secret = created.getString("secret");
            List<Supplier<Response>> calls = new ArrayList<>();
            calls.add(() -> admin.request("POST", "/v1/organizations/api_keys/" + created.getString("id")).json("{\"status\":\"archived\"}").send());
            for (int i = 0; i < 8; i++) {
                calls.add(() -> Api.request("POST", "/v1/gateway/api_keys/verify").bearer(gateway).json("{\"key\":\"" + secret + "\"}").send());
            }
            List<Response> outcomes = Together.run(calls);
            assertThat(outcomes.get(0).status()).isEqualTo(200);
            outcomes.subList(1, outcomes.size()).forEach(o -> assertThat(o.status()).as(o.toString()).isIn(200, 401));
            assertThat(Api.request("POST", "/v1/gateway/api_keys/verify").bearer(gateway).json("{\"key\":\"" + secret + "\"}").send().status())
                    .isEqualTo(401);
        }
    }

    /** Invariant: a usage event counts once, however many times and however concurrently it is posted. */
    @Test
    void theSameUsageEventPostedConcurrentlyCountsOnce() throws Exception {
        String gateway = Api.platformToken("gateway");
        Person admin = Api.newPerson("usage-race");
        String keyId = keyOfNewOrganization(admin, "Usage race", gateway);
        int events = 10;
        for (int e = 0; e < events; e++) {
            String body = "{\"event_id\":\"race-" + UUID.randomUUID() + "\",\"api_key_id\":\"" + keyId
                    + "\",\"model\":\"claude-haiku-4-5\",\"input_tokens\":7,\"output_tokens\":3}";
            List<Supplier<Response>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                calls.add(() -> Api.request("POST", "/v1/gateway/usage_events").bearer(gateway).json(body).send());
            }
            List<Response> outcomes = Together.run(calls);
            outcomes.forEach(o -> assertThat(o.status()).as(o.toString()).isEqualTo(200));
            assertThat(outcomes.stream().filter(o -> !o.json().getBoolean("duplicate")).count()).isEqualTo(1);
        }
        String today = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.DAYS).toString();
        JsonObject row = admin.request("GET", "/v1/organizations/usage_report/messages?starting_at=" + today).send().json()
                .getJsonArray("data").getJsonObject(0).getJsonArray("results").getJsonObject(0);
        assertThat(row.getJsonNumber("uncached_input_tokens").longValue()).isEqualTo(7L * events);
        assertThat(row.getJsonNumber("output_tokens").longValue()).isEqualTo(3L * events);
    }

    /**
     * Invariant: the daily sums reports by day read (usage_daily) agree with the events, also when distinct events of
     * one key, model and day race to create the day's first row: every post is a 200, each counts once, and the report
     * by day (whole UTC days: the daily sums) equals the report by hour (the events) over the same window.
     */
    @Test
    void distinctEventsRacingForTheDaysFirstSumsRowAllCountAndByDayEqualsByHour() throws Exception {
        String gateway = Api.platformToken("gateway");
        Person admin = Api.newPerson("daily-race");
        String keyId = keyOfNewOrganization(admin, "Daily race", gateway);
        List<Supplier<Response>> calls = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String body = "{\"event_id\":\"daily-" + UUID.randomUUID() + "\",\"api_key_id\":\"" + keyId
                    + "\",\"model\":\"claude-opus-4-1\",\"input_tokens\":" + (100 + i) + ",\"output_tokens\":5}";
            calls.add(() -> Api.request("POST", "/v1/gateway/usage_events").bearer(gateway).json(body).send());
        }
        Together.run(calls).forEach(o -> assertThat(o.status()).as(o.toString()).isEqualTo(200));
        java.time.Instant day = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.DAYS);
        String window = "starting_at=" + day + "&ending_at=" + day.plus(java.time.Duration.ofDays(1));
        long byDay = sum(admin.request("GET", "/v1/organizations/usage_report/messages?bucket_width=1d&" + window).send().json());
        long byHour = sum(admin.request("GET", "/v1/organizations/usage_report/messages?bucket_width=1h&limit=24&" + window).send().json());
        long posted = 0;
        for (int i = 0; i < 12; i++) {
            posted += 100 + i;
        }
        assertThat(byDay).isEqualTo(posted);
        assertThat(byHour).isEqualTo(posted);
    }

    /** A new organization of {@code admin} with one API key; the key's id, as the gateway's verification names it. */
    private static String keyOfNewOrganization(Person admin, String name, String gateway) {
        Orgs.create(admin, name);
        String secret = admin.request("POST", "/v1/organizations/api_keys").json("{\"name\":\"k\"}").send().json().getString("secret");
        return Api.request("POST", "/v1/gateway/api_keys/verify").bearer(gateway).json("{\"key\":\"" + secret + "\"}").send()
                .json().getString("api_key_id");
    }

    private static long sum(JsonObject report) {
        long total = 0;
        for (var bucket : report.getJsonArray("data")) {
            for (var row : bucket.asJsonObject().getJsonArray("results")) {
                total += row.asJsonObject().getJsonNumber("uncached_input_tokens").longValue();
            }
        }
        return total;
    }
}
