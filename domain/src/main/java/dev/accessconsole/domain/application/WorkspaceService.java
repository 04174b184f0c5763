package dev.accessconsole.domain.application;

import dev.accessconsole.domain.model.JsonBuilders;
import dev.accessconsole.domain.model.ApiKeyRepository;
import dev.accessconsole.authz.api.WorkspaceScope;
import dev.accessconsole.authz.policy.AccessPolicy;
import dev.accessconsole.authz.api.ErrorCode;
import dev.accessconsole.authz.api.WorkspaceKind;
import dev.accessconsole.domain.model.Actor;
import dev.accessconsole.domain.model.AuditLog;
import dev.accessconsole.domain.model.DomainException;
import dev.accessconsole.domain.model.Organization;
import dev.accessconsole.domain.model.OrganizationRepository;
import dev.accessconsole.domain.model.Page;
import dev.accessconsole.domain.model.PageRequest;
import dev.accessconsole.domain.model.Time;
import dev.accessconsole.domain.model.Workspace;
import dev.accessconsole.domain.model.WorkspaceRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Workspaces: create (at most {@value #MAX_ACTIVE_STANDARD} not archived per organization, counted under the
 * organization row lock so concurrent creations cannot overshoot), list what the caller may read, rename, archive.
 */
@ApplicationScoped
public class WorkspaceService {

    public static final int MAX_ACTIVE_STANDARD = 100;
    public static final int MAX_NAME_LENGTH = 40;
    private static final Pattern COLOR = Pattern.compile("^#[0-9a-fA-F]{6}$");

    @Inject
    WorkspaceRepository workspaces;

    @Inject
    OrganizationRepository organizations;

    @Inject
    AuditLog audit;

    @Inject
    ApiKeyRepository apiKeys;

    @Transactional
    public Workspace create(Actor actor, String organizationId, String name, String displayColor) {
        String cleanName = Names.require("name", name, MAX_NAME_LENGTH);
        String color = displayColor == null ? "#6C5BB9" : displayColor;
        if (!COLOR.matcher(color).matches()) {
            throw DomainException.invalid(ErrorCode.INVALID_DISPLAY_COLOR, "display_color must be a hex color such as #6C5BB9.");
        }
        Organization organization = organizations.findForUpdate(organizationId).orElseThrow(() -> DomainException.notFound("organization"));
        if (workspaces.countActiveStandard(organizationId) >= MAX_ACTIVE_STANDARD) {
            throw DomainException.invalid(ErrorCode.WORKSPACE_LIMIT_EXCEEDED,
                    "An organization can have at most " + MAX_ACTIVE_STANDARD + " workspaces that are not archived.");
        }
        Workspace workspace = new Workspace(organization, cleanName, WorkspaceKind.STANDARD, color.toUpperCase(java.util.Locale.ROOT), Time.now());
        workspaces.add(workspace);
        audit.record(organizationId, actor, "workspace.create", "workspace", workspace.id(),
                JsonBuilders.object().add("name", cleanName).build().toString());
        return workspace;
    }

    /** The workspaces of {@code scope} (where the policy grants the caller workspace:read). */
    @Transactional
    public Page<Workspace> list(String organizationId, WorkspaceScope scope, boolean includeArchived, boolean includeDefault,
                                java.util.List<String> ids, PageRequest page) {
        return workspaces.visibleTo(organizationId, scope, includeArchived, includeDefault, ids, page);
    }

    @Transactional
    public Workspace get(String organizationId, String workspaceId) {
        return workspaces.find(organizationId, workspaceId).orElseThrow(() -> DomainException.notFound("workspace"));
    }

    @Transactional
    public Workspace rename(Actor actor, String organizationId, String workspaceId, String name) {
        String cleanName = Names.require("name", name, MAX_NAME_LENGTH);
        Workspace workspace = get(organizationId, workspaceId);
        if (!AccessPolicy.renamable(workspace.kind())) {
            throw DomainException.invalid(ErrorCode.WORKSPACE_NOT_RENAMABLE, "The " + workspace.name() + " workspace cannot be renamed.");
        }
        if (workspace.archived()) {
            throw DomainException.invalid(ErrorCode.WORKSPACE_ARCHIVED, "An archived workspace cannot be changed.");
        }
        String before = workspace.name();
        workspace.rename(cleanName);
        audit.record(organizationId, actor, "workspace.rename", "workspace", workspaceId,
                JsonBuilders.object().add("before", before).add("after", cleanName).build().toString());
        return workspace;
    }

    /** Archives a workspace for good, with every API key in it. Archiving the Claude Code workspace disables Claude Code sign-in. */
    @Transactional
    public Workspace archive(Actor actor, String organizationId, String workspaceId) {
        Workspace workspace = get(organizationId, workspaceId);
        if (!AccessPolicy.archivable(workspace.kind())) {
            throw DomainException.invalid(ErrorCode.DEFAULT_WORKSPACE_NOT_ARCHIVABLE, "The Default workspace cannot be archived.");
        }
        if (workspace.archived()) {
            return workspace;
        }
        Instant now = Time.now();
        workspace.archive(now);
        int keys = apiKeys.archiveInWorkspace(workspaceId);
        audit.record(organizationId, actor, "workspace.archive", "workspace", workspaceId,
                JsonBuilders.object().add("api_keys_archived", keys).build().toString());
        return workspace;
    }
}
