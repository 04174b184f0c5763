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

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The attacks of issue 9, each from outside as a careful tester would: identity (email_verified, Unicode case,
 * unverified emails), Admin API keys outliving their creator's admin role, existence oracles, lengths counted wrong,
 * numbers that wrap, gateway timestamps and event ids, throttling keyed on raw headers, what errors and names reveal.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HostileCallerIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.realEar();
    }

    private final String gateway = Api.platformToken("gateway");
    private final String support = Api.platformToken("support");
    private Person admin;
    private String orgId;

    @BeforeEach
    void organization() {
        admin = Api.newPerson("hostile-admin");
        orgId = Orgs.create(admin, "Hostile");
    }

    private static String token(String subject, String email, Object emailVerified, String name) {
        return DevTokens.forPersonClaims(Api.devKey(), subject, email, emailVerified, name);
    }

    @Test
    void whenAnOrgUserHoldsAClaudeCodeRoleThenItCannotTouchAnotherMembersClaudeCodeKey() {
        Person coder = Orgs.join(orgId, admin, "developer", "coder");
        JsonObject signIn = coder.request("POST", "/v1/organizations/claude_code/sign_in").send().json();
        Person user = Orgs.join(orgId, admin, "user", "intruder");
        Response added = admin.request("POST", "/v1/organizations/workspaces/" + signIn.getString("workspace_id") + "/members")
                .json("{\"user_id\":\"" + user.userId() + "\",\"workspace_role\":\"workspace_developer\"}").send();
        assertThat(added.status()).as(added.toString()).isEqualTo(400);
        Response rename = user.request("POST", "/v1/organizations/api_keys/" + signIn.getString("id")).json("{\"name\":\"mine now\"}").send();
        assertThat(rename.status()).isEqualTo(404);
        // and Claude Code keys carry no personal data in their name
        assertThat(signIn.getString("name")).doesNotContain(coder.email()).doesNotContain("@");
    }

    @Test
    void whenTheEmailDiffersByUnicodeCaseFoldingThenItIsAnotherAddressButAsciiCaseIsTheSame() {
        String local = "kate-" + UUID.randomUUID().toString().substring(0, 8);
        String invite = admin.request("POST", "/v1/organizations/invites").json("{\"email\":\"" + local + "@example.com\",\"role\":\"admin\"}")
                .send().json().getString("id");
        String kelvin = "\u212A" + local.substring(1) + "@example.com"; // KELVIN SIGN lower-cases to "k" in Unicode
        Response folded = Api.request("POST", "/v1/invites/" + invite + "/accept").bearer(token("kelvin-" + local, kelvin, true, "K")).send();
        assertThat(folded.status()).as(folded.toString()).isEqualTo(404);
        Response ascii = Api.request("POST", "/v1/invites/" + invite + "/accept")
                .bearer(token("ascii-" + local, local.toUpperCase() + "@EXAMPLE.COM", true, "Kate")).send();
        assertThat(ascii.status()).as(ascii.toString()).isEqualTo(200);
    }

    @Test
    void whenAnUnverifiedEmailArrivesThenTheStoredEmailStays() {
        Person member = Orgs.join(orgId, admin, "user", "steady");
        String forged = "ceo-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        Response me = Api.request("GET", "/v1/me").bearer(token(member.subject(), forged, false, "Steady")).send();
        assertThat(me.json().getString("email")).isEqualTo(member.email());
        assertThat(admin.request("GET", "/v1/organizations/users?email=" + forged).send().json().getJsonArray("data")).isEmpty();
        assertThat(admin.request("GET", "/v1/organizations/users?email=" + member.email()).send().json().getJsonArray("data")).hasSize(1);
    }

    @Test
    void whenTheCreatorOfAnAdminApiKeyStopsBeingAdminThenTheKeyIsRevokedAtOnce() {
        for (boolean removal : new boolean[]{false, true}) {
            Person creator = Orgs.join(orgId, admin, "admin", "creator");
            String secret = creator.request("POST", "/v1/organizations/admin_keys").json("{\"name\":\"automation\"}").send().json().getString("secret");
            assertThat(Api.request("GET", "/v1/organizations/users").header("x-api-key", secret).send().status()).isEqualTo(200);
            Response change = removal
                    ? admin.request("DELETE", "/v1/organizations/users/" + creator.userId()).send()
                    : admin.request("POST", "/v1/organizations/users/" + creator.userId()).json("{\"role\":\"developer\"}").send();
            assertThat(change.status()).as(change.toString()).isEqualTo(200);
            assertThat(change.json().getJsonArray("warnings").toString()).contains("revoked");
            assertThat(Api.request("GET", "/v1/organizations/users").header("x-api-key", secret).send().status()).isEqualTo(401);
        }
        var revocations = admin.request("GET", "/v1/organizations/audit_events?action=admin_api_key.revoke").send().json().getJsonArray("data");
        assertThat(revocations).hasSize(2);
    }

    @Test
    void whenAKeyIdIsOfAnotherOrganizationThenTheAnswerIsTheSameAsForNoKey() {
        Person other = Api.newPerson("other-org");
        Orgs.create(other, "Other");
        String foreignKey = other.request("POST", "/v1/organizations/api_keys").json("{\"name\":\"theirs\"}").send().json().getString("id");
        Response foreign = admin.request("GET", "/v1/organizations/api_keys/" + foreignKey).send();
        Response missing = admin.request("GET", "/v1/organizations/api_keys/apikey_01NOSUCHKEY00000000000000").send();
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.json().getJsonObject("error")).isEqualTo(missing.json().getJsonObject("error"));
        Response foreignUpdate = admin.request("POST", "/v1/organizations/api_keys/" + foreignKey).json("{\"name\":\"x\"}").send();
        assertThat(foreignUpdate.json().getJsonObject("error")).isEqualTo(missing.json().getJsonObject("error"));
    }

    @Test
    void whenNamesAreFullOfEmojiThenTheyAreCheckedAsStoredNeverA500() {
        String rocket = "\uD83D\uDE80"; // one code point, two UTF-16 code units
        assertThat(admin.request("POST", "/v1/organizations/workspaces").json("{\"name\":\"" + rocket.repeat(40) + "\"}").send().status()).isEqualTo(400);
        assertThat(admin.request("POST", "/v1/organizations/workspaces").json("{\"name\":\"" + rocket.repeat(20) + "\"}").send().status()).isEqualTo(200);
        assertThat(admin.request("PUT", "/v1/organizations/billing").json("{\"company_name\":\"" + rocket.repeat(255) + "\"}").send().status()).isEqualTo(400);
        String workspace = admin.request("POST", "/v1/organizations/workspaces").json("{\"name\":\"P\"}").send().json().getString("id");
        assertThat(admin.request("POST", "/v1/organizations/workspaces/" + workspace + "/prompts")
                .json("{\"name\":\"" + rocket.repeat(255) + "\",\"model\":\"m\",\"messages\":[]}").send().status()).isEqualTo(400);
        assertThat(admin.request("POST", "/v1/organizations/api_keys").json("{\"name\":\"" + rocket.repeat(300) + "\"}").send().status()).isEqualTo(400);
        // a token's claims longer than what is stored: the name is shortened, the call succeeds
        String longName = token("long-" + UUID.randomUUID(), "long-" + UUID.randomUUID() + "@example.com", true, rocket.repeat(1000) + "x".repeat(2000));
        Response me = Api.request("GET", "/v1/me").bearer(longName).send();
        assertThat(me.status()).as(me.toString()).isEqualTo(200);
        assertThat(me.json().getString("name").length()).isLessThanOrEqualTo(255);
        String longSubject = token("s".repeat(2000), "s@example.com", true, "S");
        assertThat(Api.request("GET", "/v1/me").bearer(longSubject).send().status()).isEqualTo(401);
    }

    @Test
    void whenNumbersAreNotWholeOrOutOfRangeThen400AndNothingStored() {
        String workspace = admin.request("POST", "/v1/organizations/workspaces").json("{\"name\":\"Numbers\"}").send().json().getString("id");
        String path = "/v1/organizations/workspaces/" + workspace + "/limits";
        for (String value : new String[]{"18446744073709551716", "1e400", "1.7", "-9223372036854775809", "\"100\"", "1E2"}) {
            Response set = admin.request("PUT", path).json("{\"requests_per_minute\":" + value + "}").send();
            boolean whole = value.equals("1E2"); // 100 written with an exponent is still the whole number 100
            assertThat(set.status()).as(value + " → " + set).isEqualTo(whole ? 200 : 400);
            if (!whole) {
                assertThat(set.errorType()).isEqualTo("invalid_request_error");
            }
        }
        JsonObject limits = admin.request("GET", path).send().json().getJsonObject("limits");
        assertThat(limits.getJsonNumber("requests_per_minute").longValue()).isEqualTo(100);
        assertThat(Api.request("PUT", "/v1/support/organizations/" + orgId + "/limits").bearer(support)
                .json("{\"monthly_spend_limit_cents\":1e400}").send().status()).isEqualTo(400);

        String key = admin.request("POST", "/v1/organizations/api_keys").json("{\"name\":\"k\"}").send().json().getString("id");
        Response fractional = Api.request("POST", "/v1/gateway/usage_events").bearer(gateway).json("{\"event_id\":\"frac-" + UUID.randomUUID()
                + "\",\"api_key_id\":\"" + key + "\",\"model\":\"m\",\"input_tokens\":1.5,\"output_tokens\":1}").send();
        assertThat(fractional.status()).as(fractional.toString()).isEqualTo(400);
    }

    @Test
    void whenTheGatewayReportsAnAbsurdTimeOrReusesAnEventIdThenItIsRefusedOrKeptApart() {
        String key = admin.request("POST", "/v1/organizations/api_keys").json("{\"name\":\"k\"}").send().json().getString("id");
        for (String when : new String[]{"-999999999-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z", "1900-01-01T00:00:00Z", "2026-13-01T00:00:00Z"}) {
            Response refused = Api.request("POST", "/v1/gateway/usage_events").bearer(gateway).json("{\"event_id\":\"t-" + UUID.randomUUID()
                    + "\",\"api_key_id\":\"" + key + "\",\"model\":\"m\",\"input_tokens\":1,\"output_tokens\":1,\"timestamp\":\"" + when + "\"}").send();
            assertThat(refused.status()).as(when + " → " + refused).isEqualTo(400);
        }
        Person other = Api.newPerson("other-gw");
        Orgs.create(other, "Other");
        String otherKey = other.request("POST", "/v1/organizations/api_keys").json("{\"name\":\"k\"}").send().json().getString("id");
        String shared = "shared-" + UUID.randomUUID();
        String body = "\",\"model\":\"m\",\"input_tokens\":10,\"output_tokens\":1}";
        Response first = Api.request("POST", "/v1/gateway/usage_events").bearer(gateway).json("{\"event_id\":\"" + shared + "\",\"api_key_id\":\"" + key + body).send();
        Response second = Api.request("POST", "/v1/gateway/usage_events").bearer(gateway).json("{\"event_id\":\"" + shared + "\",\"api_key_id\":\"" + otherKey + body).send();
        assertThat(first.json().getBoolean("duplicate")).isFalse();
        assertThat(second.json().getBoolean("duplicate")).as("another organization's event with the same id is another event").isFalse();
        Response retry = Api.request("POST", "/v1/gateway/usage_events").bearer(gateway).json("{\"event_id\":\"" + shared + "\",\"api_key_id\":\"" + key + body).send();
        assertThat(retry.json().getBoolean("duplicate")).isTrue();
        Response changed = Api.request("POST", "/v1/gateway/usage_events").bearer(gateway).json("{\"event_id\":\"" + shared + "\",\"api_key_id\":\"" + key
                + "\",\"model\":\"m\",\"input_tokens\":99,\"output_tokens\":1}").send();
        assertThat(changed.status()).as(changed.toString()).isEqualTo(409);
        assertThat(changed.errorType()).isEqualTo("conflict_error");
    }

    @Test
    void whenOneKeyIsSentInEitherHeaderThenItHasOneBucket() {
        String secret = admin.request("POST", "/v1/organizations/admin_keys").json("{\"name\":\"bucket\"}").send().json().getString("secret");
        Response plain = Api.request("GET", "/v1/organizations/me").header("x-api-key", secret).send();
        Response bearer = Api.request("GET", "/v1/organizations/me").bearer(secret).send();
        assertThat(plain.status()).isEqualTo(200);
        assertThat(bearer.status()).isEqualTo(200);
        assertThat(Integer.parseInt(bearer.header("RateLimit-Remaining"))).isEqualTo(Integer.parseInt(plain.header("RateLimit-Remaining")) - 1);
    }

    /**
     * Guessing keys from one address is throttled before any lookup: past the failure budget, even a real key from that
     * address waits. Sent from 127.0.0.2 so that the rest of the suite, on 127.0.0.1, keeps its own budget.
     */
    @Test
    void whenAnAddressGuessesKeysThenItIsThrottledWhateverKeyItTries() throws Exception {
        int budget = Integer.getInteger("it.failed.auth.limit", 60);
        int unauthorized = 0;
        int throttled = 0;
        for (int i = 0; i < budget + 20 && throttled == 0; i++) {
            int status = statusFrom("127.0.0.2", "sk-ant-admin01-guess-" + UUID.randomUUID());
            if (status == 401) {
                unauthorized++;
            } else if (status == 429) {
                throttled++;
            } else {
                throw new AssertionError("unexpected status " + status);
            }
        }
        assertThat(unauthorized).isBetween(budget, budget + 5);
        assertThat(throttled).isEqualTo(1);
        String secret = admin.request("POST", "/v1/organizations/admin_keys").json("{\"name\":\"real\"}").send().json().getString("secret");
        assertThat(statusFrom("127.0.0.2", secret)).isEqualTo(429);
        assertThat(Api.request("GET", "/v1/organizations/me").header("x-api-key", secret).send().status()).isEqualTo(200);
    }

    /** One GET with an x-api-key from a chosen local address (the JDK's HttpClient cannot choose one). */
    private static int statusFrom(String localAddress, String apiKey) throws Exception {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(localAddress, 0));
            socket.connect(new InetSocketAddress(Api.BASE.getHost(), Api.BASE.getPort()), 10_000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /v1/organizations/me HTTP/1.1\r\nHost: localhost\r\nx-api-key: " + apiKey + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String head = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            return Integer.parseInt(head.substring(9, 12));
        }
    }
}
