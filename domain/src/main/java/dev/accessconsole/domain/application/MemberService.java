package dev.accessconsole.domain.application;

import dev.accessconsole.domain.model.JsonBuilders;
import dev.accessconsole.authz.api.AccessDeniedException;
import dev.accessconsole.domain.model.ApiKeyRepository;
import dev.accessconsole.authz.api.ErrorCode;
import dev.accessconsole.authz.api.OrgRole;
import dev.accessconsole.authz.api.Permission;
import dev.accessconsole.authz.policy.AccessPolicy;
import dev.accessconsole.domain.model.Organization;
import dev.accessconsole.domain.model.Actor;
import dev.accessconsole.domain.model.AuditLog;
import dev.accessconsole.domain.model.DomainException;
import dev.accessconsole.domain.model.OrganizationMember;
import dev.accessconsole.domain.model.OrganizationRepository;
import dev.accessconsole.domain.model.Page;
import dev.accessconsole.domain.model.PageRequest;
import dev.accessconsole.domain.model.UserAccount;
import dev.accessconsole.domain.model.WorkspaceRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import java.util.ArrayList;
import dev.accessconsole.domain.model.WorkspaceMember;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.util.List;

/**
 * Organization members: list, read, change role, remove. Keeps the invariants of roles.md under concurrency:
 * every change that could remove an admin first locks the organization row, so two admins demoting each other at
 * once are serialized and the second finds the last admin.
 */
@ApplicationScoped
public class MemberService {

    @Inject
    OrganizationRepository organizations;

    @Inject
    WorkspaceRepository workspaces;

    @Inject
    AuditLog audit;

    @Inject
    ApiKeyRepository apiKeys;

    @Inject
    AdminKeyService adminKeys;

    @Transactional
    public Page<OrganizationMember> list(String organizationId, String email, List<OrgRole> roles, PageRequest page) {
        return organizations.members(organizationId, email == null ? null : UserAccount.normalizeEmail(email), roles, page);
    }

    @Transactional
    public OrganizationMember get(String organizationId, String userId) {
        return organizations.member(organizationId, userId).orElseThrow(() -> DomainException.notFound("user"));
    }

    /** The outcome of a role change or removal, with warnings for the caller (billing emails left without access). */
    public record Change(OrganizationMember member, List<String> warnings) {
    }

    @Transactional
    public Change changeRole(Actor actor, String organizationId, String userId, OrgRole newRole) {
        if (newRole == OrgRole.ADMIN) {
            AccessPolicy.require(actor.principalKind(), AccessPolicy.RestrictedAction.ASSIGN_ADMIN_ROLE);
        }
        lockAndRecheckActor(actor, organizationId);
        OrganizationMember member = get(organizationId, userId);
        OrgRole before = member.role();
        if (before == OrgRole.ADMIN && newRole != OrgRole.ADMIN) {
            AccessPolicy.require(actor.principalKind(), AccessPolicy.RestrictedAction.CHANGE_ADMIN_ROLE);
            // the last admin's answer comes first, also when the last admin tries to demote themselves
            requireAnotherAdmin(organizationId);
        }
        if (!actor.isAdminApiKey() && actor.id().equals(userId)) {
            throw DomainException.invalid(ErrorCode.CANNOT_CHANGE_OWN_ROLE, "You cannot change your own role.");
        }
        if (before == newRole) {
            return new Change(member, List.of());
        }
        member.changeRole(newRole);
        JsonObjectBuilder details = JsonBuilders.object().add("before", before.value()).add("after", newRole.value());
        leaveWorkspacesClosedTo(organizationId, member, newRole, details);
        List<String> warnings = new ArrayList<>(revokeAdminKeysIfNoLongerAdmin(actor, organizationId, member, before, newRole, details));
        audit.record(organizationId, actor, "member.role_change", "user", userId, details.build().toString());
        warnings.addAll(billingEmailWarnings(actor, organizationId, member, newRole));
        return new Change(member, warnings);
    }

    /**
     * An Admin API key acts as an admin on behalf of the admin who created it: when that person stops being an admin
     * (demoted or removed), their keys are revoked in the same transaction (roles.md), and the caller is told.
     */
    private List<String> revokeAdminKeysIfNoLongerAdmin(Actor actor, String organizationId, OrganizationMember member, OrgRole before,
                                                        OrgRole after, JsonObjectBuilder details) {
        if (before != OrgRole.ADMIN || after == OrgRole.ADMIN) {
            return List.of();
        }
        List<String> revoked = adminKeys.revokeCreatedBy(organizationId, member.user().id());
        if (revoked.isEmpty()) {
            return List.of();
        }
        details.add("admin_api_keys_revoked", JsonBuilders.array(revoked));
        for (String keyId : revoked) {
            audit.record(organizationId, actor, "admin_api_key.revoke", "admin_api_key", keyId,
                    JsonBuilders.object().add("reason", "its creator " + member.user().id() + " is no longer an admin").build().toString());
        }
        return List.of(revoked.size() + " Admin API key(s) created by " + member.user().id()
                + " were revoked: their creator is no longer an admin of this organization.");
    }

    /**
     * After a role change, in the same transaction: the member leaves every workspace the new org role may not enter
     * (the policy's rule: the Claude Code workspace needs claude_code:use), and the keys bound to them there are archived.
     */
    private void leaveWorkspacesClosedTo(String organizationId, OrganizationMember member, OrgRole newRole, JsonObjectBuilder details) {
        List<String> left = new ArrayList<>();
        for (WorkspaceMember explicit : workspaces.explicitMembershipsOf(organizationId, member.user().id())) {
            if (!AccessPolicy.mayHoldMembership(newRole, explicit.workspace().kind())) {
                left.add(explicit.workspace().id());
                workspaces.removeMember(explicit);
            }
        }
        if (!left.isEmpty()) {
            int archived = apiKeys.archiveBoundTo(organizationId, member.user().id(), left);
            details.add("workspaces_left", JsonBuilders.array(left)).add("bound_api_keys_archived", archived);
        }
    }

    /**
     * Role changes never touch billing emails (roles.md). When one leaves a billing email with a person who can no
     * longer read billing, say so: in the response and in the audit log.
     */
    private List<String> billingEmailWarnings(Actor actor, String organizationId, OrganizationMember member, OrgRole newRole) {
        if (newRole != null && AccessPolicy.organizationPermissions(newRole).contains(Permission.BILLING_READ)) {
            return List.of();
        }
        Organization organization = organizations.find(organizationId).orElseThrow();
        String email = member.user().email();
        if (email == null || !BillingService.billingEmails(organization).contains(email)) {
            return List.of();
        }
        boolean primary = email.equals(organization.primaryBillingEmail());
        String warning = (primary ? "The primary billing email" : "A billing contact email") + " (" + email + ") belongs to a person who "
                + (newRole == null ? "is no longer a member" : "no longer has billing:read (role " + newRole.value() + ")")
                + "; billing emails are unchanged. Ask support to update them if needed.";
        audit.record(organizationId, actor, "billing.email_holder_without_access", "user", member.user().id(),
                JsonBuilders.object().add("email", email).add("primary", primary).add("warning", warning).build().toString());
        return List.of(warning);
    }

    @Transactional
    public Change remove(Actor actor, String organizationId, String userId) {
        lockAndRecheckActor(actor, organizationId);
        OrganizationMember member = get(organizationId, userId);
        if (member.role() == OrgRole.ADMIN) {
            AccessPolicy.require(actor.principalKind(), AccessPolicy.RestrictedAction.REMOVE_ADMIN);
            requireAnotherAdmin(organizationId);
        }
        int workspaceMemberships = workspaces.removeMembershipsOf(organizationId, userId);
        // keys bound to the member (Claude Code) stop with the membership; workspace keys they created stay
        int boundKeys = apiKeys.archiveBoundTo(organizationId, userId, null);
        JsonObjectBuilder details = JsonBuilders.object()
                .add("role", member.role().value()).add("workspace_memberships_removed", workspaceMemberships)
                .add("bound_api_keys_archived", boundKeys);
        List<String> warnings = new ArrayList<>(revokeAdminKeysIfNoLongerAdmin(actor, organizationId, member, member.role(), null, details));
        organizations.removeMember(member);
        audit.record(organizationId, actor, "member.remove", "user", userId, details.build().toString());
        warnings.addAll(billingEmailWarnings(actor, organizationId, member, null));
        return new Change(member, warnings);
    }

    /**
     * Locks the organization row, then checks again, under the lock, that a signed-in actor is still an admin: the
     * guard decided before the lock, and a concurrent demotion may have landed since.
     */
    private void lockAndRecheckActor(Actor actor, String organizationId) {
        organizations.findForUpdate(organizationId).orElseThrow(() -> DomainException.notFound("organization"));
        if (!actor.isAdminApiKey()) {
            boolean stillAdmin = organizations.member(organizationId, actor.id()).map(m -> m.role() == OrgRole.ADMIN).orElse(false);
            if (!stillAdmin) {
                throw new AccessDeniedException.MissingPermission(Permission.MEMBERS_MANAGE.value(), "your role changed while this request ran");
            }
        }
    }

    private void requireAnotherAdmin(String organizationId) {
        if (organizations.countMembersWithRole(organizationId, OrgRole.ADMIN) <= 1) {
            throw DomainException.invalid(ErrorCode.CANNOT_REMOVE_LAST_MEMBER, "An organization must keep at least one admin.");
        }
    }
}
