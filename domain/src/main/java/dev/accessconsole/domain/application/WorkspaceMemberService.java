package dev.accessconsole.domain.application;

import dev.accessconsole.authz.api.OrgRole;
import dev.accessconsole.authz.api.WorkspaceKind;
import dev.accessconsole.authz.api.WorkspaceRole;
import dev.accessconsole.authz.policy.AccessPolicy;
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
import jakarta.json.Json;
import jakarta.transaction.Transactional;

/**
 * Workspace members, with the rules of roles.md: {@code workspace_billing} is never assigned; org admins and org
 * billing members hold implied memberships that cannot be changed or removed (but a billing member can be made
 * {@code workspace_admin}); explicit memberships are stored apart so that a demotion falls back to them; only
 * organization members join workspaces; the Default workspace has no member list of its own.
 */
@ApplicationScoped
public class WorkspaceMemberService {

    /** A member as a workspace shows it: the org membership and the effective workspace role. */
    public record View(String userId, String workspaceId, WorkspaceRole role) {
    }

    @Inject
    WorkspaceRepository workspaces;

    @Inject
    OrganizationRepository organizations;

    @Inject
    AuditLog audit;

    @Transactional
    public Page<View> list(String organizationId, String workspaceId, PageRequest page) {
        Workspace workspace = workspace(organizationId, workspaceId);
        return workspaces.members(workspace, page).map(row -> view(workspace, row.member(), row.explicit()));
    }

    @Transactional
    public View get(String organizationId, String workspaceId, String userId) {
        Workspace workspace = workspace(organizationId, workspaceId);
        OrganizationMember member = organizations.member(organizationId, userId).orElseThrow(() -> DomainException.notFound("workspace member"));
        View view = view(workspace, member, workspaces.explicitMember(workspaceId, userId).orElse(null));
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
                DomainException.invalid("not_an_organization_member", "The user must be a member of the organization before joining a workspace."));
        if (workspaces.explicitMember(workspaceId, userId).isPresent()) {
            throw DomainException.invalid("already_workspace_member", "The user is already a member of this workspace; update the membership instead.");
        }
        requireChangeable(member, workspace, role);
        workspaces.addMember(new WorkspaceMember(workspace, member.user(), role, Time.now()));
        audit.record(organizationId, actor, "workspace_member.add", "workspace_member", workspaceId + "/" + userId,
                Json.createObjectBuilder().add("workspace_role", role.value()).build().toString());
        return new View(userId, workspaceId, effective(member, workspace, role));
    }

    @Transactional
    public View update(Actor actor, String organizationId, String workspaceId, String userId, WorkspaceRole role) {
        Workspace workspace = changeableWorkspace(organizationId, workspaceId);
        requireAssignable(role);
        OrganizationMember member = organizations.member(organizationId, userId).orElseThrow(() -> DomainException.notFound("workspace member"));
        WorkspaceMember explicit = workspaces.explicitMember(workspaceId, userId).orElse(null);
        requireChangeable(member, workspace, role);
        if (explicit == null) {
            // a billing member's implied membership can be raised to workspace_admin: that stores an explicit one
            if (member.role() == OrgRole.BILLING && workspace.kind() != WorkspaceKind.CLAUDE_CODE) {
                workspaces.addMember(new WorkspaceMember(workspace, member.user(), role, Time.now()));
            } else {
                throw DomainException.notFound("workspace member");
            }
        } else {
            explicit.changeRole(role);
        }
        audit.record(organizationId, actor, "workspace_member.update", "workspace_member", workspaceId + "/" + userId,
                Json.createObjectBuilder().add("before", explicit == null ? "implied" : explicit.role().value())
                        .add("after", role.value()).build().toString());
        return new View(userId, workspaceId, effective(member, workspace, role));
    }

    @Transactional
    public void remove(Actor actor, String organizationId, String workspaceId, String userId) {
        Workspace workspace = changeableWorkspace(organizationId, workspaceId);
        OrganizationMember member = organizations.member(organizationId, userId).orElseThrow(() -> DomainException.notFound("workspace member"));
        if (AccessPolicy.holdsImpliedMembership(member.role(), workspace.kind())) {
            throw DomainException.invalid("implied_membership",
                    "Org " + member.role().value() + " members belong to this workspace through their organization role and cannot be removed from it.");
        }
        WorkspaceMember explicit = workspaces.explicitMember(workspaceId, userId).orElseThrow(() -> DomainException.notFound("workspace member"));
        workspaces.removeMember(explicit);
        audit.record(organizationId, actor, "workspace_member.remove", "workspace_member", workspaceId + "/" + userId,
                Json.createObjectBuilder().add("workspace_role", explicit.role().value()).build().toString());
    }

    private Workspace workspace(String organizationId, String workspaceId) {
        return workspaces.find(organizationId, workspaceId).orElseThrow(() -> DomainException.notFound("workspace"));
    }

    private Workspace changeableWorkspace(String organizationId, String workspaceId) {
        Workspace workspace = workspace(organizationId, workspaceId);
        if (workspace.kind() == WorkspaceKind.DEFAULT) {
            throw DomainException.invalid("default_workspace_has_no_members",
                    "The Default workspace has no member list: access there follows the organization role.");
        }
        if (workspace.archived()) {
            throw DomainException.invalid("workspace_archived", "An archived workspace cannot be changed.");
        }
        return workspace;
    }

    private static void requireAssignable(WorkspaceRole role) {
        if (!role.assignable()) {
            throw DomainException.invalid("invalid_workspace_role",
                    "workspace_billing cannot be assigned: it follows from the organization billing role.");
        }
    }

    /** Implied memberships are fixed while the org role holds, except that billing may be made workspace_admin. */
    private static void requireChangeable(OrganizationMember member, Workspace workspace, WorkspaceRole role) {
        if (member.role() == OrgRole.BILLING && workspace.kind() == WorkspaceKind.CLAUDE_CODE) {
            throw DomainException.invalid("billing_cannot_access_claude_code", "Org billing members cannot access the Claude Code workspace.");
        }
        if (!AccessPolicy.holdsImpliedMembership(member.role(), workspace.kind())) {
            return;
        }
        if (member.role() == OrgRole.BILLING && role == WorkspaceRole.WORKSPACE_ADMIN) {
            return;
        }
        throw DomainException.invalid("implied_membership", "Org " + member.role().value()
                + " members hold their workspace role through their organization role; it cannot be changed"
                + (member.role() == OrgRole.BILLING ? " except to workspace_admin." : "."));
    }

    private static View view(Workspace workspace, OrganizationMember member, WorkspaceMember explicit) {
        return new View(member.user().id(), workspace.id(),
                AccessPolicy.effectiveWorkspaceRole(member.role(), workspace.kind(), explicit == null ? null : explicit.role()).role());
    }

    private static WorkspaceRole effective(OrganizationMember member, Workspace workspace, WorkspaceRole explicit) {
        return AccessPolicy.effectiveWorkspaceRole(member.role(), workspace.kind(), explicit).role();
    }
}
