package dev.accessconsole.domain.infrastructure.persistence;

import jakarta.inject.Inject;
import dev.accessconsole.authz.api.MemberListScope;
import dev.accessconsole.authz.api.WorkspaceScope;
import dev.accessconsole.authz.api.AccessDecisions;
import jakarta.persistence.LockModeType;

import dev.accessconsole.authz.api.OrgRole;
import dev.accessconsole.authz.api.WorkspaceKind;
import dev.accessconsole.domain.model.Cursor;
import dev.accessconsole.domain.model.OrganizationMember;
import dev.accessconsole.domain.model.Page;
import dev.accessconsole.domain.model.PageRequest;
import dev.accessconsole.domain.model.Workspace;
import dev.accessconsole.domain.model.WorkspaceMember;
import dev.accessconsole.domain.model.WorkspaceRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

@ApplicationScoped
public class JpaWorkspaceRepository implements WorkspaceRepository {

    @Inject
    AccessDecisions decisions;

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
    public void add(Workspace workspace) {
        em.persist(workspace);
    }

    @Override
    public Optional<Workspace> find(String organizationId, String workspaceId) {
        return em.createQuery("select w from Workspace w where w.id = :id and w.organization.id = :org", Workspace.class)
                .setParameter("id", workspaceId)
                .setParameter("org", organizationId)
                .getResultStream().findFirst();
    }

    @Override
    public Optional<Workspace> defaultWorkspace(String organizationId) {
        return ofKind(organizationId, WorkspaceKind.DEFAULT);
    }

    @Override
    public Optional<Workspace> claudeCodeWorkspace(String organizationId) {
        return ofKind(organizationId, WorkspaceKind.CLAUDE_CODE);
    }

    private Optional<Workspace> ofKind(String organizationId, WorkspaceKind kind) {
        return em.createQuery("select w from Workspace w where w.organization.id = :org and w.kind = :kind order by w.id", Workspace.class)
                .setParameter("org", organizationId)
                .setParameter("kind", kind)
                .setMaxResults(1)
                .getResultStream().findFirst();
    }

    @Override
    public long countActiveStandard(String organizationId) {
        return em.createQuery("select count(w) from Workspace w where w.organization.id = :org and w.kind = :kind and w.archivedAt is null", Long.class)
                .setParameter("org", organizationId)
                .setParameter("kind", WorkspaceKind.STANDARD)
                .getSingleResult();
    }

    @Override
    public List<Workspace> active(String organizationId) {
        return em.createQuery("select w from Workspace w where w.organization.id = :org and w.archivedAt is null order by w.id", Workspace.class)
                .setParameter("org", organizationId).getResultList();
    }

    @Override
    public List<Workspace> withMonthlySpendLimit(String organizationId) {
        return em.createQuery("select w from Workspace w where w.organization.id = :org and w.id in (select l.scopeId from SpendLimit l"
                        + " where l.organizationId = :org and l.scopeType = :type and l.period = :period) order by w.id", Workspace.class)
                .setParameter("org", organizationId)
                .setParameter("type", dev.accessconsole.domain.model.SpendLimit.ScopeType.WORKSPACE)
                .setParameter("period", dev.accessconsole.domain.model.SpendPeriod.MONTHLY)
                .getResultList();
    }

    @Override
    public List<Workspace> withLimits(String organizationId) {
        return em.createQuery("select w from Workspace w where w.organization.id = :org and (w.limits.requestsPerMinute is not null or w.limits.inputTokensPerMinute is not null"
                        + " or w.limits.outputTokensPerMinute is not null) order by w.id", Workspace.class)
                .setParameter("org", organizationId)
                .getResultList();
    }

    @Override
    public Page<Workspace> visibleTo(String organizationId, WorkspaceScope scope, boolean includeArchived, boolean includeDefault,
                                     List<String> ids, PageRequest page) {
        StringBuilder base = new StringBuilder("select w from Workspace w where w.organization.id = :org");
        if (!includeArchived) {
            base.append(" and w.archivedAt is null");
        }
        if (!includeDefault) {
            base.append(" and w.kind <> :defaultKind");
        }
        boolean byIds = ids != null && !ids.isEmpty();
        if (byIds) {
            base.append(" and w.id in :ids");
        }
        base.append(WorkspaceScopes.predicate("w", scope));
        TypedQuery<Workspace> query = WorkspaceScopes.bind(em.createQuery(Cursor.jpql(base.toString(), "w.id", page), Workspace.class), scope)
                .setParameter("org", organizationId);
        if (!includeDefault) {
            query.setParameter("defaultKind", WorkspaceKind.DEFAULT);
        }
        if (byIds) {
            query.setParameter("ids", ids);
        }
        return Cursor.fetch(query, page);
    }

    @Override
    public Optional<Workspace> findForUpdate(String organizationId, String workspaceId) {
        return find(organizationId, workspaceId).map(w -> {
            em.lock(w, LockModeType.PESSIMISTIC_WRITE);
            return w;
        });
    }

    @Override
    public Optional<WorkspaceMember> explicitMember(String workspaceId, String userId) {
        return em.createQuery("select wm from WorkspaceMember wm where wm.workspace.id = :ws and wm.user.id = :user", WorkspaceMember.class)
                .setParameter("ws", workspaceId)
                .setParameter("user", userId)
                .getResultStream().findFirst();
    }

    @Override
    public void addMember(WorkspaceMember member) {
        em.persist(member);
        // the user's cached membership collection is evicted by this transaction's commit (auto_evict_collection_cache);
        // a copy already loaded into this persistence context is kept in step
        if (org.hibernate.Hibernate.isInitialized(member.user().workspaceMemberships())) {
            member.user().workspaceMemberships().add(member);
        }
    }

    @Override
    public void removeMember(WorkspaceMember member) {
        if (org.hibernate.Hibernate.isInitialized(member.user().workspaceMemberships())) {
            member.user().workspaceMemberships().remove(member);
        }
        em.remove(member);
    }

    @Override
    public Page<MemberRow> members(Workspace workspace, PageRequest page) {
        // who the policy lists: holding (directly or through a group) a role that may enter, and an explicit membership or a
        // held role that implies one; the kinds' role sets are the policy's, the query only asks "holds one of these"
        MemberListScope listed = decisions.memberListScope(workspace.kind());
        StringBuilder base = new StringBuilder("select m, wm from OrganizationMember m join fetch m.user u"
                + " left join WorkspaceMember wm on wm.workspace.id = :ws and wm.user = u"
                + " where m.organization.id = :org and m.suspendedAt is null");
        if (!listed.everyoneEligible()) {
            base.append(" and ").append(holds("eligible"));
        }
        base.append(listed.implied().isEmpty() ? " and wm.id is not null" : " and (wm.id is not null or " + holds("implied") + ")");
        TypedQuery<Object[]> query = em.createQuery(Cursor.jpql(base.toString(), MEMBER_CURSOR, page, "u.id"), Object[].class)
                .setParameter("ws", workspace.id())
                .setParameter("org", workspace.organization().id());
        if (!listed.everyoneEligible()) {
            bindHolds(query, "eligible", listed.eligible());
        }
        if (!listed.implied().isEmpty()) {
            bindHolds(query, "implied", listed.implied());
        }
        return Cursor.fetch(query, page).map(row -> new MemberRow((OrganizationMember) row[0], (WorkspaceMember) row[1]));
    }

    /** "The member {@code m} holds one of the roles :{name} directly, or one of the role ids :{name}Ids through a group." */
    private static String holds(String name) {
        return "(m.role in :" + name + " or exists (select 1 from RbacGroupMember gm join gm.group g join g.roleIds r"
                + " where gm.id.userId = m.userId and gm.organizationId = :org and r in :" + name + "Ids))";
    }

    private static void bindHolds(TypedQuery<?> query, String name, java.util.Set<OrgRole> roles) {
        query.setParameter(name, roleValues(roles));
        query.setParameter(name + "Ids", roles.stream().map(OrgRole::roleId).toList());
    }

    private static List<String> roleValues(java.util.Set<OrgRole> roles) {
        return roles.stream().map(OrgRole::value).toList();
    }

    @Override
    public Map<String, List<WorkspaceMember>> explicitMembershipsOf(String organizationId, Collection<String> userIds) {
        Map<String, List<WorkspaceMember>> found = new java.util.HashMap<>();
        List<String> all = List.copyOf(new java.util.LinkedHashSet<>(userIds));
        for (int from = 0; from < all.size(); from += 500) {
            em.createQuery("select wm, wm.user.id from WorkspaceMember wm join fetch wm.workspace w where wm.user.id in :users"
                            + " and w.organization.id = :org", Object[].class)
                    .setParameter("users", all.subList(from, Math.min(all.size(), from + 500)))
                    .setParameter("org", organizationId)
                    .getResultList().forEach(row -> found.computeIfAbsent((String) row[1], u -> new ArrayList<>()).add((WorkspaceMember) row[0]));
        }
        return found;
    }

    @Override
    public List<WorkspaceMember> explicitMembershipsOf(String organizationId, String userId) {
        return em.createQuery("select wm from WorkspaceMember wm join fetch wm.workspace w where wm.user.id = :user"
                        + " and w.organization.id = :org", WorkspaceMember.class)
                .setParameter("user", userId)
                .setParameter("org", organizationId)
                .getResultList();
    }

    @Override
    public int removeMembershipsOf(String organizationId, String userId) {
        // one entity at a time, not a bulk delete: a bulk delete skips the entity listeners that mark standings
        List<WorkspaceMember> memberships = explicitMembershipsOf(organizationId, userId);
        memberships.forEach(this::removeMember);
        return memberships.size();
    }
}
