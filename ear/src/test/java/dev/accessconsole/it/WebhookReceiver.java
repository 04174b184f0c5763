package dev.accessconsole.it;

import com.standardwebhooks.Webhook;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A customer's webhook receiver on this machine: it verifies every request with {@code com.standardwebhooks} (the
 * library the official client verifies with) and keeps what it verified, in arrival order. It can go down (its port
 * closed: connections refused) and come back on the same port. {@code /redirect} answers 302 to {@code /target}.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** One verified delivery: its headers and body. */
    public record Delivery(String id, String body, Map<String, List<String>> headers) {
    }

    private final int port;
    private volatile String secret;
    private HttpServer server;
    private final List<Delivery> verified = new CopyOnWriteArrayList<>();
    private final List<String> refused = new CopyOnWriteArrayList<>();
    private final AtomicInteger targetHits = new AtomicInteger();

    /** Waits until every one of {@code ids} was delivered and verified; fails naming those still missing. */
    public void awaitAll(List<String> ids, java.time.Duration within) throws InterruptedException {
        Api.await(() -> verified.stream().map(Delivery::id).toList().containsAll(ids), within, () -> "every audit event delivered: missing "
                + ids.stream().filter(id -> verified.stream().noneMatch(d -> d.id().equals(id))).toList());
    }

    public WebhookReceiver() throws IOException {
        try (ServerSocket free = new ServerSocket(0)) {
            this.port = free.getLocalPort();
        }
        start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    public void secret(String secret) {
        this.secret = secret;
    }

    public synchronized void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
        server.createContext("/hook", exchange -> {
            byte[] raw = exchange.getRequestBody().readAllBytes();
            String body = new String(raw, StandardCharsets.UTF_8);
            Map<String, List<String>> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT), values));
            int status;
            try {
                new Webhook(secret).verify(body, headers);
                verified.add(new Delivery(headers.get("webhook-id").get(0), body, headers));
                status = 204;
            } catch (Exception unverified) {
                refused.add(unverified.toString());
                status = 400;
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.createContext("/redirect", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Location", url("/target"));
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.createContext("/target", exchange -> {
            targetHits.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
    }

    /** Down: the port refuses connections until {@link #start()}. */
    public synchronized void stop() {
        server.stop(0);
    }

    public List<Delivery> verified() {
        return new ArrayList<>(verified);
    }

    public List<String> refused() {
        return new ArrayList<>(refused);
    }

    public int targetHits() {
        return targetHits.get();
    }

    @Override
    public void close() {
        stop();
    }
}
