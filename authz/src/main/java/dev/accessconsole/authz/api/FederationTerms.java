package dev.accessconsole.authz.api;

import java.util.Map;

/**
 * What a federation rule asks of a workload's token (roles.md, "Workload identity federation"): an audience the token
 * names, a prefix of its subject, claims it carries with exactly these values, and a condition on its claims (CEL). Each
 * absent term asks nothing.
 */
public record FederationTerms(String audience, String subjectPrefix, Map<String, Object> claims, String condition) {

    public FederationTerms {
        claims = claims == null ? Map.of() : Map.copyOf(claims);
    }
}
