package dev.accessconsole.domain.infrastructure.federation;

import dev.accessconsole.authz.api.ClaimCondition;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Federation conditions in CEL over a token's claims, as jose4j reads them (strings, longs, lists, maps). */
class CelClaimConditionTest {

    private final CelClaimCondition cel = new CelClaimCondition();

    private static final Map<String, Object> CLAIMS = Map.of("repository", "acme/payments", "ref", "refs/heads/main", "run_attempt", 3L,
            "aud", List.of("a", "b"), "context", Map.of("env", "prod"));

    @Test
    void whenTheConditionHoldsOnTheClaimsThenTrue() throws Exception {
        assertThat(cel.test("claims.repository == 'acme/payments' && claims.ref.startsWith('refs/heads/')", CLAIMS)).isTrue();
        assertThat(cel.test("claims.run_attempt > 2", CLAIMS)).isTrue();
        assertThat(cel.test("'b' in claims.aud", CLAIMS)).isTrue();
        assertThat(cel.test("claims.context.env == 'prod'", CLAIMS)).isTrue();
        assertThat(cel.test("has(claims.team) && claims.team == 'x'", CLAIMS)).isFalse();
    }

    @Test
    void whenTheConditionDoesNotHoldThenFalse() throws Exception {
        assertThat(cel.test("claims.repository.startsWith('evil/')", CLAIMS)).isFalse();
        assertThat(cel.test("claims.run_attempt > 5", CLAIMS)).isFalse();
    }

    @Test
    void whenTheConditionIsNotBooleanOrNotCelThenItIsInvalidAndSaysWhy() {
        assertThatThrownBy(() -> cel.test("claims.repository", CLAIMS)).isInstanceOf(ClaimCondition.InvalidCondition.class)
                .hasMessageContaining("not a boolean");
        assertThatThrownBy(() -> cel.check("1 + 2")).as("an int, known when compiled").isInstanceOf(ClaimCondition.InvalidCondition.class);
        assertThatThrownBy(() -> cel.check("claims.x +")).isInstanceOf(ClaimCondition.InvalidCondition.class).hasMessageContaining("ERROR");
        assertThatThrownBy(() -> cel.check("tokens.x == 1")).as("only claims is declared").isInstanceOf(ClaimCondition.InvalidCondition.class);
    }

    @Test
    void whenAClaimTheConditionNeedsIsAbsentThenItFailsToEvaluateNotMatches() {
        assertThatThrownBy(() -> cel.test("claims.team == 'payments'", CLAIMS)).isInstanceOf(ClaimCondition.InvalidCondition.class);
    }
}
