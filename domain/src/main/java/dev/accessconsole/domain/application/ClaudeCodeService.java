package dev.accessconsole.domain.application;

import dev.accessconsole.domain.model.JsonBuilders;
import java.util.Optional;
import dev.accessconsole.authz.api.Permission;
import dev.accessconsole.authz.api.AccessDecisions;
import dev.accessconsole.domain.model.ErrorCode;
import dev.accessconsole.authz.api.WorkspaceKind;
import dev.accessconsole.authz.api.WorkspaceRole;
import dev.accessconsole.domain.model.Actor;
import dev.accessconsole.domain.model.ApiKey;
import dev.accessconsole.domain.model.AuditLog;
import dev.accessconsole.domain.model.DomainException;
import dev.accessconsole.domain.model.Organization;
import dev.accessconsole.domain.model.OrganizationMember;
import dev.accessconsole.domain.model.OrganizationRepository;
import dev.accessconsole.domain.model.Time;
import dev.accessconsole.domain.model.Workspace;
import dev.accessconsole.domain.model.WorkspaceMember;
import dev.accessconsole.domain.model.WorkspaceRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.time.Instant;

/**
 * Claude Code sign-in: creates the organization's Claude Code workspace on first use (under the organization row
 * lock, so two first sign-ins make one workspace), adds the member to it, and mints a key bound to the member.
 */
@ApplicationScoped
public class ClaudeCodeService {

    @Inject
    AccessDecisions decisions;

    @Inject
    OrganizationRepository organizations;

    @Inject
    WorkspaceRepository workspaces;

    @Inject
    AuditLog audit;

    @Inject
    MemberRoles memberRoles;

    @PersistenceContext(unitName = "access-console")
    EntityManager em;

    @Transactional
    public ApiKey.Created signIn(String organizationId, String userId) {
        Organization organization = organizations.findForUpdate(organizationId).orElseThrow(() -> DomainException.notFound("organization"));
        OrganizationMember member = organizations.member(organizationId, userId).orElseThrow(() -> DomainException.notFound("organization"));
        Instant now = Time.now();
        Workspace workspace = workspaces.claudeCodeWorkspace(organizationId).orElse(null);
        if (workspace == null) {
            workspace = new Workspace(organization, Workspace.CLAUDE_CODE_NAME, WorkspaceKind.CLAUDE_CODE, "#D97757", now);
            workspaces.add(workspace);
            audit.record(organizationId, Actor.user(userId), "workspace.create", "workspace", workspace.id(),
                    JsonBuilders.object().add("name", Workspace.CLAUDE_CODE_NAME).add("reason", "first Claude Code sign-in").build().toString());
        }
        if (workspace.archived()) {
            throw DomainException.missingPermission(ErrorCode.CLAUDE_CODE_DISABLED, Permission.CLAUDE_CODE_USE.value(),
                    "Claude Code sign-in is disabled: the Claude Code workspace is archived");
        }
        // admins are there by implication; the policy names the role the others join with
        Optional<WorkspaceRole> role = decisions.claudeCodeSignInRole(memberRoles.roleSet(organizationId, userId));
        if (role.isPresent() && workspaces.explicitMember(workspace.id(), userId).isEmpty()) {
            workspaces.addMember(new WorkspaceMember(workspace, member.user(), role.get(), now));
        }
        // named without personal data: every api_keys:read holder of the workspace sees key names
        ApiKey.Created created = ApiKey.create(workspace, "Claude Code", Actor.user(userId), userId, now);
        em.persist(created.key());
        audit.record(organizationId, Actor.user(userId), "claude_code.sign_in", "api_key", created.key().id(),
                JsonBuilders.object().add("workspace_id", workspace.id()).build().toString());
        return created;
    }
}
