package dev.accessconsole.domain.application;

import dev.accessconsole.domain.model.ErrorCode;
import dev.accessconsole.authz.api.OrgRole;
import dev.accessconsole.authz.api.WorkspaceKind;
import dev.accessconsole.authz.api.WorkspaceRole;
import dev.accessconsole.authz.api.AccessDecisions;
import dev.accessconsole.domain.model.Actor;
import dev.accessconsole.domain.model.ApiKey;
import dev.accessconsole.domain.model.AuditLog;
import dev.accessconsole.domain.model.DomainException;
import dev.accessconsole.domain.model.JsonBuilders;
import dev.accessconsole.domain.model.Page;
import dev.accessconsole.domain.model.PageRequest;
import dev.accessconsole.domain.model.ServiceAccount;
import dev.accessconsole.domain.model.ServiceAccountMembership;
import dev.accessconsole.domain.model.ServiceAccountRepository;
import dev.accessconsole.domain.model.Time;
import dev.accessconsole.domain.model.Workspace;
import dev.accessconsole.domain.model.WorkspaceRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Service accounts (roles.md, "Service accounts"): created, changed and archived by members:manage; their workspace
 * memberships changed by workspace_members:manage in the workspace. Which roles and workspaces they may hold is the
 * policy's ({@link AccessPolicy#serviceAccountMayHold}, {@link AccessPolicy#serviceAccountMayJoin}).
 */
@ApplicationScoped
public class ServiceAccountService {

    @Inject
    AccessDecisions decisions;

    public static final int MAX_NAME_LENGTH = 255;
    public static final int MAX_DESCRIPTION_LENGTH = 1000;

    /** A membership as the API shows it; {@code implicit}: the Default workspace's, which every account holds. */
    public record Membership(String serviceAccountId, String workspaceId, WorkspaceRole role, boolean implicit, String createdBy) {
    }

    @Inject
    ServiceAccountRepository accounts;

    @Inject
    WorkspaceRepository workspaces;

    @Inject
    AuditLog audit;

    @PersistenceContext
    EntityManager em;

    @Transactional
    public ServiceAccount create(Actor actor, String organizationId, String name, String description, OrgRole role) {
        String cleanName = Names.require("name", name, MAX_NAME_LENGTH);
        String cleanDescription = description(description);
        OrgRole granted = role == null ? OrgRole.DEVELOPER : requireRole(role, actor);
        ServiceAccount account = new ServiceAccount(organizationId, cleanName, cleanDescription, granted, actor.id(), Time.now());
        accounts.add(account);
        audit.record(organizationId, actor, "service_account.create", "service_account", account.id(),
                JsonBuilders.object().add("name", cleanName).add("organization_role", granted.value()).build().toString());
        return account;
    }

    @Transactional
    public Page<ServiceAccount> list(String organizationId, boolean includeArchived, PageRequest page) {
        return accounts.list(organizationId, includeArchived, page);
    }

    @Transactional
    public ServiceAccount get(String organizationId, String serviceAccountId) {
        return accounts.find(organizationId, serviceAccountId).orElseThrow(() -> DomainException.notFound("service_account"));
    }

    /** An account after a change, with the keys the change archived (the account can no longer use their workspace). */
    public record Changed(ServiceAccount account, List<String> archivedKeys) {
    }

    @Transactional
    public Changed update(Actor actor, String organizationId, String serviceAccountId, String description, OrgRole role) {
        ServiceAccount account = active(organizationId, serviceAccountId);
        String cleanDescription = description == null ? null : description(description);
        if (role != null && role != account.organizationRole()) {
            decisions.requireMayChangeHolder(actor.principalKind(), java.util.EnumSet.of(account.organizationRole()), java.util.EnumSet.of(role));
            requireRole(role, actor);
        }
        var details = JsonBuilders.object();
        if (role != null && role != account.organizationRole()) {
            details.add("organization_role_before", account.organizationRole().value()).add("organization_role_after", role.value());
        }
        if (cleanDescription != null) {
            details.add("description", cleanDescription);
        }
        account.change(cleanDescription, role, actor.id(), Time.now());
        List<String> archived = archiveUnusableKeys(account);
        if (!archived.isEmpty()) {
            details.add("api_keys_archived", JsonBuilders.array(archived));
        }
        audit.record(organizationId, actor, "service_account.update", "service_account", serviceAccountId, details.build().toString());
        return new Changed(account, archived);
    }

    /** Archives the account for good, with every key of it, in one transaction. */
    @Transactional
    public ServiceAccount archive(Actor actor, String organizationId, String serviceAccountId) {
        ServiceAccount account = active(organizationId, serviceAccountId);
        // archiving removes an admin as surely as a demotion (roles.md): an Admin API key may not
        decisions.requireMayChangeHolder(actor.principalKind(), java.util.EnumSet.of(account.organizationRole()), null);
        Instant now = Time.now();
        account.archive(actor.id(), now);
        List<ApiKey> keys = em.createQuery("select k from ApiKey k where k.serviceAccountId = :account and k.status <> :archived", ApiKey.class)
                .setParameter("account", serviceAccountId)
                .setParameter("archived", ApiKey.Status.ARCHIVED.value())
                .getResultList();
        keys.forEach(k -> k.changeStatus(ApiKey.Status.ARCHIVED));
        audit.record(organizationId, actor, "service_account.archive", "service_account", serviceAccountId,
                JsonBuilders.object().add("api_keys_archived", keys.size()).build().toString());
        return account;
    }

    /** The account's memberships: the implicit one in Default first, then the explicit ones. */
    @Transactional
    public Page<Membership> memberships(String organizationId, String serviceAccountId, PageRequest page) {
        ServiceAccount account = active(organizationId, serviceAccountId, true);
        List<Membership> shown = new ArrayList<>();
        if (page.afterId() == null && page.beforeId() == null) {
            shown.add(implicitDefault(organizationId, account));
        }
        Page<ServiceAccountMembership> explicit = accounts.memberships(serviceAccountId, page);
        explicit.data().forEach(m -> shown.add(view(m)));
        return new Page<>(shown, explicit.hasMore());
    }

    /** The service accounts of a workspace: every account in Default (implicitly), explicit members elsewhere. */
    @Transactional
    public Page<Membership> members(String organizationId, String workspaceId, PageRequest page) {
        Workspace workspace = readable(organizationId, workspaceId);
        if (workspace.kind() == WorkspaceKind.DEFAULT) {
            return accounts.list(organizationId, false, page).map(a -> implicitDefault(organizationId, a));
        }
        return accounts.membersOf(workspace.id(), page).map(ServiceAccountService::view);
    }

    @Transactional
    public Membership membership(String organizationId, String workspaceId, String serviceAccountId) {
        Workspace workspace = readable(organizationId, workspaceId);
        ServiceAccount account = active(organizationId, serviceAccountId, true);
        if (workspace.kind() == WorkspaceKind.DEFAULT) {
            return implicitDefault(organizationId, account);
        }
        return accounts.membership(serviceAccountId, workspace.id()).map(ServiceAccountService::view)
                .orElseThrow(() -> DomainException.notFound("service_account_workspace_member"));
    }

    @Transactional
    public Membership add(Actor actor, String organizationId, String workspaceId, String serviceAccountId, WorkspaceRole role) {
        Workspace workspace = changeable(organizationId, workspaceId);
        ServiceAccount account = active(organizationId, serviceAccountId);
        requireRole(role);
        requireExplicitChangeable(account, workspace, role);
        if (accounts.membership(serviceAccountId, workspace.id()).isPresent()) {
            throw DomainException.invalid(ErrorCode.ALREADY_WORKSPACE_MEMBER,
                    "The service account is already a member of this workspace; update the membership instead.");
        }
        ServiceAccountMembership membership = new ServiceAccountMembership(account.id(), workspace.id(), role, actor.id(), Time.now());
        accounts.addMembership(membership);
        audit.record(organizationId, actor, "service_account_workspace.add", "service_account_workspace_member",
                workspace.id() + "/" + serviceAccountId, JsonBuilders.object().add("workspace_role", role.value()).build().toString());
        return view(membership);
    }

    @Transactional
    public Membership change(Actor actor, String organizationId, String workspaceId, String serviceAccountId, WorkspaceRole role) {
        Workspace workspace = changeable(organizationId, workspaceId);
        ServiceAccount account = active(organizationId, serviceAccountId);
        requireRole(role);
        requireExplicitChangeable(account, workspace, role);
        ServiceAccountMembership membership = accounts.membership(serviceAccountId, workspace.id())
                .orElseThrow(() -> DomainException.notFound("service_account_workspace_member"));
        String before = membership.role().value();
        membership.role(role);
        audit.record(organizationId, actor, "service_account_workspace.update", "service_account_workspace_member",
                workspace.id() + "/" + serviceAccountId,
                JsonBuilders.object().add("workspace_role_before", before).add("workspace_role_after", role.value()).build().toString());
        return view(membership);
    }

    /**
     * Ends an explicit membership: the account's keys in that workspace are archived in the same transaction (roles.md: a
     * key is never listed active while verification refuses it); returns their ids.
     */
    @Transactional
    public List<String> remove(Actor actor, String organizationId, String workspaceId, String serviceAccountId) {
        Workspace workspace = changeable(organizationId, workspaceId);
        ServiceAccount account = active(organizationId, serviceAccountId);
        requireExplicitChangeable(account, workspace, null);
        ServiceAccountMembership membership = accounts.membership(serviceAccountId, workspace.id())
                .orElseThrow(() -> DomainException.notFound("service_account_workspace_member"));
        accounts.removeMembership(membership);
        em.flush();
        List<String> archived = archiveUnusableKeys(account);
        audit.record(organizationId, actor, "service_account_workspace.remove", "service_account_workspace_member",
                workspace.id() + "/" + serviceAccountId, JsonBuilders.object().add("api_keys_archived", JsonBuilders.array(archived)).build().toString());
        return archived;
    }

    /** An admin service account is workspace_admin everywhere by implication: no explicit role to give, change or take (roles.md). */
    private void requireExplicitChangeable(ServiceAccount account, Workspace workspace, WorkspaceRole role) {
        if (!decisions.explicitRoleChangeable(java.util.EnumSet.of(account.organizationRole()), workspace.kind(), role)) {
            throw DomainException.invalid(ErrorCode.IMPLIED_MEMBERSHIP, "An " + account.organizationRole().value()
                    + " service account holds its role in every workspace by implication; it has no explicit membership to change.");
        }
    }

    /** Archives the account's keys in workspaces it can no longer use; returns their ids. */
    private List<String> archiveUnusableKeys(ServiceAccount account) {
        List<ApiKey> keys = em.createQuery("select k from ApiKey k join fetch k.workspace where k.serviceAccountId = :account and k.status <> :archived",
                        ApiKey.class)
                .setParameter("account", account.id()).setParameter("archived", ApiKey.Status.ARCHIVED.value()).getResultList();
        List<String> archived = new ArrayList<>();
        for (ApiKey key : keys) {
            if (!mayUse(account, key.workspace())) {
                key.changeStatus(ApiKey.Status.ARCHIVED);
                archived.add(key.id());
            }
        }
        return archived;
    }

    /** Whether a service account may use a workspace now: not archived, and an effective role there. */
    public boolean mayUse(ServiceAccount account, Workspace workspace) {
        if (account.archived() || workspace.archived()) {
            return false;
        }
        WorkspaceRole explicit = accounts.membership(account.id(), workspace.id()).map(ServiceAccountMembership::role).orElse(null);
        return decisions.serviceAccountWorkspaceRole(account.organizationRole(), workspace.kind(), explicit).role() != null;
    }

    private Membership implicitDefault(String organizationId, ServiceAccount account) {
        Workspace defaultWorkspace = workspaces.findOrDefault(organizationId, null).orElseThrow(() -> DomainException.notFound("workspace"));
        return new Membership(account.id(), defaultWorkspace.id(), decisions.serviceAccountDefaultRole(), true, account.createdBy());
    }

    private static Membership view(ServiceAccountMembership membership) {
        return new Membership(membership.serviceAccountId(), membership.workspaceId(), membership.role(), false, membership.createdBy());
    }

    private ServiceAccount active(String organizationId, String serviceAccountId) {
        return active(organizationId, serviceAccountId, false);
    }

    /** The account; archived ones cannot change (400), and their memberships are not found (404). */
    private ServiceAccount active(String organizationId, String serviceAccountId, boolean readingMemberships) {
        ServiceAccount account = get(organizationId, serviceAccountId);
        if (account.archived()) {
            if (readingMemberships) {
                throw DomainException.notFound("service_account");
            }
            throw DomainException.invalid(ErrorCode.SERVICE_ACCOUNT_ARCHIVED, "An archived service account cannot be changed.");
        }
        return account;
    }

    private Workspace readable(String organizationId, String workspaceId) {
        Workspace workspace = workspaces.findOrDefault(organizationId, workspaceId).orElseThrow(() -> DomainException.notFound("workspace"));
        if (workspace.archived()) {
            throw DomainException.invalid(ErrorCode.WORKSPACE_ARCHIVED, "An archived workspace has no service account members.");
        }
        return workspace;
    }

    /** The workspace, locked for the change (concurrent adds of one account end in one winner and a clean 400). */
    private Workspace changeable(String organizationId, String workspaceId) {
        Workspace workspace = workspaces.findForUpdate(organizationId, workspaceId).orElseThrow(() -> DomainException.notFound("workspace"));
        if (workspace.archived()) {
            throw DomainException.invalid(ErrorCode.WORKSPACE_ARCHIVED, "An archived workspace cannot be changed.");
        }
        if (!decisions.serviceAccountMayJoin(workspace.kind())) {
            throw DomainException.invalid(ErrorCode.SERVICE_ACCOUNT_WORKSPACE, workspace.kind() == WorkspaceKind.DEFAULT
                    ? "Every service account is implicitly a member of the Default workspace; that membership cannot be changed."
                    : "Service accounts never use Claude Code: they cannot join the Claude Code workspace.");
        }
        return workspace;
    }

    private OrgRole requireRole(OrgRole role, Actor actor) {
        if (!decisions.serviceAccountMayHold(role)) {
            throw DomainException.invalid(ErrorCode.SERVICE_ACCOUNT_ROLE, "organization_role must be developer or admin.");
        }
        decisions.requireMayChangeHolder(actor.principalKind(), java.util.Set.of(), java.util.Set.of(role));
        return role;
    }

    private static void requireRole(WorkspaceRole role) {
        if (role == null || !role.assignable()) {
            throw DomainException.invalid(ErrorCode.INVALID_WORKSPACE_ROLE, "workspace_role must be one of "
                    + WorkspaceRole.assignableValues() + ".");
        }
    }

    private static String description(String description) {
        if (description == null) {
            return null;
        }
        String trimmed = description.strip();
        if (trimmed.length() > MAX_DESCRIPTION_LENGTH || trimmed.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t')) {
            throw DomainException.invalidField("description", "description must be at most " + MAX_DESCRIPTION_LENGTH
                    + " characters (UTF-16 code units) without control characters.");
        }
        return trimmed;
    }
}
