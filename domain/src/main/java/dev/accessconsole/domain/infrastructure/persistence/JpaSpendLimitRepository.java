package dev.accessconsole.domain.infrastructure.persistence;

import dev.accessconsole.domain.model.SpendLimit;
import dev.accessconsole.domain.model.SpendLimitIncreaseRequest;
import dev.accessconsole.domain.model.SpendLimitRepository;
import dev.accessconsole.domain.model.SpendPeriod;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class JpaSpendLimitRepository implements SpendLimitRepository {

    @PersistenceContext
    EntityManager em;

    @Override
    public void add(SpendLimit limit) {
        em.persist(limit);
    }

    @Override
    public void remove(SpendLimit limit) {
        em.remove(limit);
    }

    @Override
    public Optional<SpendLimit> find(String organizationId, String spendLimitId) {
        SpendLimit limit = spendLimitId == null ? null : em.find(SpendLimit.class, spendLimitId);
        return Optional.ofNullable(limit).filter(l -> l.organizationId().equals(organizationId));
    }

    @Override
    public Optional<SpendLimit> find(String organizationId, SpendLimit.Scope scope, SpendPeriod period) {
        return byScope(organizationId, scope, period).getResultStream().findFirst();
    }

    @Override
    public Optional<SpendLimit> findForUpdate(String organizationId, SpendLimit.Scope scope, SpendPeriod period) {
        return byScope(organizationId, scope, period).setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultStream().findFirst();
    }

    private TypedQuery<SpendLimit> byScope(String organizationId, SpendLimit.Scope scope, SpendPeriod period) {
        return em.createQuery("select l from SpendLimit l where l.organizationId = :org and l.scopeType = :type and l.scopeId = :id"
                        + " and l.period = :period", SpendLimit.class)
                .setParameter("org", organizationId).setParameter("type", scope.type()).setParameter("id", scope.id())
                .setParameter("period", period);
    }

    @Override
    public List<SpendLimit> all(String organizationId) {
        return em.createQuery("select l from SpendLimit l where l.organizationId = :org order by l.id", SpendLimit.class)
                .setParameter("org", organizationId).getResultList();
    }

    @Override
    public List<SpendLimit> onScopes(String organizationId, Collection<SpendLimit.Scope> scopes) {
        List<String> ids = scopes.stream().map(SpendLimit.Scope::id).distinct().toList();
        return em.createQuery("select l from SpendLimit l where l.organizationId = :org and l.scopeId in :ids order by l.id", SpendLimit.class)
                .setParameter("org", organizationId).setParameter("ids", ids).getResultList()
                .stream().filter(l -> scopes.contains(l.scope())).toList();
    }

    @Override
    public void add(SpendLimitIncreaseRequest request) {
        em.persist(request);
    }

    @Override
    public Optional<SpendLimitIncreaseRequest> findRequest(String organizationId, String requestId) {
        SpendLimitIncreaseRequest request = requestId == null ? null : em.find(SpendLimitIncreaseRequest.class, requestId);
        return Optional.ofNullable(request).filter(r -> r.organizationId().equals(organizationId));
    }

    @Override
    public Optional<SpendLimitIncreaseRequest> findRequestForUpdate(String organizationId, String requestId) {
        SpendLimitIncreaseRequest request = requestId == null ? null
                : em.find(SpendLimitIncreaseRequest.class, requestId, LockModeType.PESSIMISTIC_WRITE);
        return Optional.ofNullable(request).filter(r -> r.organizationId().equals(organizationId));
    }

    @Override
    public List<SpendLimitIncreaseRequest> requests(String organizationId, Collection<String> requesterIds,
                                                    Collection<SpendLimitIncreaseRequest.Status> statuses) {
        StringBuilder jpql = new StringBuilder("select r from SpendLimitIncreaseRequest r where r.organizationId = :org");
        if (!requesterIds.isEmpty()) {
            jpql.append(" and r.requesterId in :requesters");
        }
        if (!statuses.isEmpty()) {
            jpql.append(" and r.status in :statuses");
        }
        TypedQuery<SpendLimitIncreaseRequest> query = em.createQuery(jpql.append(" order by r.id desc").toString(), SpendLimitIncreaseRequest.class)
                .setParameter("org", organizationId);
        if (!requesterIds.isEmpty()) {
            query.setParameter("requesters", List.copyOf(requesterIds));
        }
        if (!statuses.isEmpty()) {
            query.setParameter("statuses", List.copyOf(statuses));
        }
        return query.getResultList();
    }
}
