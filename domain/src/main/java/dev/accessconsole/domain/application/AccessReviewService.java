package dev.accessconsole.domain.application;

import dev.accessconsole.authz.api.HeldCustomRole;
import dev.accessconsole.authz.api.HeldRole;
import dev.accessconsole.authz.api.OrgRole;
import dev.accessconsole.authz.api.Permission;
import dev.accessconsole.authz.api.WorkspaceKind;
import dev.accessconsole.authz.api.AccessDecisions;
import dev.accessconsole.authz.api.Decision;
import dev.accessconsole.authz.api.MemberStanding;
import dev.accessconsole.authz.api.PrincipalKind;
import dev.accessconsole.authz.api.WorkspaceRole;
import dev.accessconsole.authz.api.WorkspaceStanding;
import dev.accessconsole.domain.model.DomainException;
import dev.accessconsole.domain.model.OrganizationMember;
import dev.accessconsole.domain.model.OrganizationRepository;
import dev.accessconsole.domain.model.Workspace;
import dev.accessconsole.domain.model.WorkspaceMember;
import dev.accessconsole.domain.model.WorkspaceRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The facts behind "who can do what": a member's standing in one workspace (for the explain endpoint), and every
 * member × workspace of an organization (for the access review). Decisions on these standings are made by the same
 * policy code the guard uses.
 */
@ApplicationScoped
public class AccessReviewService {

    @Inject
    AccessDecisions decisions;

    /** A member, with their email, their standing and one workspace's facts: what the policy decides on. */
    private record Entry(OrganizationMember member, Workspace workspace, MemberStanding standing) {

        WorkspaceStanding workspaceStanding() {
            return new WorkspaceStanding(workspace.id(), workspace.kind(), workspace.archived());
        }
    }

    /** One permission decided for a member in a workspace, with the policy's reasons and, when granted, what grants it. */
    public record PermissionDecision(Permission permission, boolean granted, String outcome, List<String> reasons, List<String> sources) {
    }

    /** Why a member may or may not do what was asked in one workspace (the Default one when none was named). */
    public record Explanation(String userId, OrgRole orgRole, List<HeldRole> roles, List<HeldCustomRole> customRoles, String workspaceId, WorkspaceKind workspaceKind,
                              WorkspaceRole effectiveRole, List<PermissionDecision> decisions) {
    }

    /** One member in one workspace: the roles held (with sources), effective role and permissions. */
    public record ReviewRow(String userId, String email, OrgRole orgRole, List<HeldRole> roles, List<HeldCustomRole> customRoles, String workspaceId, String workspaceName,
                            WorkspaceKind workspaceKind, WorkspaceRole effectiveRole, List<Permission> permissions) {
    }

    @Inject
    OrganizationRepository organizations;

    @Inject
    WorkspaceRepository workspaces;

    @Inject
    MemberRoles memberRoles;

    @Inject
    dev.accessconsole.domain.model.RbacGroupRepository groups;

    @PersistenceContext(unitName = "access-console")
    EntityManager em;

    /** Decides each asked permission for the member in {@code workspaceId} (Default when null), as the guard would. */
    @Transactional
    public Explanation explain(String organizationId, String userId, String workspaceId, List<Permission> asked) {
        Entry entry = standingOf(organizationId, userId, workspaceId);
        WorkspaceStanding workspace = entry.workspaceStanding();
        List<PermissionDecision> answers = asked.stream().map(p -> {
            Decision decision = decisions.decide(entry.standing(), p, workspace);
            return new PermissionDecision(p, decision.granted(), decision.outcome().name().toLowerCase(java.util.Locale.ROOT), decision.reasons(),
                    decision.sources());
        }).toList();
        return new Explanation(userId, entry.member().role(), entry.standing().roles(), entry.standing().customRoles(), workspace.workspaceId(), workspace.kind(),
                decisions.effectiveWorkspaceRole(entry.standing(), workspace).role(), answers);
    }

    /** Every member × workspace that is not archived, with effective role and permissions, members and workspaces in id order. */
    @Transactional
    public List<ReviewRow> review(String organizationId) {
        return entries(organizationId).stream().map(entry -> new ReviewRow(entry.member().user().id(), entry.member().user().email(),
                entry.member().role(), entry.standing().roles(), entry.standing().customRoles(), entry.workspace().id(), entry.workspace().name(), entry.workspace().kind(),
                decisions.effectiveWorkspaceRole(entry.standing(), entry.workspaceStanding()).role(),
                List.copyOf(decisions.permissionsIn(entry.standing(), entry.workspaceStanding())))).toList();
    }

    private Entry standingOf(String organizationId, String userId, String workspaceId) {
        OrganizationMember member = organizations.member(organizationId, userId).orElseThrow(() -> DomainException.notFound("user"));
        Workspace workspace = workspaces.findOrDefault(organizationId, workspaceId)
                .orElseThrow(() -> DomainException.notFound("workspace"));
        WorkspaceRole explicit = workspaces.explicitMember(workspace.id(), userId).map(WorkspaceMember::role).orElse(null);
        return new Entry(member, workspace, standing(organizationId, member, memberRoles.of(member), memberRoles.customRoles(organizationId, userId),
                explicit == null ? Map.of() : Map.of(workspace.id(), new MemberStanding.Membership(workspace.kind(), explicit))));
    }

    private List<Entry> entries(String organizationId) {
        List<OrganizationMember> members = em.createQuery("select m from OrganizationMember m join fetch m.user u"
                + " where m.organization.id = :org and m.suspendedAt is null order by u.id", OrganizationMember.class)
                .setParameter("org", organizationId).getResultList();
        Map<String, List<HeldRole>> viaGroups = groups.groupRolesOfOrganization(organizationId);
        List<Workspace> all = em.createQuery("select w from Workspace w where w.organization.id = :org and w.archivedAt is null order by w.id",
                Workspace.class).setParameter("org", organizationId).getResultList();
        Map<String, Map<String, MemberStanding.Membership>> explicit = new HashMap<>();
        em.createQuery("select wm from WorkspaceMember wm join fetch wm.workspace w where w.organization.id = :org", WorkspaceMember.class)
                .setParameter("org", organizationId).getResultList()
                .forEach(wm -> explicit.computeIfAbsent(wm.user().id(), u -> new HashMap<>())
                        .put(wm.workspace().id(), new MemberStanding.Membership(wm.workspace().kind(), wm.role())));
        return members.stream().flatMap(member -> {
            List<HeldRole> held = new java.util.ArrayList<>();
            held.add(HeldRole.direct(member.role()));
            held.addAll(viaGroups.getOrDefault(member.user().id(), List.of()));
            MemberStanding standing = standing(organizationId, member, held, memberRoles.customRoles(organizationId, member.user().id()),
                    explicit.getOrDefault(member.user().id(), Map.of()));
            return all.stream().map(workspace -> new Entry(member, workspace, standing));
        }).toList();
    }

    private static MemberStanding standing(String organizationId, OrganizationMember member, List<HeldRole> held, List<HeldCustomRole> custom,
                                           Map<String, MemberStanding.Membership> memberships) {
        return new MemberStanding(organizationId, PrincipalKind.USER, member.user().id(), held, custom, memberships, member.sessionsNotBefore());
    }
}
