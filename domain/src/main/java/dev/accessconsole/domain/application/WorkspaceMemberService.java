package dev.accessconsole.domain.application;

import dev.accessconsole.domain.model.JsonBuilders;
import dev.accessconsole.authz.api.Permission;
import dev.accessconsole.domain.model.ErrorCode;
import dev.accessconsole.authz.api.HeldRole;
import java.util.List;
import dev.accessconsole.authz.api.WorkspaceKind;
import dev.accessconsole.authz.api.WorkspaceRole;
import dev.accessconsole.authz.api.AccessDecisions;
import dev.accessconsole.domain.model.Actor;
import dev.accessconsole.domain.model.AuditLog;
import dev.accessconsole.domain.model.DomainException;
import dev.accessconsole.domain.model.OrganizationMember;
import dev.accessconsole.domain.model.OrganizationRepository;
import dev.accessconsole.domain.model.Page;
import dev.accessconsole.domain.model.PageRequest;
import dev.accessconsole.domain.model.Time;
import dev.accessconsole.domain.model.Workspace;
import dev.accessconsole.domain.model.WorkspaceMember;
import dev.accessconsole.domain.model.WorkspaceRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Workspace members, with the rules of roles.md, each asked of the policy: implied-only roles are never assigned;
 * implied memberships cannot be changed or removed (but one below the top role can be raised to it); explicit
 * memberships are stored apart so that a demotion falls back to them; only organization members join workspaces, and
 * only those whose org role may enter it; the Default workspace has no member list; nobody changes their own role;
 * an archived workspace is read-only.
 */
@ApplicationScoped
public class WorkspaceMemberService {

    @Inject
    AccessDecisions decisions;

    /** A member as a workspace shows it: the org membership and the effective workspace role. */
    public record View(String userId, String workspaceId, WorkspaceRole role) {
    }

    @Inject
    WorkspaceRepository workspaces;

    @Inject
    OrganizationRepository organizations;

    @Inject
    AuditLog audit;

    @Inject
    MemberRoles memberRoles;

    @Inject
    dev.accessconsole.domain.model.RbacGroupRepository groups;

    @Transactional
    public Page<View> list(String organizationId, String workspaceId, PageRequest page) {
        Workspace workspace = listedWorkspace(organizationId, workspaceId);
        Page<WorkspaceRepository.MemberRow> rows = workspaces.members(workspace, page);
        java.util.Map<String, java.util.List<HeldRole>> viaGroups = groups.groupRoles(organizationId,
                rows.data().stream().map(row -> row.member().user().id()).toList());
        return rows.map(row -> view(workspace, row.member().user().id(), held(row.member(), viaGroups), row.explicit()));
    }

    @Transactional
    public View get(String organizationId, String workspaceId, String userId) {
        Workspace workspace = listedWorkspace(organizationId, workspaceId);
        OrganizationMember member = organizations.member(organizationId, userId).orElseThrow(() -> DomainException.notFound("workspace member"));
        View view = view(workspace, userId, memberRoles.of(member), workspaces.explicitMember(workspaceId, userId).orElse(null));
        if (view.role() == null) {
            throw DomainException.notFound("workspace member");
        }
        return view;
    }

    @Transactional
    public View add(Actor actor, String organizationId, String workspaceId, String userId, WorkspaceRole role) {
        Workspace workspace = changeableWorkspace(organizationId, workspaceId);
        requireAssignable(role);
        OrganizationMember member = organizations.member(organizationId, userId).orElseThrow(() ->
                DomainException.invalid(ErrorCode.NOT_AN_ORGANIZATION_MEMBER, "The user must be a member of the organization before joining a workspace."));
        if (workspaces.explicitMember(workspaceId, userId).isPresent()) {
            throw DomainException.invalid(ErrorCode.ALREADY_WORKSPACE_MEMBER, "The user is already a member of this workspace; update the membership instead.");
        }
        List<HeldRole> held = memberRoles.of(member);
        requireChangeable(held, workspace, role);
        workspaces.addMember(new WorkspaceMember(workspace, member.user(), role, Time.now()));
        audit.record(organizationId, actor, "workspace_member.add", "workspace_member", workspaceId + "/" + userId,
                JsonBuilders.object().add("workspace_role", role.value()).build().toString());
        return new View(userId, workspaceId, effective(held, workspace, role));
    }

    @Transactional
    public View update(Actor actor, String organizationId, String workspaceId, String userId, WorkspaceRole role) {
        Workspace workspace = changeableWorkspace(organizationId, workspaceId);
        requireNotSelf(actor, userId);
        requireAssignable(role);
        OrganizationMember member = organizations.member(organizationId, userId).orElseThrow(() -> DomainException.notFound("workspace member"));
        WorkspaceMember explicit = workspaces.explicitMember(workspaceId, userId).orElse(null);
        List<HeldRole> held = memberRoles.of(member);
        requireChangeable(held, workspace, role);
        if (explicit == null) {
            // an implied membership below the top role can be raised to it (roles.md): that stores an explicit one
            if (decisions.impliedRole(MemberRoles.roles(held), workspace.kind()).isPresent()) {
                workspaces.addMember(new WorkspaceMember(workspace, member.user(), role, Time.now()));
            } else {
                throw DomainException.notFound("workspace member");
            }
        } else {
            explicit.changeRole(role);
        }
        audit.record(organizationId, actor, "workspace_member.update", "workspace_member", workspaceId + "/" + userId,
                JsonBuilders.object().add("before", explicit == null ? "implied" : explicit.role().value())
                        .add("after", role.value()).build().toString());
        return new View(userId, workspaceId, effective(held, workspace, role));
    }

    @Transactional
    public void remove(Actor actor, String organizationId, String workspaceId, String userId) {
        Workspace workspace = changeableWorkspace(organizationId, workspaceId);
        requireNotSelf(actor, userId);
        OrganizationMember member = organizations.member(organizationId, userId).orElseThrow(() -> DomainException.notFound("workspace member"));
        List<HeldRole> held = memberRoles.of(member);
        if (!decisions.explicitRoleChangeable(MemberRoles.roles(held), workspace.kind(), null)) {
            throw DomainException.invalid(ErrorCode.IMPLIED_MEMBERSHIP, "The member belongs to this workspace through "
                    + decisions.describe(held) + " and cannot be removed from it.");
        }
        WorkspaceMember explicit = workspaces.explicitMember(workspaceId, userId).orElseThrow(() -> DomainException.notFound("workspace member"));
        workspaces.removeMember(explicit);
        audit.record(organizationId, actor, "workspace_member.remove", "workspace_member", workspaceId + "/" + userId,
                JsonBuilders.object().add("workspace_role", explicit.role().value()).build().toString());
    }

    private Workspace workspace(String organizationId, String workspaceId) {
        return workspaces.find(organizationId, workspaceId).orElseThrow(() -> DomainException.notFound("workspace"));
    }

    /** A workspace whose members may be listed: the Default workspace has none (roles.md), whoever asks. */
    private Workspace listedWorkspace(String organizationId, String workspaceId) {
        return requireMemberList(workspace(organizationId, workspaceId));
    }

    /**
     * A workspace whose members may change, its row locked until the transaction ends (two admins adding one member at
     * once: one success, one clean 400); archived workspaces are read-only.
     */
    private Workspace changeableWorkspace(String organizationId, String workspaceId) {
        Workspace workspace = requireMemberList(workspaces.findForUpdate(organizationId, workspaceId)
                .orElseThrow(() -> DomainException.notFound("workspace")));
        if (workspace.archived()) {
            throw DomainException.invalid(ErrorCode.WORKSPACE_ARCHIVED, "An archived workspace is read-only.");
        }
        return workspace;
    }

    private Workspace requireMemberList(Workspace workspace) {
        if (!decisions.hasMemberList(workspace.kind())) {
            throw DomainException.invalid(ErrorCode.DEFAULT_WORKSPACE_HAS_NO_MEMBERS,
                    "The Default workspace has no member list: access there follows the organization role.");
        }
        return workspace;
    }

    /** A member cannot change or remove their own workspace role (roles.md). */
    private static void requireNotSelf(Actor actor, String userId) {
        if (!actor.isAdminApiKey() && actor.id().equals(userId)) {
            throw DomainException.invalid(ErrorCode.CANNOT_CHANGE_OWN_ROLE, "You cannot change or remove your own workspace role.");
        }
    }

    private static void requireAssignable(WorkspaceRole role) {
        if (!role.assignable()) {
            throw DomainException.invalid(ErrorCode.INVALID_WORKSPACE_ROLE,
                    "workspace_billing cannot be assigned: it follows from the organization billing role.");
        }
    }

    /** Implied memberships are fixed while the roles hold, except that one below the top role may be raised to it. */
    private void requireChangeable(List<HeldRole> held, Workspace workspace, WorkspaceRole role) {
        java.util.Set<dev.accessconsole.authz.api.OrgRole> roles = MemberRoles.roles(held);
        if (!decisions.mayHoldMembership(roles, workspace.kind())) {
            throw DomainException.invalid(ErrorCode.WORKSPACE_NOT_ACCESSIBLE_TO_ROLE, "A member holding " + decisions.describe(held)
                    + " cannot enter the " + workspace.name() + " workspace: it needs " + Permission.CLAUDE_CODE_USE.value() + ".");
        }
        if (decisions.explicitRoleChangeable(roles, workspace.kind(), role)) {
            return;
        }
        throw DomainException.invalid(ErrorCode.IMPLIED_MEMBERSHIP, "The member holds this workspace's role through "
                + decisions.describe(held) + "; it cannot be changed"
                + decisions.raisableTo(roles, workspace.kind()).map(top -> " except to " + top.value() + ".").orElse("."));
    }

    private static List<HeldRole> held(OrganizationMember member, java.util.Map<String, List<HeldRole>> viaGroups) {
        List<HeldRole> held = new java.util.ArrayList<>();
        held.add(HeldRole.direct(member.role()));
        held.addAll(viaGroups.getOrDefault(member.user().id(), List.of()));
        return held;
    }

    private View view(Workspace workspace, String userId, List<HeldRole> held, WorkspaceMember explicit) {
        return new View(userId, workspace.id(), effective(held, workspace, explicit == null ? null : explicit.role()));
    }

    private WorkspaceRole effective(List<HeldRole> held, Workspace workspace, WorkspaceRole explicit) {
        return decisions.effectiveWorkspaceRole(held, workspace.kind(), explicit).role();
    }
}
