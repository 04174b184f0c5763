package dev.accessconsole.domain.infrastructure.persistence;

import dev.accessconsole.authz.api.OrgRole;
import dev.accessconsole.domain.model.Cursor;
import dev.accessconsole.domain.model.Organization;
import dev.accessconsole.domain.model.MemberListing;
import dev.accessconsole.domain.model.OrganizationMember;
import dev.accessconsole.domain.model.UserAccount;
import dev.accessconsole.domain.model.OrganizationRepository;
import dev.accessconsole.domain.model.Page;
import dev.accessconsole.domain.model.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

@ApplicationScoped
public class JpaOrganizationRepository implements OrganizationRepository {

    /**
     * Members page by the membership's own user_id column (m.userId: Hibernate reads m.user.id as the joined user's id),
     * bounded on users.id too (Cursor.jpql's equal paths):
     * PostgreSQL carries equalities across a join, not ranges, so with a cursor on users.id alone a page 90,000
     * members deep walked the memberships from the start (38 ms); bounded on both sides it reads 21 rows (0.15 ms).
     */
    private static final String MEMBER_CURSOR = "m.userId";

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
    public void lock(OrganizationMember member) {
        em.refresh(member, LockModeType.PESSIMISTIC_WRITE);
    }

    @Override
    public Optional<Organization> findForUpdate(String organizationId) {
        return Optional.ofNullable(em.find(Organization.class, organizationId, LockModeType.PESSIMISTIC_WRITE));
    }

    @Override
    public void addMember(OrganizationMember member) {
        em.persist(member);
        // the user's cached membership collection is evicted by this transaction's commit (auto_evict_collection_cache);
        // a copy already loaded into this persistence context is kept in step
        if (org.hibernate.Hibernate.isInitialized(member.user().organizationMemberships())) {
            member.user().organizationMemberships().add(member);
        }
    }

    @Override
    public void removeMember(OrganizationMember member) {
        if (org.hibernate.Hibernate.isInitialized(member.user().organizationMemberships())) {
            member.user().organizationMemberships().remove(member);
        }
        em.remove(member);
    }

    @Override
    public Optional<OrganizationMember> member(String organizationId, String userId) {
        return anyMember(organizationId, userId).filter(m -> !m.suspended());
    }

    @Override
    public Optional<OrgRole> activeRole(String organizationId, String userId) {
        if (organizationId == null || userId == null) {
            return Optional.empty();
        }
        return em.createQuery("select m.role from OrganizationMember m where m.organizationId = :org and m.userId = :user"
                        + " and m.suspendedAt is null", String.class)
                .setParameter("org", organizationId).setParameter("user", userId).getResultStream().findFirst()
                .map(role -> OrgRole.fromValue(role).orElseThrow());
    }

    @Override
    public Map<String, OrganizationMember> anyMembers(String organizationId, Collection<String> userIds) {
        Map<String, OrganizationMember> found = new java.util.HashMap<>();
        List<String> all = List.copyOf(new java.util.LinkedHashSet<>(userIds));
        for (int from = 0; from < all.size(); from += 500) {
            em.createQuery("select m from OrganizationMember m join fetch m.user where m.organizationId = :org and m.userId in :users",
                            OrganizationMember.class)
                    .setParameter("org", organizationId).setParameter("users", all.subList(from, Math.min(all.size(), from + 500)))
                    .getResultList().forEach(m -> found.put(m.user().id(), m));
        }
        return found;
    }

    @Override
    public Optional<OrganizationMember> anyMember(String organizationId, String userId) {
        if (organizationId == null || userId == null) {
            return Optional.empty();
        }
        // by natural id (organization + user: one indexed read)
        return em.unwrap(org.hibernate.Session.class).byNaturalId(OrganizationMember.class)
                .using("organization", em.getReference(Organization.class, organizationId))
                .using("user", em.getReference(UserAccount.class, userId))
                .loadOptional()
                .map(m -> {
                    org.hibernate.Hibernate.initialize(m.user()); // callers read the person after the transaction
                    return m;
                });
    }

    @Override
    public Page<MemberListing> members(String organizationId, String email, List<OrgRole> roles, PageRequest page) {
        StringBuilder base = new StringBuilder("select new " + MemberListing.class.getName() + "(u.id, u.email, u.name, m.role, m.addedAt)"
                + " from OrganizationMember m join m.user u where m.organization.id = :org and m.suspendedAt is null");
        if (email != null) {
            base.append(" and u.email = :email");
        }
        if (roles != null && !roles.isEmpty()) {
            base.append(" and m.role in :roles");
        }
        TypedQuery<MemberListing> query = em.createQuery(Cursor.jpql(base.toString(), MEMBER_CURSOR, page, "u.id"), MemberListing.class)
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
    public Optional<OrganizationMember> anyMemberByEmail(String organizationId, String email) {
        return em.createQuery("select m from OrganizationMember m join fetch m.user u where m.organizationId = :org and u.email = :email"
                        + " order by u.id", OrganizationMember.class)
                .setParameter("org", organizationId).setParameter("email", email).setMaxResults(1).getResultStream().findFirst();
    }

    @Override
    public List<OrganizationMember> search(String organizationId, String email, String externalId, int offset, int count) {
        var query = em.createQuery("select m from OrganizationMember m join fetch m.user u where m.organizationId = :org"
                + scimFilter(email, externalId) + " order by m.userId", OrganizationMember.class);
        return bindScim(query, organizationId, email, externalId).setFirstResult(offset).setMaxResults(count).getResultList();
    }

    @Override
    public long count(String organizationId, String email, String externalId) {
        var query = em.createQuery("select count(m) from OrganizationMember m join m.user u where m.organizationId = :org"
                + scimFilter(email, externalId), Long.class);
        return bindScim(query, organizationId, email, externalId).getSingleResult();
    }

    private static String scimFilter(String email, String externalId) {
        return (email == null ? "" : " and u.email = :email") + (externalId == null ? "" : " and m.externalId = :ext");
    }

    private static <T> TypedQuery<T> bindScim(TypedQuery<T> query, String organizationId, String email, String externalId) {
        query.setParameter("org", organizationId);
        if (email != null) {
            query.setParameter("email", email);
        }
        if (externalId != null) {
            query.setParameter("ext", externalId);
        }
        return query;
    }

    @Override
    public List<OrganizationMember> membershipsOf(String userId) {
        return em.createQuery("select m from OrganizationMember m join fetch m.organization o"
                        + " where m.user.id = :user and m.suspendedAt is null order by m.addedAt, o.id", OrganizationMember.class)
                .setParameter("user", userId)
                .getResultList();
    }
}
