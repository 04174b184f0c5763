package dev.accessconsole.domain.application;

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

    /** A member, with their email, their standing and one workspace's facts: what the policy decides on. */
    public record Entry(OrganizationMember member, Workspace workspace, MemberStanding standing) {

        /** The workspace as the policy sees it (null for the Default workspace, as decisions take it). */
        public WorkspaceStanding workspaceStanding() {
            return new WorkspaceStanding(workspace.id(), workspace.kind(), workspace.archived());
        }
    }

    @Inject
    OrganizationRepository organizations;

    @Inject
    WorkspaceRepository workspaces;

    @PersistenceContext(unitName = "access-console")
    EntityManager em;

    /** The member's standing, in {@code workspaceId} (the Default workspace when null). */
    @Transactional
    public Entry standingOf(String organizationId, String userId, String workspaceId) {
        OrganizationMember member = organizations.member(organizationId, userId).orElseThrow(() -> DomainException.notFound("user"));
        Workspace workspace = workspaces.findOrDefault(organizationId, workspaceId)
                .orElseThrow(() -> DomainException.notFound("workspace"));
        WorkspaceRole explicit = workspaces.explicitMember(workspace.id(), userId).map(WorkspaceMember::role).orElse(null);
        return new Entry(member, workspace, standing(organizationId, member, explicit == null ? Map.of()
                : Map.of(workspace.id(), new MemberStanding.Membership(workspace.kind(), explicit))));
    }

    /** Every member × every workspace that is not archived, members and workspaces in id order. */
    @Transactional
    public List<Entry> review(String organizationId) {
        List<OrganizationMember> members = em.createQuery("select m from OrganizationMember m join fetch m.user u"
                + " where m.organization.id = :org order by u.id", OrganizationMember.class).setParameter("org", organizationId).getResultList();
        List<Workspace> all = em.createQuery("select w from Workspace w where w.organization.id = :org and w.archivedAt is null order by w.id",
                Workspace.class).setParameter("org", organizationId).getResultList();
        Map<String, Map<String, MemberStanding.Membership>> explicit = new HashMap<>();
        em.createQuery("select wm from WorkspaceMember wm join fetch wm.workspace w where w.organization.id = :org", WorkspaceMember.class)
                .setParameter("org", organizationId).getResultList()
                .forEach(wm -> explicit.computeIfAbsent(wm.user().id(), u -> new HashMap<>())
                        .put(wm.workspace().id(), new MemberStanding.Membership(wm.workspace().kind(), wm.role())));
        return members.stream().flatMap(member -> {
            MemberStanding standing = standing(organizationId, member, explicit.getOrDefault(member.user().id(), Map.of()));
            return all.stream().map(workspace -> new Entry(member, workspace, standing));
        }).toList();
    }

    private static MemberStanding standing(String organizationId, OrganizationMember member, Map<String, MemberStanding.Membership> memberships) {
        return new MemberStanding(organizationId, PrincipalKind.USER, member.user().id(), member.role(), memberships);
    }
}
