package dev.accessconsole.domain.infrastructure.persistence;

import dev.accessconsole.authz.api.GrantSource;
import dev.accessconsole.authz.api.HeldRole;
import dev.accessconsole.authz.api.OrgRole;
import dev.accessconsole.domain.model.Cursor;
import dev.accessconsole.domain.model.Page;
import dev.accessconsole.domain.model.PageRequest;
import dev.accessconsole.domain.model.RbacGroup;
import dev.accessconsole.domain.model.RbacGroupMember;
import dev.accessconsole.domain.model.RbacGroupRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

@ApplicationScoped
public class JpaRbacGroupRepository implements RbacGroupRepository {

    @PersistenceContext(unitName = "access-console")
    EntityManager em;

    @Override
    public void add(RbacGroup group) {
        em.persist(group);
    }

    @Override
    public void remove(RbacGroup group) {
        // members one by one (each marks its member's standing), then the group (its roles go with it)
        for (RbacGroupMember member : allMembers(group)) {
            em.remove(member);
        }
        em.flush();
        em.remove(group);
    }

    @Override
    public Optional<RbacGroup> find(String organizationId, String groupId) {
        if (groupId == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(em.find(RbacGroup.class, groupId)).filter(g -> g.organizationId().equals(organizationId));
    }

    @Override
    public Optional<RbacGroup> findByName(String organizationId, String name) {
        return em.createQuery("select g from RbacGroup g where g.organizationId = :org and g.nameKey = :key", RbacGroup.class)
                .setParameter("org", organizationId).setParameter("key", RbacGroup.nameKey(name))
                .getResultStream().findFirst();
    }

    @Override
    public Optional<RbacGroup> findByExternalId(String organizationId, String externalId) {
        return em.createQuery("select g from RbacGroup g where g.organizationId = :org and g.externalId = :ext order by g.id", RbacGroup.class)
                .setParameter("org", organizationId).setParameter("ext", externalId)
                .setMaxResults(1).getResultStream().findFirst();
    }

    @Override
    public Page<RbacGroup> list(String organizationId, PageRequest page) {
        String jpql = Cursor.jpql("select g from RbacGroup g where g.organizationId = :org", "g.id", page);
        return Cursor.fetch(em.createQuery(jpql, RbacGroup.class).setParameter("org", organizationId), page);
    }

    @Override
    public List<RbacGroup> search(String organizationId, String displayName, String externalId, int offset, int count) {
        TypedQuery<RbacGroup> query = em.createQuery("select g from RbacGroup g where g.organizationId = :org"
                + filter(displayName, externalId) + " order by g.id", RbacGroup.class);
        return bind(query, organizationId, displayName, externalId).setFirstResult(offset).setMaxResults(count).getResultList();
    }

    @Override
    public long count(String organizationId, String displayName, String externalId) {
        TypedQuery<Long> query = em.createQuery("select count(g) from RbacGroup g where g.organizationId = :org"
                + filter(displayName, externalId), Long.class);
        return bind(query, organizationId, displayName, externalId).getSingleResult();
    }

    private static String filter(String displayName, String externalId) {
        return (displayName == null ? "" : " and g.nameKey = :key") + (externalId == null ? "" : " and g.externalId = :ext");
    }

    private static <T> TypedQuery<T> bind(TypedQuery<T> query, String organizationId, String displayName, String externalId) {
        query.setParameter("org", organizationId);
        if (displayName != null) {
            query.setParameter("key", RbacGroup.nameKey(displayName));
        }
        if (externalId != null) {
            query.setParameter("ext", externalId);
        }
        return query;
    }

    @Override
    public Page<RbacGroupMember> members(RbacGroup group, PageRequest page) {
        String jpql = Cursor.jpql("select m from RbacGroupMember m join fetch m.user u where m.id.groupId = :group", "m.id.userId", page);
        return Cursor.fetch(em.createQuery(jpql, RbacGroupMember.class).setParameter("group", group.id()), page);
    }

    @Override
    public List<RbacGroupMember> allMembers(RbacGroup group) {
        return em.createQuery("select m from RbacGroupMember m join fetch m.user u where m.id.groupId = :group order by m.id.userId",
                RbacGroupMember.class).setParameter("group", group.id()).getResultList();
    }

    @Override
    public Optional<RbacGroupMember> member(String groupId, String userId) {
        return Optional.ofNullable(em.find(RbacGroupMember.class, new RbacGroupMember.Key(groupId, userId)));
    }

    @Override
    public Map<String, RbacGroupMember> members(String groupId, Collection<String> userIds) {
        Map<String, RbacGroupMember> found = new java.util.HashMap<>();
        List<String> all = List.copyOf(new java.util.LinkedHashSet<>(userIds));
        for (int from = 0; from < all.size(); from += 500) {
            em.createQuery("select gm from RbacGroupMember gm where gm.id.groupId = :group and gm.id.userId in :users", RbacGroupMember.class)
                    .setParameter("group", groupId).setParameter("users", all.subList(from, Math.min(all.size(), from + 500)))
                    .getResultList().forEach(gm -> found.put(gm.userId(), gm));
        }
        return found;
    }

    @Override
    public void addMember(RbacGroupMember member) {
        em.persist(member);
    }

    @Override
    public void removeMember(RbacGroupMember member) {
        em.remove(member);
    }

    @Override
    public List<RbacGroup> groupsOf(String organizationId, String userId) {
        return em.createQuery("select g from RbacGroupMember m join m.group g where m.id.userId = :user and m.organizationId = :org"
                + " order by g.id", RbacGroup.class).setParameter("user", userId).setParameter("org", organizationId).getResultList();
    }

    @Override
    public List<HeldRole> groupRoles(String organizationId, String userId) {
        List<Object[]> rows = em.createQuery("select g.id, g.name, r from RbacGroupMember m join m.group g join g.roleIds r"
                        + " where m.id.userId = :user and m.organizationId = :org order by g.id, r", Object[].class)
                .setParameter("user", userId).setParameter("org", organizationId).getResultList();
        List<HeldRole> roles = new ArrayList<>();
        for (Object[] row : rows) {
            OrgRole.fromRoleId((String) row[2]).ifPresent(role -> roles.add(new HeldRole(role, GrantSource.group((String) row[0], (String) row[1]))));
        }
        return roles;
    }

    @Override
    public List<GroupGrant> customRoleGrants(String organizationId, String userId) {
        List<GroupGrant> grants = new ArrayList<>();
        for (Object[] row : em.createQuery("select g.id, g.name, r from RbacGroupMember m join m.group g join g.roleIds r"
                        + " where m.organizationId = :org and m.id.userId = :user order by g.id, r", Object[].class)
                .setParameter("org", organizationId).setParameter("user", userId).getResultList()) {
            if (OrgRole.fromRoleId((String) row[2]).isEmpty()) {
                grants.add(new GroupGrant((String) row[0], (String) row[1], (String) row[2]));
            }
        }
        return grants;
    }

    @Override
    public Map<String, List<HeldRole>> groupRoles(String organizationId, Collection<String> userIds) {
        if (userIds.isEmpty()) {
            return Map.of();
        }
        return byUser(em.createQuery("select m.id.userId, g.id, g.name, r from RbacGroupMember m join m.group g join g.roleIds r"
                        + " where m.organizationId = :org and m.id.userId in :users order by g.id, r", Object[].class)
                .setParameter("org", organizationId).setParameter("users", userIds).getResultList());
    }

    @Override
    public Map<String, List<HeldRole>> groupRolesOfOrganization(String organizationId) {
        return byUser(em.createQuery("select m.id.userId, g.id, g.name, r from RbacGroupMember m join m.group g join g.roleIds r"
                        + " where m.organizationId = :org order by g.id, r", Object[].class)
                .setParameter("org", organizationId).getResultList());
    }

    private static Map<String, List<HeldRole>> byUser(List<Object[]> rows) {
        Map<String, List<HeldRole>> roles = new HashMap<>();
        for (Object[] row : rows) {
            OrgRole.fromRoleId((String) row[3]).ifPresent(role -> roles.computeIfAbsent((String) row[0], u -> new ArrayList<>())
                    .add(new HeldRole(role, GrantSource.group((String) row[1], (String) row[2]))));
        }
        return roles;
    }

    @Override
    public List<RbacGroup> carrying(String organizationId, Collection<String> roleIds) {
        if (roleIds.isEmpty()) {
            return List.of();
        }
        return em.createQuery("select distinct g from RbacGroup g join g.roleIds r where g.organizationId = :org and r in :roles",
                RbacGroup.class).setParameter("org", organizationId).setParameter("roles", roleIds).getResultList();
    }

    @Override
    public Set<String> activeMembersOf(String organizationId, Collection<String> groupIds) {
        if (groupIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(em.createQuery("select distinct m.id.userId from RbacGroupMember m, OrganizationMember om"
                        + " where m.id.groupId in :groups and om.organizationId = :org and om.userId = m.id.userId and om.suspendedAt is null",
                String.class).setParameter("groups", groupIds).setParameter("org", organizationId).getResultList());
    }

    @Override
    public boolean anyCarries(String organizationId, String roleId) {
        return !em.createQuery("select g.id from RbacGroup g join g.roleIds r where g.organizationId = :org and r = :role", String.class)
                .setParameter("org", organizationId).setParameter("role", roleId).setMaxResults(1).getResultList().isEmpty();
    }

    @Override
    public Set<String> activeMembersWithDirectRole(String organizationId, OrgRole role) {
        return new HashSet<>(em.createQuery("select m.userId from OrganizationMember m where m.organizationId = :org and m.role = :role"
                        + " and m.suspendedAt is null", String.class)
                .setParameter("org", organizationId).setParameter("role", role.value()).getResultList());
    }
}
