package dev.accessconsole.domain.model;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** An organization's federation issuers with their rules, the jti values seen, and the access tokens exchanged. */
public interface FederationRepository {

    void add(FederationIssuer issuer);

    Optional<FederationIssuer> issuer(String organizationId, String issuerId);

    Page<FederationIssuer> issuers(String organizationId, boolean includeArchived, PageRequest page);

    /** Every issuer of any organization with this URL that is not archived (the token exchange's candidates). */
    List<FederationIssuer> issuersByUrl(String issuerUrl);

    /** Issuers whose keys are fetched from a URL and are due to be polled at {@code now}. */
    List<FederationIssuer> dueForPolling(Instant now);

    void add(FederationRule rule);

    Optional<FederationRule> rule(String organizationId, String ruleId);

    Page<FederationRule> rules(String organizationId, String issuerId, boolean includeArchived, PageRequest page);

    /** The issuer's rules that are not archived, by id. */
    List<FederationRule> activeRules(String issuerId);

    /** Records a jti until {@code expiresAt}; false when it was seen before (a replay). */
    boolean firstUse(String issuerId, String jti, Instant expiresAt);

    void add(FederationToken token);

    Optional<FederationToken> tokenBySecretHash(String secretHash);
}
