package dev.accessconsole.it;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.models.beta.organization.webhooks.BetaNewOrganizationWebhookEndpoint;
import com.anthropic.models.beta.organization.webhooks.BetaOrganizationWebhookEndpoint;
import com.anthropic.models.beta.organization.webhooks.BetaOrganizationWebhookEndpointState;
import com.anthropic.models.beta.organization.webhooks.WebhookCreateParams;
import com.anthropic.models.beta.organization.webhooks.WebhookUpdateParams;
import com.standardwebhooks.Webhook;
import dev.accessconsole.it.Api.Person;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The audit stream: an organization's audit events delivered to its webhook endpoints, signed as Standard Webhooks and
 * verified by a receiver with {@code com.standardwebhooks}; at least once and in order, across a receiver that is down for
 * 30 s; redirects not followed; URLs naming internal addresses refused; the endpoints managed with the official client.
 * (The delivering node killed is CrossNodeIT's, in the cluster suite.)
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
public class WebhooksIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.realEar();
    }

    @Test
    void whenTheReceiverIsDownForThirtySecondsThenEveryAuditEventArrivesAtLeastOnceSignedAndInOrder() throws Exception {
        Person admin = Api.newPerson("stream-admin");
        String org = Orgs.create(admin, "Streamed");
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            Api.Response created = admin.request("POST", "/v1/organizations/webhooks").org(org)
                    .json("{\"url\":\"" + receiver.url("/hook") + "\",\"enabled_events\":[\"audit.event_created\"],\"name\":\"SIEM\"}").send();
            assertThat(created.status()).as(created.toString()).isEqualTo(200);
            String endpointId = created.json().getString("id");
            String secret = created.json().getString("signing_secret");
            assertThat(secret).startsWith("whsec_");
            receiver.secret(secret);

            // changes and a refusal, each an audit event of the organization
            Person user = Orgs.join(org, admin, "user", "stream-user");
            for (int i = 0; i < 3; i++) {
                assertThat(admin.request("POST", "/v1/organizations/workspaces").org(org).json("{\"name\":\"Before " + i + "\"}").send().status()).isEqualTo(200);
            }
            assertThat(user.request("GET", "/v1/organizations/users").org(org).send().status()).isEqualTo(403);
            List<String> expected = eventsSince(admin, org, endpointId);
            receiver.awaitAll(expected, Duration.ofSeconds(30));

            // the receiver goes down for 30 s while the organization keeps changing
            receiver.stop();
            long downAt = System.nanoTime();
            for (int i = 0; i < 4; i++) {
                assertThat(admin.request("POST", "/v1/organizations/workspaces").org(org).json("{\"name\":\"While down " + i + "\"}").send().status()).isEqualTo(200);
                Thread.sleep(5_000);
            }
            Api.await(() -> failedAttempts(admin, org, endpointId) > 0, Duration.ofSeconds(20), "the endpoint records failed attempts while down");
            Thread.sleep(Math.max(0, Duration.ofSeconds(30).toMillis() - Duration.ofNanos(System.nanoTime() - downAt).toMillis()));
            JsonObject whileDown = admin.request("GET", "/v1/organizations/webhooks/" + endpointId).org(org).send().json();
            assertThat(whileDown.getString("state")).isEqualTo("enabled");
            assertThat(whileDown.getJsonObject("delivery").getString("last_error")).isNotBlank();
            receiver.start();
            assertThat(admin.request("POST", "/v1/organizations/workspaces").org(org).json("{\"name\":\"After\"}").send().status()).isEqualTo(200);

            List<String> all = eventsSince(admin, org, endpointId);
            assertThat(all.size()).isGreaterThanOrEqualTo(expected.size() + 5);
            receiver.awaitAll(all, Duration.ofSeconds(60));

            // every delivery verified (a tampered one would not), each event at least once, first arrivals in stream order
            assertThat(receiver.refused()).isEmpty();
            Map<String, JsonObject> firstArrivals = new LinkedHashMap<>();
            for (WebhookReceiver.Delivery delivery : receiver.verified()) {
                firstArrivals.putIfAbsent(delivery.id(), Api.parse(delivery.body()));
            }
            long previous = 0;
            for (JsonObject message : firstArrivals.values()) {
                assertThat(message.getString("type")).isEqualTo("event");
                JsonObject data = message.getJsonObject("data");
                assertThat(data.getString("type")).isEqualTo("audit.event_created");
                assertThat(data.getString("organization_id")).isEqualTo(org);
                assertThat(data.getJsonObject("audit_event").getString("id")).isEqualTo(message.getString("id"));
                long sequence = data.getJsonNumber("sequence").longValue();
                assertThat(sequence).as("stream order").isGreaterThan(previous);
                previous = sequence;
            }
            assertThat(firstArrivals.keySet()).containsAll(all);
            WebhookReceiver.Delivery one = receiver.verified().get(0);
            assertThatThrownBy(() -> new Webhook(secret).verify(one.body().replace("audit.event_created", "audit.event_forged"), one.headers()))
                    .isInstanceOf(com.standardwebhooks.exceptions.WebhookVerificationException.class);

            JsonObject healthy = admin.request("GET", "/v1/organizations/webhooks/" + endpointId).org(org).send().json();
            assertThat(healthy.getJsonObject("delivery").getInt("failed_attempts")).isZero();
            assertThat(healthy.getJsonObject("delivery").getJsonNumber("delivered_count").longValue()).isGreaterThanOrEqualTo(all.size());
        }
    }

    @Test
    void aWebhookUrlNamingAPrivateLinkLocalOrMetadataAddressIsRefusedAndRedirectsAreNotFollowed() throws Exception {
        Person admin = Api.newPerson("ssrf-admin");
        String org = Orgs.create(admin, "Outbound");
        for (String url : List.of("https://10.0.0.5/hook", "https://172.16.3.4/hook", "https://192.168.1.10/hook",
                "https://169.254.169.254/latest/meta-data/", "https://169.254.10.10/hook", "https://[fe80::1]/hook",
                "https://[fd00:ec2::254]/latest", "https://[fc00::5]/hook", "https://metadata.google.internal/computeMetadata/v1/",
                "https://100.64.0.9/hook", "https://0.0.0.0/hook", "https://[::ffff:10.0.0.1]/hook", "https://[::ffff:169.254.169.254]/x",
                "http://example.com/hook", "https://user:pw@example.com/hook", "ftp://example.com/hook")) {
            Api.Response refused = admin.request("POST", "/v1/organizations/webhooks").org(org)
                    .json("{\"url\":\"" + url + "\",\"enabled_events\":[\"audit.event_created\"]}").send();
            assertThat(refused.status()).as(url + " " + refused).isEqualTo(400);
            assertThat(refused.errorType()).isEqualTo("invalid_request_error");
            assertThat(refused.errorCode()).as(url).isEqualTo("webhook_url_not_allowed");
        }
        assertThat(admin.request("GET", "/v1/organizations/webhooks").org(org).send().json().getJsonArray("data")).isEmpty();

        try (WebhookReceiver receiver = new WebhookReceiver()) {
            Api.Response created = admin.request("POST", "/v1/organizations/webhooks").org(org)
                    .json("{\"url\":\"" + receiver.url("/redirect") + "\",\"enabled_events\":[\"audit.event_created\"]}").send();
            assertThat(created.status()).as(created.toString()).isEqualTo(200);
            String endpointId = created.json().getString("id");
            // an update to an internal address is refused as a creation is, and changes nothing
            Api.Response moved = admin.request("POST", "/v1/organizations/webhooks/" + endpointId).org(org)
                    .json("{\"url\":\"https://169.254.169.254/latest/meta-data/\"}").send();
            assertThat(moved.status()).isEqualTo(400);
            assertThat(moved.errorCode()).isEqualTo("webhook_url_not_allowed");
            Api.await(() -> failedAttempts(admin, org, endpointId) > 0, Duration.ofSeconds(20), "the redirecting endpoint fails");
            JsonObject endpoint = admin.request("GET", "/v1/organizations/webhooks/" + endpointId).org(org).send().json();
            assertThat(endpoint.getString("url")).isEqualTo(receiver.url("/redirect"));
            assertThat(endpoint.getJsonObject("delivery").getString("last_error")).contains("302").contains("redirects are not followed");
            assertThat(receiver.targetHits()).isZero();
        }
    }

    @Test
    void theOfficialClientManagesEndpointsAndSeesTheSigningSecretOnlyWhenMade() throws Exception {
        Person admin = Api.newPerson("webhook-client");
        String org = Orgs.create(admin, "Webhook client");
        String adminKey = admin.request("POST", "/v1/organizations/admin_keys").org(org).json("{\"name\":\"siem\"}").send().json().getString("secret");
        AnthropicClient client = AnthropicOkHttpClient.builder().baseUrl(Api.BASE.toString()).apiKey(adminKey).responseValidation(true).maxRetries(0).build();
        var webhooks = client.beta().organization().webhooks();
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            BetaNewOrganizationWebhookEndpoint created = webhooks.create(WebhookCreateParams.builder().url(receiver.url("/hook"))
                    .addEnabledEvent(WebhookCreateParams.EnabledEvent.EXTERNAL_KEY_FAILED).name("Keys").description("key failures").build());
            assertThat(created.signingSecret()).startsWith("whsec_");
            assertThat(created.state()).isEqualTo(BetaOrganizationWebhookEndpointState.ENABLED);
            assertThat(created.disabledReason()).isEmpty();

            BetaOrganizationWebhookEndpoint read = webhooks.retrieve(created.id());
            assertThat(read.url()).isEqualTo(receiver.url("/hook"));
            assertThat(read._additionalProperties()).doesNotContainKey("signing_secret");
            assertThat(webhooks.list().data()).extracting(BetaOrganizationWebhookEndpoint::id).containsExactly(created.id());

            BetaOrganizationWebhookEndpoint disabled = webhooks.update(created.id(), WebhookUpdateParams.builder().name("Keys (paused)")
                    .state(WebhookUpdateParams.State.DISABLED).build());
            assertThat(disabled.name()).isEqualTo("Keys (paused)");
            assertThat(disabled.state()).isEqualTo(BetaOrganizationWebhookEndpointState.DISABLED);
            assertThat(disabled.disabledReason()).isNotBlank();

            String regenerated = webhooks.regenerateSigningSecret(created.id()).signingSecret();
            assertThat(regenerated).startsWith("whsec_").isNotEqualTo(created.signingSecret());
            assertThat(webhooks.delete(created.id()).id()).isEqualTo(created.id());
            assertThat(webhooks.list().data()).isEmpty();
        }
        // the stream's audit trail names each change (and never the secret)
        String log = admin.request("GET", "/v1/organizations/audit_events?limit=50").org(org).send().body();
        assertThat(log).contains("webhook_endpoint.create", "webhook_endpoint.update", "webhook_endpoint.regenerate_signing_secret",
                "webhook_endpoint.delete").doesNotContain("whsec_");
    }

    /** The organization's audit event ids from the endpoint's creation on, oldest first (ids sort by time). */
    static List<String> eventsSince(Person admin, String org, String endpointId) {
        return eventsSince(admin, org, endpointId, Api.BASE);
    }

    /** The same, asked of one server (a cluster's node that is still up). */
    public static List<String> eventsSince(Person admin, String org, String endpointId, java.net.URI server) {
        List<String> ids = new ArrayList<>();
        String after = null;
        boolean started = false;
        while (true) {
            JsonObject page = admin.request("GET", "/v1/organizations/audit_events?limit=100" + (after == null ? "" : "&after_id=" + after)).at(server).org(org).send().json();
            for (var event : page.getJsonArray("data").getValuesAs(JsonObject.class)) {
                JsonObject target = event.getJsonObject("target");
                started |= event.getString("action").equals("webhook_endpoint.create") && target != null && endpointId.equals(target.getString("id", null));
                if (started) {
                    ids.add(event.getString("id"));
                }
            }
            if (!page.getBoolean("has_more")) {
                return ids;
            }
            after = page.getString("last_id");
        }
    }

    private static int failedAttempts(Person admin, String org, String endpointId) {
        return admin.request("GET", "/v1/organizations/webhooks/" + endpointId).org(org).send().json().getJsonObject("delivery").getInt("failed_attempts");
    }
}
