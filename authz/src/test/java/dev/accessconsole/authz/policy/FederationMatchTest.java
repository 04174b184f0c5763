package dev.accessconsole.authz.policy;

import dev.accessconsole.authz.api.FederationMatch;
import dev.accessconsole.authz.api.FederationTerms;
import dev.accessconsole.authz.api.ClaimCondition;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The decision service's answer to "does this workload token meet this federation rule?", term by term, without a container. */
class FederationMatchTest {

    private final PolicyDecisions decisions = new PolicyDecisions();

    /** A condition evaluator that holds exactly when the condition names the claims' environment. */
    private static final ClaimCondition ENVIRONMENT = (condition, claims) -> {
        if (condition.equals("broken")) {
            throw new ClaimCondition.InvalidCondition("syntax error");
        }
        return condition.equals("environment == " + claims.get("environment"));
    };

    private static final Map<String, Object> CLAIMS = Map.of("iss", "https://ci.example", "sub", "repo:acme/payments:ref:refs/heads/main",
            "aud", List.of("access-console", "other"), "environment", "production", "run", 3L);

    @Test
    void whenEveryTermHoldsThenTheTokenMatchesWithAReasonPerTerm() {
        FederationMatch match = decisions.matchFederationRule(CLAIMS, new FederationTerms("access-console", "repo:acme/",
                Map.of("environment", "production", "run", 3L), "environment == production"), ENVIRONMENT);
        assertThat(match.matched()).isTrue();
        assertThat(match.reasons()).hasSize(5).allSatisfy(reason -> assertThat(reason).doesNotContain("not"));
    }

    @Test
    void whenTheAudienceIsNotNamedThenNoMatch() {
        FederationMatch match = decisions.matchFederationRule(CLAIMS, new FederationTerms("someone-else", null, null, null), ENVIRONMENT);
        assertThat(match.matched()).isFalse();
        assertThat(match.reasons()).containsExactly("the token's audience [access-console, other] does not name someone-else");
    }

    @Test
    void whenTheAudienceIsASingleStringThenItIsComparedAsOne() {
        assertThat(decisions.matchFederationRule(Map.of("aud", "access-console"), new FederationTerms("access-console", null, null, null), ENVIRONMENT)
                .matched()).isTrue();
        assertThat(decisions.matchFederationRule(Map.of("aud", "access-console-x"), new FederationTerms("access-console", null, null, null), ENVIRONMENT)
                .matched()).isFalse();
    }

    @Test
    void whenTheSubjectDoesNotStartWithThePrefixThenNoMatch() {
        assertThat(decisions.matchFederationRule(CLAIMS, new FederationTerms(null, "repo:evil/", null, null), ENVIRONMENT).matched()).isFalse();
        assertThat(decisions.matchFederationRule(Map.of(), new FederationTerms(null, "repo:", null, null), ENVIRONMENT).matched())
                .as("no subject at all").isFalse();
    }

    @Test
    void whenAClaimIsAbsentOrDifferentThenNoMatchAndTheReasonSaysWhich() {
        FederationMatch different = decisions.matchFederationRule(CLAIMS, new FederationTerms(null, null, Map.of("environment", "staging"), null), ENVIRONMENT);
        assertThat(different.matched()).isFalse();
        assertThat(different.reasons()).containsExactly("claim environment is production, not staging");
        FederationMatch absent = decisions.matchFederationRule(CLAIMS, new FederationTerms(null, null, Map.of("team", "payments"), null), ENVIRONMENT);
        assertThat(absent.reasons()).containsExactly("claim team is absent, not payments");
        assertThat(decisions.matchFederationRule(CLAIMS, new FederationTerms(null, null, Map.of("run", "3"), null), ENVIRONMENT).matched())
                .as("a number is not its text").isFalse();
    }

    @Test
    void whenTheConditionFailsOrCannotBeEvaluatedThenNoMatch() {
        assertThat(decisions.matchFederationRule(CLAIMS, new FederationTerms(null, null, null, "environment == staging"), ENVIRONMENT).matched()).isFalse();
        FederationMatch broken = decisions.matchFederationRule(CLAIMS, new FederationTerms("access-console", null, null, "broken"), ENVIRONMENT);
        assertThat(broken.matched()).isFalse();
        assertThat(broken.reasons()).last().asString().contains("could not be evaluated: syntax error");
    }

    @Test
    void whenTheRuleAsksNothingThenAnyVerifiedTokenMatchesAndTheReasonSaysSo() {
        FederationMatch match = decisions.matchFederationRule(CLAIMS, new FederationTerms(null, null, null, null), ENVIRONMENT);
        assertThat(match.matched()).isTrue();
        assertThat(match.reasons()).containsExactly("the rule asks nothing of the token beyond its issuer");
    }
}
