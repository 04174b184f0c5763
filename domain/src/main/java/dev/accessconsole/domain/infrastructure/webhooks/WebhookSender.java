package dev.accessconsole.domain.infrastructure.webhooks;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Sends one webhook request (Apache HttpClient 5): connects only to addresses {@link OutboundAddresses} allows, as it
 * resolves them for this very connection; follows no redirect (a 3xx is a failed delivery); retries nothing itself (the
 * dispatcher does, with backoff); waits at most 5 s to connect and 10 s for an answer; reads at most 64 KiB of it.
 */
public final class WebhookSender implements AutoCloseable {

    /** What came of one request: delivered (a 2xx), or why not, in words that name no secret. */
    public record Outcome(boolean delivered, String error) {
    }

    private final CloseableHttpClient client;

    public WebhookSender(OutboundAddresses addresses) {
        DnsResolver checked = new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                return addresses.resolve(host);
            }

            @Override
            public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
                List<InetSocketAddress> resolved = new ArrayList<>();
                for (InetAddress address : addresses.resolve(host)) {
                    resolved.add(new InetSocketAddress(address, port));
                }
                return resolved;
            }

            @Override
            public String resolveCanonicalHostname(String host) {
                return host;
            }
        };
        PoolingHttpClientConnectionManager connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(checked)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.ofSeconds(5)).setSocketTimeout(Timeout.ofSeconds(10)).build())
                .setMaxConnTotal(50).setMaxConnPerRoute(2)
                .build();
        this.client = HttpClients.custom()
                .setConnectionManager(connections)
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.ofSeconds(10))
                        .setConnectionRequestTimeout(Timeout.ofSeconds(5)).setRedirectsEnabled(false).build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .setUserAgent("AccessConsole-Webhooks/1")
                .build();
    }

    public Outcome post(String url, Map<String, String> headers, String body) {
        HttpPost post = new HttpPost(url);
        headers.forEach(post::setHeader);
        post.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
        try {
            return client.execute(post, response -> {
                int status = response.getCode();
                if (response.getEntity() != null) {
                    EntityUtils.toString(response.getEntity(), 65_536); // read (and bounded) so the connection is reused
                }
                return status >= 200 && status < 300 ? new Outcome(true, "")
                        : new Outcome(false, "the endpoint answered HTTP " + status + (status >= 300 && status < 400 ? " (redirects are not followed)" : ""));
            });
        } catch (UnknownHostException refused) {
            return new Outcome(false, refused.getMessage() == null ? "the host does not resolve" : refused.getMessage());
        } catch (IOException | RuntimeException failed) {
            return new Outcome(false, "the request failed: " + failed.getClass().getSimpleName()
                    + (failed.getMessage() == null ? "" : " (" + firstLine(failed.getMessage()) + ")"));
        }
    }

    private static String firstLine(String message) {
        int end = message.indexOf('\n');
        String line = end < 0 ? message : message.substring(0, end);
        return line.length() > 200 ? line.substring(0, 200) : line;
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
