package dev.accessconsole.domain.application;

import dev.accessconsole.authz.api.RestrictedAction;
import dev.accessconsole.domain.model.JsonBuilders;
import dev.accessconsole.domain.model.ApiKeyRepository;
import dev.accessconsole.authz.api.WorkspaceScope;
import dev.accessconsole.authz.api.AccessDecisions;
import dev.accessconsole.domain.model.ErrorCode;
import dev.accessconsole.domain.model.Actor;
import dev.accessconsole.domain.model.ApiKey;
import dev.accessconsole.domain.model.ServiceAccount;
import dev.accessconsole.domain.model.ServiceAccountRepository;
import dev.accessconsole.domain.model.AuditLog;
import dev.accessconsole.domain.model.Cursor;
import dev.accessconsole.domain.model.DomainException;
import dev.accessconsole.domain.model.Page;
import dev.accessconsole.domain.model.PageRequest;
import dev.accessconsole.domain.model.Time;
import dev.accessconsole.domain.model.Workspace;
import dev.accessconsole.domain.model.WorkspaceRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.transaction.Transactional;

import java.time.Instant;

/**
 * API keys of workspaces. Who may do what was decided by the guard in the key's workspace; here are the rules of
 * the keys themselves, from the policy: none created by hand in the Claude Code workspace, none created by an Admin API
 * key; none in an archived workspace, and archived is final.
 */
@ApplicationScoped
public class ApiKeyService {

    @Inject
    AccessDecisions decisions;

    public static final int MAX_NAME_LENGTH = 500;

    @Inject
    WorkspaceRepository workspaces;

    @Inject
    ApiKeyRepository keys;

    @Inject
    AuditLog audit;

    @Inject
    ServiceAccountRepository serviceAccounts;

    @Inject
    ServiceAccountService serviceAccountService;

    @Transactional
    public ApiKey.Created create(Actor actor, String organizationId, String workspaceId, String name, Instant expiresAt) {
        return create(actor, organizationId, workspaceId, name, expiresAt, null);
    }

    /** A key in a workspace; with {@code serviceAccountId}, a key of that service account, which must be able to use the workspace. */
    @Transactional
    public ApiKey.Created create(Actor actor, String organizationId, String workspaceId, String name, Instant expiresAt, String serviceAccountId) {
        decisions.require(actor.principalKind(), RestrictedAction.CREATE_API_KEY);
        String cleanName = Names.require("name", name, MAX_NAME_LENGTH);
        Workspace workspace = workspaces.findOrDefault(organizationId, workspaceId)
                .orElseThrow(() -> DomainException.notFound("workspace"));
        if (!decisions.acceptsKeysCreatedByHand(workspace.kind())) {
            throw DomainException.invalid(ErrorCode.CLAUDE_CODE_WORKSPACE_KEYS,
                    "Keys in the Claude Code workspace are created by Claude Code sign-in only.");
        }
        if (workspace.archived()) {
            throw DomainException.invalid(ErrorCode.WORKSPACE_ARCHIVED, "An archived workspace cannot get new API keys.");
        }
        Instant now = Time.now();
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw DomainException.invalidField("expires_at", "expires_at must be in the future.");
        }
        ApiKey.Created created;
        if (serviceAccountId == null) {
            created = ApiKey.create(workspace, cleanName, actor, null, expiresAt, now);
        } else {
            ServiceAccount account = serviceAccounts.find(organizationId, serviceAccountId)
                    .orElseThrow(() -> DomainException.invalidField("service_account_id", "No service account of this organization has that id."));
            if (!serviceAccountService.mayUse(account, workspace)) {
                throw DomainException.invalid(ErrorCode.SERVICE_ACCOUNT_WORKSPACE,
                        "The service account cannot use this workspace: add it to the workspace first (archived accounts get no keys).");
            }
            created = ApiKey.forServiceAccount(workspace, cleanName, account.id(), expiresAt, now);
        }
        keys.add(created.key());
        audit.record(organizationId, actor, "api_key.create", "api_key", created.key().id(),
                JsonBuilders.object().add("name", cleanName).add("workspace_id", workspace.id())
                        .add("expires_at", expiresAt == null ? "never" : expiresAt.toString()).build().toString());
        return created;
    }

    /** The keys of the workspaces in {@code scope} (where the policy grants the caller api_keys:read). */
    @Transactional
    public Page<ApiKey> list(String organizationId, WorkspaceScope scope, ApiKeyRepository.Filter filter, PageRequest page) {
        return keys.list(organizationId, scope, filter, page);
    }

    @Transactional
    public ApiKey get(String organizationId, String apiKeyId) {
        return keys.find(organizationId, apiKeyId).orElseThrow(() -> DomainException.notFound("api_key"));
    }

    @Transactional
    public ApiKey update(Actor actor, String organizationId, String apiKeyId, String name, ApiKey.Status status) {
        ApiKey key = get(organizationId, apiKeyId);
        String cleanName = name == null ? null : Names.require("name", name, MAX_NAME_LENGTH);
        JsonObjectBuilder details = JsonBuilders.object();
        key.change(cleanName, status, Time.now()).forEach(details::add);
        audit.record(organizationId, actor, "api_key.update", "api_key", apiKeyId, details.build().toString());
        return key;
    }
}
