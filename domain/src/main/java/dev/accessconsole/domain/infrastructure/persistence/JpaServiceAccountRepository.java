package dev.accessconsole.domain.infrastructure.persistence;

import dev.accessconsole.domain.model.Cursor;
import dev.accessconsole.domain.model.Page;
import dev.accessconsole.domain.model.PageRequest;
import dev.accessconsole.domain.model.ServiceAccount;
import dev.accessconsole.domain.model.ServiceAccountMembership;
import dev.accessconsole.domain.model.ServiceAccountRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.Optional;

@ApplicationScoped
public class JpaServiceAccountRepository implements ServiceAccountRepository {

    @PersistenceContext
    EntityManager em;

    @Override
    public void add(ServiceAccount account) {
        em.persist(account);
    }

    @Override
    public Optional<ServiceAccount> find(String organizationId, String serviceAccountId) {
        ServiceAccount account = serviceAccountId == null ? null : em.find(ServiceAccount.class, serviceAccountId);
        return Optional.ofNullable(account).filter(a -> a.organizationId().equals(organizationId));
    }

    @Override
    public Page<ServiceAccount> list(String organizationId, boolean includeArchived, PageRequest page) {
        String base = "select a from ServiceAccount a where a.organizationId = :org" + (includeArchived ? "" : " and a.stamps.archivedAt is null");
        return Cursor.fetch(em.createQuery(Cursor.jpql(base, "a.id", page), ServiceAccount.class).setParameter("org", organizationId), page);
    }

    @Override
    public Optional<ServiceAccountMembership> membership(String serviceAccountId, String workspaceId) {
        return Optional.ofNullable(em.find(ServiceAccountMembership.class, new ServiceAccountMembership.Key(serviceAccountId, workspaceId)));
    }

    @Override
    public Page<ServiceAccountMembership> memberships(String serviceAccountId, PageRequest page) {
        String base = "select m from ServiceAccountMembership m where m.serviceAccountId = :account"
                + " and exists (select w from Workspace w where w.id = m.workspaceId and w.archivedAt is null)";
        return Cursor.fetch(em.createQuery(Cursor.jpql(base, "m.workspaceId", page), ServiceAccountMembership.class)
                .setParameter("account", serviceAccountId), page);
    }

    @Override
    public Page<ServiceAccountMembership> membersOf(String workspaceId, PageRequest page) {
        String base = "select m from ServiceAccountMembership m where m.workspaceId = :workspace"
                + " and exists (select a from ServiceAccount a where a.id = m.serviceAccountId and a.stamps.archivedAt is null)";
        return Cursor.fetch(em.createQuery(Cursor.jpql(base, "m.serviceAccountId", page), ServiceAccountMembership.class)
                .setParameter("workspace", workspaceId), page);
    }

    @Override
    public void addMembership(ServiceAccountMembership membership) {
        em.persist(membership);
    }

    @Override
    public void removeMembership(ServiceAccountMembership membership) {
        em.remove(membership);
    }
}
