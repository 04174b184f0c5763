package dev.accessconsole.it;

import dev.accessconsole.it.Api.Person;
import dev.accessconsole.it.Api.Response;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Per-credential rate limiting: a credential over its limit (the test server runs with 1200 requests a minute) gets
 * 429 rate_limit_error with retry-after; another credential is unaffected.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RateLimitIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.realEar();
    }

    @Test
    void aCredentialOverItsLimitGets429WithRetryAfter() throws Exception {
        int limit = Integer.getInteger("it.rate.limit", 1200);
        Person greedy = Api.newPerson("greedy");
        Person polite = Api.newPerson("polite");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Response>> sent = new ArrayList<>();
        long started = System.nanoTime();
        try {
            int ok = 0;
            Response limited = null;
            // send in bursts until the server refuses one, whatever the speed of this machine (bounded)
            while (limited == null && ok + sent.size() < 6 * limit) {
                sent.clear();
                for (int i = 0; i < 200; i++) {
                    sent.add(pool.submit(() -> greedy.request("GET", "/v1/roles").send()));
                }
                for (Future<Response> future : sent) {
                    Response response = future.get();
                    assertThat(response.status()).isIn(200, 429);
                    if (response.status() == 200) {
                        ok++;
                    } else {
                        limited = response;
                    }
                }
            }
            assertThat(limited).as("some request over the limit").isNotNull();
            assertThat(limited.errorType()).isEqualTo("rate_limit_error");
            assertThat(Integer.parseInt(limited.header("retry-after"))).isPositive();
            // the bucket holds `limit` and refills at limit/60 a second while the bursts run
            double seconds = (System.nanoTime() - started) / 1e9;
            assertThat(ok).isBetween(limit, limit + (int) Math.ceil(seconds * limit / 60) + 5);
        } finally {
            pool.shutdownNow();
        }
        Response fresh = polite.request("GET", "/v1/roles").send();
        assertThat(fresh.status()).isEqualTo(200);
        assertThat(Integer.parseInt(fresh.header("RateLimit-Limit"))).isEqualTo(limit);
        assertThat(Integer.parseInt(fresh.header("RateLimit-Remaining"))).isEqualTo(limit - 1);
    }
}
