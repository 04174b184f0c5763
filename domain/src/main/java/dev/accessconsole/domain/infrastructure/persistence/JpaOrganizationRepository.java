package dev.accessconsole.domain.infrastructure.persistence;

import dev.accessconsole.authz.api.OrgRole;
import dev.accessconsole.domain.model.Cursor;
import dev.accessconsole.domain.model.Organization;
import dev.accessconsole.domain.model.OrganizationMember;
import dev.accessconsole.domain.model.OrganizationRepository;
import dev.accessconsole.domain.model.Page;
import dev.accessconsole.domain.model.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;

import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class JpaOrganizationRepository implements OrganizationRepository {

    @PersistenceContext(unitName = "access-console")
    EntityManager em;

    @Override
    public void add(Organization organization) {
        em.persist(organization);
    }

    @Override
    public Optional<Organization> find(String organizationId) {
        return Optional.ofNullable(em.find(Organization.class, organizationId));
    }

    @Override
    public Optional<Organization> findForUpdate(String organizationId) {
        return Optional.ofNullable(em.find(Organization.class, organizationId, LockModeType.PESSIMISTIC_WRITE));
    }

    @Override
    public void addMember(OrganizationMember member) {
        em.persist(member);
    }

    @Override
    public void removeMember(OrganizationMember member) {
        em.remove(member);
    }

    @Override
    public Optional<OrganizationMember> member(String organizationId, String userId) {
        return em.createQuery("select m from OrganizationMember m join fetch m.user u"
                        + " where m.organization.id = :org and u.id = :user", OrganizationMember.class)
                .setParameter("org", organizationId)
                .setParameter("user", userId)
                .getResultStream().findFirst();
    }

    @Override
    public Page<OrganizationMember> members(String organizationId, String email, List<OrgRole> roles, PageRequest page) {
        StringBuilder base = new StringBuilder("select m from OrganizationMember m join fetch m.user u where m.organization.id = :org");
        if (email != null) {
            base.append(" and u.email = :email");
        }
        if (roles != null && !roles.isEmpty()) {
            base.append(" and m.role in :roles");
        }
        TypedQuery<OrganizationMember> query = em.createQuery(Cursor.jpql(base.toString(), "u.id", page), OrganizationMember.class)
                .setParameter("org", organizationId);
        if (email != null) {
            query.setParameter("email", email);
        }
        if (roles != null && !roles.isEmpty()) {
            query.setParameter("roles", roles.stream().map(OrgRole::value).toList());
        }
        return Cursor.fetch(query, page);
    }

    @Override
    public long countMembersWithRole(String organizationId, OrgRole role) {
        return em.createQuery("select count(m) from OrganizationMember m where m.organization.id = :org and m.role = :role", Long.class)
                .setParameter("org", organizationId)
                .setParameter("role", role.value())
                .getSingleResult();
    }

    @Override
    public List<OrganizationMember> membershipsOf(String userId) {
        return em.createQuery("select m from OrganizationMember m join fetch m.organization o"
                        + " where m.user.id = :user order by m.addedAt, o.id", OrganizationMember.class)
                .setParameter("user", userId)
                .getResultList();
    }
}
