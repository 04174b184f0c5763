package dev.accessconsole.it;

import dev.accessconsole.it.Api.Person;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Metrics, as a platform team reads them: a real Prometheus (Debian's {@code prometheus}, which {@code .ci/run} installs;
 * skipped here when it is missing unless {@code PROMETHEUS_REQUIRED=1}) scrapes the server's management interface every
 * second; the decisions and refusals this test makes move the counters by exactly their number, as Prometheus's query API
 * answers; no label value Prometheus holds for the application's metrics is an id, an email or a secret; the public port
 * serves no metrics at all.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MetricsIT {

    static final URI MANAGEMENT_METRICS = URI.create("http://127.0.0.1:9990/metrics");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");

    private static Process prometheus;
    private static URI prometheusApi;
    private static Path prometheusData;

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.realEar();
    }

    @BeforeAll
    static void startPrometheus() throws Exception {
        if (!Files.isExecutable(PROMETHEUS)) {
            if ("1".equals(System.getenv("PROMETHEUS_REQUIRED"))) {
                throw new IllegalStateException(PROMETHEUS + " is required (PROMETHEUS_REQUIRED=1) but missing: apt-get install -y prometheus");
            }
            return;
        }
        prometheusData = Files.createTempDirectory("prometheus-it");
        Path config = prometheusData.resolve("prometheus.yml");
        Files.writeString(config, """
                global:
                  scrape_interval: 1s
                  scrape_timeout: 900ms
                scrape_configs:
                  - job_name: access-console
                    metrics_path: /metrics
                    static_configs:
                      - targets: ['127.0.0.1:9990']
                """);
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        prometheus = new ProcessBuilder(PROMETHEUS.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + prometheusData.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(prometheusData.resolve("prometheus.log").toFile()).start();
        prometheusApi = URI.create("http://127.0.0.1:" + port);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                if (get(prometheusApi.resolve("/-/ready")).statusCode() == 200) {
                    break;
                }
            } catch (IOException notYet) {
                // starting
            }
            if (System.nanoTime() > deadline || !prometheus.isAlive()) {
                throw new IllegalStateException("Prometheus did not start: " + Files.readString(prometheusData.resolve("prometheus.log")));
            }
            Thread.sleep(200);
        }
    }

    @AfterAll
    static void stopPrometheus() throws Exception {
        if (prometheus != null) {
            prometheus.destroy();
            prometheus.waitFor();
        }
    }

    @Test
    void thePublicPortServesNoMetricsAndTheManagementInterfaceDoes() throws Exception {
        for (String path : List.of("/metrics", "/metrics/", "/metrics/application", "/v1/metrics", "/prometheus")) {
            Api.Response response = Api.request("GET", path).send();
            assertThat(response.status()).as(path).isEqualTo(404);
            assertThat(response.body()).as(path).doesNotContain("accessconsole_").doesNotContain("# TYPE");
        }
        HttpResponse<String> scraped = get(MANAGEMENT_METRICS);
        assertThat(scraped.statusCode()).isEqualTo(200);
        assertThat(scraped.body()).contains("# TYPE accessconsole_http_requests_seconds histogram")
                .contains("accessconsole_standing_cache_size").contains("accessconsole_cluster_members");
    }

    @Test
    void whenTheTestDecidesThenPrometheusCountsExactlyThoseDecisionsAndNoLabelHoldsAnIdOrAnEmail() throws Exception {
        Assumptions.assumeTrue(prometheus != null, "Debian's prometheus is not installed here");
        Person admin = Api.newPerson("metrics-admin");
        String org = Orgs.create(admin, "Metrics");
        Person developer = Orgs.join(org, admin, "developer", "metrics-dev");
        String developerId = developer.userId();

        String allowed = "accessconsole_decisions_total{permission=\"members:manage\",outcome=\"allowed\"}";
        String refused = "accessconsole_decisions_total{permission=\"members:manage\",outcome=\"refused\"}";
        String missing = "accessconsole_refusals_total{type=\"permission_error\",error_code=\"missing_permission\"}";
        // Prometheus has scraped the state before the test's decisions
        double allowedBefore = settled(allowed);
        double refusedBefore = settled(refused);
        double missingBefore = settled(missing);

        int allowedCalls = 7;
        int refusedCalls = 5;
        for (int i = 0; i < allowedCalls; i++) {
            String path = i % 2 == 0 ? "/v1/organizations/users?limit=5" : "/v1/organizations/users/" + developerId;
            assertThat(admin.request("GET", path).org(org).send().status()).isEqualTo(200);
        }
        for (int i = 0; i < refusedCalls; i++) {
            Api.Response response = developer.request("GET", "/v1/organizations/users/" + developerId).org(org).send();
            assertThat(response.status()).isEqualTo(403);
            assertThat(response.errorCode()).isEqualTo("missing_permission");
        }

        assertThat(settled(allowed) - allowedBefore).isEqualTo(allowedCalls);
        assertThat(settled(refused) - refusedBefore).isEqualTo(refusedCalls);
        assertThat(settled(missing) - missingBefore).isEqualTo(refusedCalls);
        // the latency histogram has the routes by template: the user id is not a label
        assertThat(query("sum(accessconsole_http_requests_seconds_count{route=\"/v1/organizations/users/{user_id}\",status=\"403\"})")
                .orElse(0)).isGreaterThanOrEqualTo(refusedCalls);

        List<String> offending = new ArrayList<>();
        Pattern suspicious = Pattern.compile("@|user_|wrkspc_|apikey_|adminkey_|invite_|req_|sk-ant|svcacct_|"
                + "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[A-Za-z0-9]{24,}");
        String match = URLEncoder.encode("{__name__=~\"accessconsole_.+\"}", StandardCharsets.UTF_8);
        JsonArray names = json(get(prometheusApi.resolve("/api/v1/labels?match[]=" + match))).getJsonArray("data");
        assertThat(names.getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString))
                .contains("permission", "outcome", "route", "status", "error_code");
        int values = 0;
        for (JsonValue name : names) {
            String label = ((jakarta.json.JsonString) name).getString();
            if (label.equals("__name__") || label.equals("instance") || label.equals("job") || label.equals("WF_DEPLOYMENT")) {
                continue;
            }
            for (JsonValue value : json(get(prometheusApi.resolve("/api/v1/label/" + label + "/values?match[]=" + match))).getJsonArray("data")) {
                String text = ((jakarta.json.JsonString) value).getString();
                values++;
                Matcher found = suspicious.matcher(text.replaceAll("\\{[a-z_]+}", "{}")); // a template's parameter names
                if (found.find() || text.length() > 80) {
                    offending.add(label + "=" + text);
                }
            }
        }
        assertThat(values).isGreaterThan(20);
        assertThat(offending).as("label values that look like ids, emails or secrets").isEmpty();
    }

    /**
     * The value Prometheus holds for {@code series} once it has scraped the server's current value (read from the
     * management interface directly) and that value held for two more scrapes: nothing else moves it meanwhile.
     */
    private static double settled(String series) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        double direct = direct(series);
        while (true) {
            // a series the server has not made yet is absent from Prometheus too
            double seen = query("sum(" + series + ")").orElse(0);
            if (seen == direct) {
                Thread.sleep(2_100);
                if (query("sum(" + series + ")").orElse(0) == direct && direct(series) == direct) {
                    return direct;
                }
                direct = direct(series);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Prometheus did not reach " + direct + " for " + series + " (it answered " + seen + ")");
            }
            Thread.sleep(250);
        }
    }

    /** The sum of the series' values in the management interface's exposition, now (0 when it has none yet). */
    private static double direct(String series) throws Exception {
        String name = series.substring(0, series.indexOf('{'));
        List<String> wanted = new ArrayList<>();
        Matcher pair = Pattern.compile("(\\w+)=\"([^\"]*)\"").matcher(series);
        while (pair.find()) {
            wanted.add(pair.group(1) + "=\"" + pair.group(2) + "\"");
        }
        double sum = 0;
        for (String line : get(MANAGEMENT_METRICS).body().split("\n")) {
            if (line.startsWith(name + "{") && wanted.stream().allMatch(line::contains)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    private static OptionalDouble query(String promql) throws Exception {
        JsonObject answer = json(get(prometheusApi.resolve("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8))));
        JsonArray result = answer.getJsonObject("data").getJsonArray("result");
        if (result.isEmpty()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(Double.parseDouble(result.getJsonObject(0).getJsonArray("value").getString(1)));
    }

    private static JsonObject json(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Api.parse(response.body());
    }

    private static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
