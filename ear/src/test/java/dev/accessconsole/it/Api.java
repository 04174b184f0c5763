package dev.accessconsole.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** A small HTTP client for the tests: real requests to the real EAR, real RS256 tokens. */
public final class Api {

    public static final URI BASE = URI.create(System.getProperty("app.base.url", "http://127.0.0.1:8080"));
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    private static PrivateKey devKey;

    private Api() {
    }

    public static synchronized PrivateKey devKey() {
        if (devKey == null) {
            devKey = DevTokens.readPrivateKey(Path.of(System.getProperty("dev.private.key", "src/dev/keys/DEV-ONLY-jwt-private.pem")));
        }
        return devKey;
    }

    /** A person with a fresh, unique identity and a valid token. */
    public static Person newPerson(String label) {
        String unique = label + "-" + UUID.randomUUID().toString().substring(0, 8);
        String email = unique + "@example.com";
        return new Person(unique, email, DevTokens.forUser(devKey(), unique, email, label));
    }

    public record Person(String subject, String email, String token) {

        public Request request(String method, String path) {
            return new Request(method, path).bearer(token);
        }

        /** Calls GET /v1/me once so that the user exists, and returns its id. */
        public String userId() {
            return request("GET", "/v1/me").send().json().getString("id");
        }
    }

    /** A platform token (support or gateway staff), valid for ten minutes. */
    public static String platformToken(String group) {
        long now = System.currentTimeMillis() / 1000;
        return DevTokens.sign(devKey(), java.util.Map.of("alg", "RS256", "typ", "JWT"), java.util.Map.of("iss", DevTokens.ISSUER,
                "aud", DevTokens.AUDIENCE, "sub", group + "-" + UUID.randomUUID().toString().substring(0, 8), "iat", now, "exp", now + 600,
                "groups", java.util.List.of(group)));
    }

    /** A JSON object from text (a body read without this class's Response). */
    public static JsonObject parse(String json) {
        try (var reader = jakarta.json.Json.createReader(new java.io.StringReader(json))) {
            return reader.readObject();
        }
    }

    /** Polls {@code condition} every 200 ms until it holds; fails after {@code within}, saying {@code what} was awaited. */
    public static void await(java.util.function.BooleanSupplier condition, Duration within, String what) throws InterruptedException {
        await(condition, within, () -> what);
    }

    /** The same, with a description computed when it fails (what is still missing, say). */
    public static void await(java.util.function.BooleanSupplier condition, Duration within, java.util.function.Supplier<String> what)
            throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + within + ": " + what.get());
            }
            Thread.sleep(200);
        }
    }

    public static Request request(String method, String path) {
        return new Request(method, path);
    }

    public static final class Request {
        private final String method;
        private final String path;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private String body;
        private URI base = BASE;

        Request(String method, String path) {
            this.method = method;
            this.path = path;
        }

        public Request bearer(String token) {
            return header("Authorization", "Bearer " + token);
        }

        /** Sends to another server than {@link #BASE} (a cluster's node, say). */
        public Request at(URI server) {
            this.base = server;
            return this;
        }

        public Request header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        public Request org(String organizationId) {
            return header("anthropic-organization-id", organizationId);
        }

        public Request json(String json) {
            this.body = json;
            return header("content-type", "application/json");
        }

        public Response send() {
            HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            headers.forEach(builder::header);
            HttpRequest request = builder.build();
            for (int attempt = 1; ; attempt++) {
                try {
                    return new Response(HTTP.send(request, HttpResponse.BodyHandlers.ofString()));
                } catch (java.io.IOException stale) {
                    // a pooled connection the server had just closed (idle, or its deployment replaced) answered nothing at
                    // all: once more, on a fresh connection
                    if (attempt == 1 && String.valueOf(stale.getMessage()).contains("received no bytes")) {
                        continue;
                    }
                    throw new IllegalStateException(method + " " + path + " failed", stale);
                } catch (Exception e) {
                    throw new IllegalStateException(method + " " + path + " failed", e);
                }
            }
        }
    }

    public record Response(HttpResponse<String> raw) {

        public int status() {
            return raw.statusCode();
        }

        public String body() {
            return raw.body();
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public JsonObject json() {
            try (JsonReader reader = Json.createReader(new StringReader(raw.body()))) {
                return reader.readObject();
            } catch (RuntimeException notJson) {
                throw new AssertionError("not a JSON object (status " + status() + "): " + raw.body(), notJson);
            }
        }

        public String errorType() {
            return json().getJsonObject("error").getString("type");
        }

        public String errorCode() {
            var details = json().getJsonObject("error").getJsonObject("details");
            return details.isNull("error_code") ? null : details.getString("error_code");
        }

        @Override
        public String toString() {
            return status() + " " + raw.body();
        }
    }
}
