package dev.accessconsole.authz.api;

import java.util.List;

/**
 * The decision service's answer for one federation rule and one token's verified claims: whether the token meets the
 * rule, and why, term by term, in words an admin can read (the console's "test a token"). The token exchange tells the
 * workload none of it.
 */
public record FederationMatch(boolean matched, List<String> reasons) {

    public FederationMatch {
        reasons = List.copyOf(reasons);
    }
}
