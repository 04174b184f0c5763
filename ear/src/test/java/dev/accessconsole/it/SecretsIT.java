package dev.accessconsole.it;

import dev.accessconsole.it.Api.Person;
import dev.accessconsole.it.Api.Response;
import dev.accessconsole.it.probe.TableDump;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Secrets (API keys, Admin API keys) appear in the creating response only: never in a later response, only as a
 * SHA-256 hash in the database, never in the server log; bearer tokens never reach the log either.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SecretsIT {

    @Deployment(testable = false)
    static EnterpriseArchive earWithTableProbe() {
        WebArchive probe = ShrinkWrap.create(WebArchive.class, "tables.war")
                .addClass(TableDump.class)
                .addAsWebInfResource(new StringAsset("<jboss-web><context-root>/test-tables</context-root></jboss-web>"), "jboss-web.xml");
        return Deployments.realEar().addAsModule(probe);
    }

    @Test
    void secretsAreShownOnceAndStoredOnlyAsHashes() throws Exception {
        Person admin = Api.newPerson("secrets");
        String orgId = Orgs.create(admin, "Secrets");
        String workspaceId = admin.request("POST", "/v1/organizations/workspaces").json("{\"name\":\"Vault\"}").send().json().getString("id");

        Response createdKey = admin.request("POST", "/v1/organizations/api_keys").json("{\"name\":\"k\",\"workspace_id\":\"" + workspaceId + "\"}").send();
        String keyId = createdKey.json().getString("id");
        String keySecret = createdKey.json().getString("secret");
        assertThat(keySecret).startsWith("sk-ant-api03-").hasSizeGreaterThan(60);
        Response createdAdminKey = admin.request("POST", "/v1/organizations/admin_keys").json("{\"name\":\"bot\"}").send();
        String adminSecret = createdAdminKey.json().getString("secret");
        assertThat(adminSecret).startsWith("sk-ant-admin01-");

        // use the Admin API key (as x-api-key and as a bearer), so that it crosses every layer that might log it
        assertThat(Api.request("GET", "/v1/organizations/users").header("x-api-key", adminSecret).send().status()).isEqualTo(200);
        assertThat(Api.request("GET", "/v1/organizations/me").bearer(adminSecret).send().status()).isEqualTo(200);

        List<Response> later = new ArrayList<>();
        later.add(admin.request("GET", "/v1/organizations/api_keys").send());
        later.add(admin.request("GET", "/v1/organizations/api_keys/" + keyId).send());
        later.add(admin.request("POST", "/v1/organizations/api_keys/" + keyId).json("{\"name\":\"renamed\"}").send());
        later.add(admin.request("GET", "/v1/organizations/admin_keys").send());
        later.add(Api.request("GET", "/v1/organizations/api_keys").header("x-api-key", adminSecret).send());
        for (Response response : later) {
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            assertThat(response.body()).doesNotContain(keySecret).doesNotContain(adminSecret).doesNotContain("\"secret\"");
        }
        assertThat(later.get(1).json().getString("partial_key_hint")).isEqualTo(createdKey.json().getString("partial_key_hint"));

        for (String table : List.of("api_keys", "admin_api_keys", "audit_events")) {
            String stored = Api.request("GET", "/test-tables/tables?name=" + table).send().body();
            assertThat(stored).doesNotContain(keySecret).doesNotContain(adminSecret);
            assertThat(stored).doesNotContain(keySecret.substring(13, 40)).doesNotContain(adminSecret.substring(15, 40));
            if (!table.equals("audit_events")) {
                assertThat(stored).containsAnyOf(sha256(keySecret), sha256(adminSecret));
            }
        }

        // a member refused for a missing permission: the server logs it, with the request's id
        Person plain = Orgs.join(orgId, admin, "user", "secrets-user");
        Response refused = plain.request("GET", "/v1/organizations/users").org(orgId).send();
        assertThat(refused.status()).isEqualTo(403);
        String refusedRequestId = refused.header("request-id");

        Path log = Path.of(System.getProperty("jboss.home"), "standalone", "log", "server.log");
        String logText = Files.readString(log, StandardCharsets.UTF_8);
        String tokenSignature = admin.token().substring(admin.token().lastIndexOf('.') + 1);
        assertThat(logText).doesNotContain(admin.token()).doesNotContain(tokenSignature);
        assertThat(logText).isNotEmpty().doesNotContain(keySecret).doesNotContain(adminSecret)
                .doesNotContain(keySecret.substring(13, 40)).doesNotContain(adminSecret.substring(15, 40));
        // nor a person's email (the request id is what a log line is correlated by)
        assertThat(logText).doesNotContain(admin.email());
        if ("json".equals(System.getenv("ACCESSCONSOLE_LOG_FORMAT"))) {
            // ACCESSCONSOLE_LOG_FORMAT=json: one JSON object per line, each with its time, level and message; a line
            // written while a request is served names the request's id
            int withRequestId = 0;
            boolean refusalLogged = false;
            // this server's lines: from its last start (the file also holds the build's offline configuration runs)
            String thisRun = logText.substring(logText.lastIndexOf('\n', logText.lastIndexOf("WFLYSRV0049")) + 1);
            // WildFly's first boot lines come before its logging subsystem starts (its boot logging keeps the pattern):
            // from the subsystem's first line on, every line is one JSON object
            thisRun = thisRun.startsWith("{") ? thisRun : thisRun.substring(thisRun.indexOf("\n{") + 1);
            for (String line : thisRun.split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                jakarta.json.JsonObject entry = Api.parse(line);
                assertThat(entry.keySet()).as(line).contains("@timestamp", "level", "message", "loggerName");
                jakarta.json.JsonObject mdc = entry.getJsonObject("mdc");
                if (mdc != null && mdc.containsKey("request_id")) {
                    assertThat(mdc.getString("request_id")).startsWith("req_");
                    withRequestId++;
                    refusalLogged |= mdc.getString("request_id").equals(refusedRequestId)
                            && entry.getString("message").equals("GET /v1/organizations/users answered 403 in "
                            + entry.getString("message").replaceAll(".* in ", ""));
                }
            }
            assertThat(withRequestId).as("log lines written while serving a request").isPositive();
            assertThat(refusalLogged).as("the 403 of request " + refusedRequestId + " logged with its id and route").isTrue();
        }
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
