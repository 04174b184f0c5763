package dev.accessconsole.domain.model;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookEndpointTest {

    private static final Instant T0 = Instant.parse("2026-12-07T00:00:00Z");

    private static WebhookEndpoint endpoint() {
        return new WebhookEndpoint("org", "https://siem.example.com/h", "SIEM", "", List.of(WebhookEndpoint.AUDIT_EVENT_CREATED), "v1.x.y", 4, T0);
    }

    @Test
    void whenDeliveriesFailThenEachTryWaitsTwiceAsLongUpToTheMaximum() {
        WebhookEndpoint endpoint = endpoint();
        Instant now = T0;
        long[] waits = new long[12];
        for (int i = 0; i < waits.length; i++) {
            endpoint.failed("HTTP 503", now, Duration.ofSeconds(300));
            waits[i] = Duration.between(now, endpoint.nextAttemptAt()).toSeconds();
            assertThat(endpoint.due(now)).isFalse();
            now = endpoint.nextAttemptAt();
            assertThat(endpoint.due(now)).isTrue();
        }
        assertThat(waits).containsExactly(1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300, 300);
        assertThat(endpoint.enabled()).isTrue();
        assertThat(endpoint.failingSince()).isEqualTo(T0);
    }

    @Test
    void whenTheEndpointAcknowledgesThenItsCursorMovesAndTheFailuresAreForgotten() {
        WebhookEndpoint endpoint = endpoint();
        endpoint.failed("connection refused", T0, Duration.ofSeconds(300));
        endpoint.delivered(9, true, T0.plusSeconds(3));
        assertThat(endpoint.deliveredSeq()).isEqualTo(9);
        assertThat(endpoint.deliveredCount()).isEqualTo(1);
        assertThat(endpoint.attempts()).isZero();
        assertThat(endpoint.failingSince()).isNull();
        assertThat(endpoint.lastError()).isEmpty();
        assertThat(endpoint.due(T0.plusSeconds(3))).isTrue();
        // an older acknowledgement (a retry's late answer) never moves the cursor back
        endpoint.delivered(7, true, T0.plusSeconds(4));
        assertThat(endpoint.deliveredSeq()).isEqualTo(9);
    }

    @Test
    void whenEveryTryFailedForADayThenTheEndpointIsDisabledWithItsReasonAndEnablingResumesAtOnce() {
        WebhookEndpoint endpoint = endpoint();
        endpoint.failed("HTTP 500", T0, Duration.ofSeconds(300));
        endpoint.failed("HTTP 500", T0.plus(Duration.ofHours(23)), Duration.ofSeconds(300));
        assertThat(endpoint.enabled()).isTrue();
        endpoint.failed("the endpoint answered HTTP 500", T0.plus(Duration.ofDays(1)), Duration.ofSeconds(300));
        assertThat(endpoint.enabled()).isFalse();
        assertThat(endpoint.disabledReason()).contains("for a day").contains("HTTP 500");
        endpoint.enable(T0.plus(Duration.ofDays(2)));
        assertThat(endpoint.enabled()).isTrue();
        assertThat(endpoint.disabledReason()).isEmpty();
        assertThat(endpoint.due(T0.plus(Duration.ofDays(2)))).isTrue();
        assertThat(endpoint.deliveredSeq()).isEqualTo(4);
    }
}
