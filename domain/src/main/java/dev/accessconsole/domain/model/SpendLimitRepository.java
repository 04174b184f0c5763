package dev.accessconsole.domain.model;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Spend limits of an organization (one per scope and period) and the increase requests members make. */
public interface SpendLimitRepository {

    void add(SpendLimit limit);

    void remove(SpendLimit limit);

    Optional<SpendLimit> find(String organizationId, String spendLimitId);

    Optional<SpendLimit> find(String organizationId, SpendLimit.Scope scope, SpendPeriod period);

    /** The same, locked for update: a set of the same scope and period waits for this one's transaction. */
    Optional<SpendLimit> findForUpdate(String organizationId, SpendLimit.Scope scope, SpendPeriod period);

    /** Every limit of the organization, by id. */
    List<SpendLimit> all(String organizationId);

    /** The limits on any of these scopes (one read at the gateway). */
    List<SpendLimit> onScopes(String organizationId, Collection<SpendLimit.Scope> scopes);

    void add(SpendLimitIncreaseRequest request);

    Optional<SpendLimitIncreaseRequest> findRequest(String organizationId, String requestId);

    Optional<SpendLimitIncreaseRequest> findRequestForUpdate(String organizationId, String requestId);

    /** The organization's requests, newest first, optionally only some requesters' and some statuses. */
    List<SpendLimitIncreaseRequest> requests(String organizationId, Collection<String> requesterIds, Collection<SpendLimitIncreaseRequest.Status> statuses);
}
