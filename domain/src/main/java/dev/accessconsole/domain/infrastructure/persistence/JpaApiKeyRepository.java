package dev.accessconsole.domain.infrastructure.persistence;

import dev.accessconsole.authz.api.WorkspaceScope;
import dev.accessconsole.domain.model.ApiKey;
import dev.accessconsole.domain.model.ApiKeyRepository;
import dev.accessconsole.domain.model.Cursor;
import dev.accessconsole.domain.model.Page;
import dev.accessconsole.domain.model.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class JpaApiKeyRepository implements ApiKeyRepository {

    @PersistenceContext(unitName = "access-console")
    EntityManager em;

    @Override
    public void add(ApiKey key) {
        em.persist(key);
    }

    @Override
    public Optional<ApiKey> find(String organizationId, String apiKeyId) {
        return em.createQuery("select k from ApiKey k join fetch k.workspace where k.id = :id and k.organizationId = :org", ApiKey.class)
                .setParameter("id", apiKeyId)
                .setParameter("org", organizationId)
                .getResultStream().findFirst();
    }

    @Override
    public Page<ApiKey> list(String organizationId, WorkspaceScope scope, Filter filter, PageRequest page) {
        StringBuilder base = new StringBuilder("select k from ApiKey k join fetch k.workspace w where k.organizationId = :org");
        base.append(WorkspaceScopes.predicate("w", scope));
        if (filter.status() != null) {
            // expired is not stored: an unarchived key past its expiry; active and inactive keys are the ones not expired
            base.append(switch (filter.status()) {
                case EXPIRED -> " and k.status <> :archived and k.expiresAt <= :now";
                case ARCHIVED -> " and k.status = :archived";
                case ACTIVE, INACTIVE -> " and k.status = :status and (k.expiresAt is null or k.expiresAt > :now)";
            });
        }
        if (filter.workspaceId() != null) {
            base.append(" and w.id = :workspace");
        }
        if (filter.createdByUserId() != null) {
            base.append(" and k.createdById = :creator");
        }
        TypedQuery<ApiKey> query = WorkspaceScopes.bind(em.createQuery(Cursor.jpql(base.toString(), "k.id", page), ApiKey.class), scope)
                .setParameter("org", organizationId);
        if (filter.status() != null) {
            switch (filter.status()) {
                case EXPIRED -> query.setParameter("archived", ApiKey.Status.ARCHIVED.value()).setParameter("now", filter.now());
                case ARCHIVED -> query.setParameter("archived", ApiKey.Status.ARCHIVED.value());
                case ACTIVE, INACTIVE -> query.setParameter("status", filter.status().value()).setParameter("now", filter.now());
            }
        }
        if (filter.workspaceId() != null) {
            query.setParameter("workspace", filter.workspaceId());
        }
        if (filter.createdByUserId() != null) {
            query.setParameter("creator", filter.createdByUserId());
        }
        return Cursor.fetch(query, page);
    }

    // Archiving goes entity by entity, not by a bulk update: entity listeners and the persistence context see each key.

    @Override
    public int archiveInWorkspace(String workspaceId) {
        return archiveAll(em.createQuery("select k from ApiKey k where k.workspace.id = :ws and k.status <> :archived", ApiKey.class)
                .setParameter("archived", ApiKey.Status.ARCHIVED.value())
                .setParameter("ws", workspaceId)
                .getResultList());
    }

    @Override
    public int archiveBoundTo(String organizationId, String userId, Collection<String> workspaceIds) {
        if (workspaceIds != null && workspaceIds.isEmpty()) {
            return 0;
        }
        var query = em.createQuery("select k from ApiKey k where k.organizationId = :org and k.boundUserId = :user"
                        + " and k.status <> :archived" + (workspaceIds == null ? "" : " and k.workspace.id in :workspaces"), ApiKey.class)
                .setParameter("archived", ApiKey.Status.ARCHIVED.value())
                .setParameter("org", organizationId)
                .setParameter("user", userId);
        if (workspaceIds != null) {
            query.setParameter("workspaces", workspaceIds);
        }
        return archiveAll(query.getResultList());
    }

    private static int archiveAll(List<ApiKey> keys) {
        keys.forEach(k -> k.changeStatus(ApiKey.Status.ARCHIVED));
        return keys.size();
    }
}
