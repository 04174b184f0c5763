package dev.accessconsole.domain.application;

import dev.accessconsole.authz.api.MemberStanding;
import dev.accessconsole.authz.api.OrgRole;
import dev.accessconsole.authz.api.WorkspaceKind;
import dev.accessconsole.domain.model.Actor;
import dev.accessconsole.domain.model.ApiKey;
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
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;

/**
 * API keys of workspaces. Who may do what was decided by the guard in the key's workspace; here are the rules of
 * the keys themselves: none in the Claude Code workspace or an archived one, none created by an Admin API key,
 * archived is final.
 */
@ApplicationScoped
public class ApiKeyService {

    public static final int MAX_NAME_LENGTH = 500;

    /** Filters of the list, as the Admin API names them. */
    public record Filter(ApiKey.Status status, String workspaceId, String createdByUserId) {
    }

    @Inject
    WorkspaceRepository workspaces;

    @Inject
    AuditLog audit;

    @PersistenceContext(unitName = "access-console")
    EntityManager em;

    @Transactional
    public ApiKey.Created create(Actor actor, String organizationId, String workspaceId, String name) {
        if (actor.isAdminApiKey()) {
            throw DomainException.permission("admin_api_key_cannot_create_keys", "Admin API keys cannot create API keys.");
        }
        String cleanName = Names.require("name", name, MAX_NAME_LENGTH);
        Workspace workspace = workspaces.findOrDefault(organizationId, workspaceId)
                .orElseThrow(() -> DomainException.notFound("workspace"));
        if (workspace.kind() == WorkspaceKind.CLAUDE_CODE) {
            throw DomainException.invalid("claude_code_workspace_keys",
                    "Keys in the Claude Code workspace are created by Claude Code sign-in only.");
        }
        if (workspace.archived()) {
            throw DomainException.invalid("workspace_archived", "An archived workspace cannot get new API keys.");
        }
        ApiKey.Created created = ApiKey.create(workspace, cleanName, actor, null, Time.now());
        em.persist(created.key());
        audit.record(organizationId, actor, "api_key.create", "api_key", created.key().id(),
                Json.createObjectBuilder().add("name", cleanName).add("workspace_id", workspace.id()).build().toString());
        return created;
    }

    /**
     * The keys the caller may read (api_keys:read in their workspace): all for admins; for others the Default
     * workspace when their org role is developer, and workspaces where they are explicitly developer or admin.
     * A caller who may read keys nowhere is refused.
     */
    @Transactional
    public Page<ApiKey> list(MemberStanding standing, Filter filter, PageRequest page) {
        StringBuilder base = new StringBuilder("select k from ApiKey k join fetch k.workspace w where k.organizationId = :org");
        boolean restricted = standing.orgRole() != OrgRole.ADMIN;
        if (restricted) {
            if (!readsKeysAnywhere(standing)) {
                throw DomainException.permission("missing_permission", "Missing permission 'api_keys:read' in every workspace of the organization.");
            }
            base.append(" and (");
            base.append(standing.orgRole() == OrgRole.DEVELOPER ? "w.kind = :defaultKind or " : "");
            base.append("exists (select 1 from WorkspaceMember wm where wm.workspace = w and wm.user.id = :user"
                    + " and wm.role in ('workspace_developer', 'workspace_admin')"
                    + (standing.orgRole() == OrgRole.BILLING ? " and w.kind <> :claudeCode" : "") + "))");
        }
        if (filter.status() != null) {
            base.append(" and k.status = :status");
        }
        if (filter.workspaceId() != null) {
            base.append(" and w.id = :workspace");
        }
        if (filter.createdByUserId() != null) {
            base.append(" and k.createdById = :creator");
        }
        TypedQuery<ApiKey> query = em.createQuery(Cursor.jpql(base.toString(), "k.id", page), ApiKey.class)
                .setParameter("org", standing.organizationId());
        if (restricted) {
            query.setParameter("user", standing.principalId());
            if (standing.orgRole() == OrgRole.DEVELOPER) {
                query.setParameter("defaultKind", WorkspaceKind.DEFAULT);
            }
            if (standing.orgRole() == OrgRole.BILLING) {
                query.setParameter("claudeCode", WorkspaceKind.CLAUDE_CODE);
            }
        }
        if (filter.status() != null) {
            query.setParameter("status", filter.status().value());
        }
        if (filter.workspaceId() != null) {
            query.setParameter("workspace", filter.workspaceId());
        }
        if (filter.createdByUserId() != null) {
            query.setParameter("creator", filter.createdByUserId());
        }
        return Cursor.fetch(query, page);
    }

    private boolean readsKeysAnywhere(MemberStanding standing) {
        if (standing.orgRole() == OrgRole.DEVELOPER) {
            return true;
        }
        return em.createQuery("select count(wm) from WorkspaceMember wm where wm.user.id = :user and wm.workspace.organization.id = :org"
                        + " and wm.role in ('workspace_developer', 'workspace_admin')", Long.class)
                .setParameter("user", standing.principalId())
                .setParameter("org", standing.organizationId())
                .getSingleResult() > 0;
    }

    @Transactional
    public ApiKey get(String organizationId, String apiKeyId) {
        return em.createQuery("select k from ApiKey k join fetch k.workspace where k.id = :id and k.organizationId = :org", ApiKey.class)
                .setParameter("id", apiKeyId)
                .setParameter("org", organizationId)
                .getResultStream().findFirst()
                .orElseThrow(() -> DomainException.notFound("API key"));
    }

    @Transactional
    public ApiKey update(Actor actor, String organizationId, String apiKeyId, String name, ApiKey.Status status) {
        ApiKey key = get(organizationId, apiKeyId);
        String cleanName = name == null ? null : Names.require("name", name, MAX_NAME_LENGTH);
        if (key.status() == ApiKey.Status.ARCHIVED && (status != null && status != ApiKey.Status.ARCHIVED || cleanName != null)) {
            throw DomainException.invalid("api_key_archived", "An archived API key cannot be changed.");
        }
        JsonObjectBuilder details = Json.createObjectBuilder();
        if (cleanName != null && !cleanName.equals(key.name())) {
            details.add("name_before", key.name()).add("name_after", cleanName);
            key.rename(cleanName);
        }
        if (status != null && status != key.status()) {
            details.add("status_before", key.status().value()).add("status_after", status.value());
            key.changeStatus(status);
        }
        audit.record(organizationId, actor, "api_key.update", "api_key", apiKeyId, details.build().toString());
        return key;
    }
}
