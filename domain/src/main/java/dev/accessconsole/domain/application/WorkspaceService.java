package dev.accessconsole.domain.application;

import dev.accessconsole.domain.model.JsonBuilders;
import dev.accessconsole.domain.model.ApiKeyRepository;
import dev.accessconsole.authz.api.WorkspaceScope;
import dev.accessconsole.authz.api.AccessDecisions;
import dev.accessconsole.domain.model.ErrorCode;
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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Workspaces: create (at most {@value #MAX_ACTIVE_STANDARD} not archived per organization, counted under the
 * organization row lock so concurrent creations cannot overshoot), list what the caller may read, rename, archive.
 */
@ApplicationScoped
public class WorkspaceService {

    @Inject
    AccessDecisions decisions;

    public static final int MAX_ACTIVE_STANDARD = 100;
    public static final int MAX_NAME_LENGTH = 40;
    private static final Pattern COLOR = Pattern.compile("^#[0-9a-fA-F]{6}$");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    @Inject
    WorkspaceRepository workspaces;

    @Inject
    OrganizationRepository organizations;

    @Inject
    AuditLog audit;

    @Inject
    ApiKeyRepository apiKeys;

    /**
     * What a create or an update names besides the name; null: not named (the default on create, kept on update).
     * {@code allowedInferenceGeos} empty means unrestricted.
     */
    public record Settings(String displayColor, Map<String, String> tags, String workspaceGeo, List<String> allowedInferenceGeos,
                           String defaultInferenceGeo, String externalKeyId) {
        public static final Settings NONE = new Settings(null, null, null, null, null, null);
    }

    static final Set<String> INFERENCE_GEOS = Set.of("global", "us");
    static final Set<String> WORKSPACE_GEOS = Set.of("us");
    static final int MAX_TAGS = 50;
    static final int MAX_TAG_KEY = 128;
    static final int MAX_TAG_VALUE = 256;
    static final int MAX_EXTERNAL_KEY_ID = 255;

    @Transactional
    public Workspace create(Actor actor, String organizationId, String name, Settings settings) {
        String cleanName = Names.require("name", name, MAX_NAME_LENGTH);
        String color = settings.displayColor() == null ? "#6C5BB9" : color(settings.displayColor());
        String tags = settings.tags() == null ? null : tagsJson(settings.tags());
        Workspace.DataResidency residency = residency(Workspace.DataResidency.DEFAULT, settings, true);
        String externalKey = settings.externalKeyId() == null ? null : externalKeyId(settings.externalKeyId());
        Organization organization = organizations.findForUpdate(organizationId).orElseThrow(() -> DomainException.notFound("organization"));
        if (workspaces.countActiveStandard(organizationId) >= MAX_ACTIVE_STANDARD) {
            throw DomainException.invalid(ErrorCode.WORKSPACE_LIMIT_EXCEEDED,
                    "An organization can have at most " + MAX_ACTIVE_STANDARD + " workspaces that are not archived.");
        }
        Workspace workspace = new Workspace(organization, cleanName, WorkspaceKind.STANDARD, color, Time.now());
        workspace.tagsJson(tags);
        workspace.dataResidency(residency);
        workspace.externalKeyId(externalKey);
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

    /** Changes what is named (null: kept); a workspace that is not Standard, or is archived, cannot be changed. */
    @Transactional
    public Workspace update(Actor actor, String organizationId, String workspaceId, String name, Settings settings) {
        String cleanName = name == null ? null : Names.require("name", name, MAX_NAME_LENGTH);
        String color = settings.displayColor() == null ? null : color(settings.displayColor());
        String tags = settings.tags() == null ? null : tagsJson(settings.tags());
        if (settings.workspaceGeo() != null) {
            throw DomainException.invalidField("data_residency", "data_residency.workspace_geo is set when a workspace is created and cannot be changed.");
        }
        Workspace workspace = get(organizationId, workspaceId);
        if (!decisions.renamable(workspace.kind())) {
            throw DomainException.invalid(ErrorCode.WORKSPACE_NOT_RENAMABLE, "The " + workspace.name() + " workspace cannot be changed.");
        }
        if (workspace.archived()) {
            throw DomainException.invalid(ErrorCode.WORKSPACE_ARCHIVED, "An archived workspace cannot be changed.");
        }
        Workspace.DataResidency residency = residency(workspace.dataResidency(), settings, false);
        String externalKey = settings.externalKeyId() == null ? null : externalKeyId(settings.externalKeyId());
        if (externalKey != null && workspace.externalKeyId() != null && !externalKey.equals(workspace.externalKeyId())) {
            throw DomainException.invalidField("external_key_id", "external_key_id is write-once: a key attached to a workspace cannot be replaced.");
        }
        var changed = JsonBuilders.object();
        if (cleanName != null && !cleanName.equals(workspace.name())) {
            changed.add("name", JsonBuilders.object().add("before", workspace.name()).add("after", cleanName));
            workspace.rename(cleanName);
        }
        if (color != null && !color.equals(workspace.displayColor())) {
            changed.add("display_color", JsonBuilders.object().add("before", String.valueOf(workspace.displayColor())).add("after", color));
            workspace.displayColor(color);
        }
        if (tags != null && !tags.equals(workspace.tagsJson())) {
            changed.add("tags", tags);
            workspace.tagsJson(tags);
        }
        if (!residency.equals(workspace.dataResidency())) {
            changed.add("data_residency", JsonBuilders.object().add("allowed_inference_geos", residency.unrestricted() ? "unrestricted" : String.join(",", residency.allowed()))
                    .add("default_inference_geo", residency.defaultInferenceGeo()));
            workspace.dataResidency(residency);
        }
        if (externalKey != null && workspace.externalKeyId() == null) {
            changed.add("external_key_id", externalKey);
            workspace.externalKeyId(externalKey);
        }
        var changes = changed.build();
        if (!changes.isEmpty()) {
            audit.record(organizationId, actor, "workspace.update", "workspace", workspaceId, changes.toString());
        }
        return workspace;
    }

    private static String color(String value) {
        if (!COLOR.matcher(value).matches()) {
            throw DomainException.invalid(ErrorCode.INVALID_DISPLAY_COLOR, "display_color must be a hex color such as #6C5BB9.");
        }
        return value.toUpperCase(java.util.Locale.ROOT);
    }

    /** Tags as stored: at most 50, keys 1-128 and values up to 256 UTF-16 code units, no key beginning with "anthropic". */
    private static String tagsJson(Map<String, String> tags) {
        if (tags.size() > MAX_TAGS) {
            throw DomainException.invalidField("tags", "A workspace has at most " + MAX_TAGS + " tags.");
        }
        var json = JsonBuilders.object();
        for (var tag : new java.util.TreeMap<>(tags).entrySet()) {
            String key = tag.getKey();
            if (key == null || key.isBlank() || key.length() > MAX_TAG_KEY || tag.getValue() == null || tag.getValue().length() > MAX_TAG_VALUE) {
                throw DomainException.invalidField("tags", "Tag keys are 1-" + MAX_TAG_KEY + " and values at most " + MAX_TAG_VALUE
                        + " characters (UTF-16 code units); values are strings.");
            }
            if (key.toLowerCase(java.util.Locale.ROOT).startsWith("anthropic")) {
                throw DomainException.invalidField("tags", "Tag keys may not begin with \"anthropic\".");
            }
            if (CONTROL.matcher(key).find() || CONTROL.matcher(tag.getValue()).find()) {
                throw DomainException.invalidField("tags", "Tags cannot contain control characters.");
            }
            json.add(key, tag.getValue());
        }
        return json.build().toString();
    }

    /** The residency after what is named: geos known, the default one allowed unless every geo is. */
    private static Workspace.DataResidency residency(Workspace.DataResidency current, Settings settings, boolean creating) {
        String workspaceGeo = current.workspaceGeo();
        if (creating && settings.workspaceGeo() != null) {
            if (!WORKSPACE_GEOS.contains(settings.workspaceGeo())) {
                throw DomainException.invalidField("data_residency", "data_residency.workspace_geo must be \"us\".");
            }
            workspaceGeo = settings.workspaceGeo();
        }
        List<String> allowed = settings.allowedInferenceGeos() == null ? current.allowed() : settings.allowedInferenceGeos();
        if (new java.util.HashSet<>(allowed).size() != allowed.size() || !INFERENCE_GEOS.containsAll(allowed)) {
            throw DomainException.invalidField("data_residency",
                    "data_residency.allowed_inference_geos must be \"unrestricted\" or a list of distinct geos among global and us.");
        }
        String defaultGeo = settings.defaultInferenceGeo() == null ? current.defaultInferenceGeo() : settings.defaultInferenceGeo();
        if (!INFERENCE_GEOS.contains(defaultGeo)) {
            throw DomainException.invalidField("data_residency", "data_residency.default_inference_geo must be global or us.");
        }
        if (!allowed.isEmpty() && !allowed.contains(defaultGeo)) {
            throw DomainException.invalidField("data_residency",
                    "data_residency.default_inference_geo must be one of allowed_inference_geos unless they are unrestricted.");
        }
        return new Workspace.DataResidency(workspaceGeo, allowed, defaultGeo);
    }

    private static String externalKeyId(String value) {
        String trimmed = value.strip();
        if (trimmed.isEmpty() || trimmed.length() > MAX_EXTERNAL_KEY_ID || CONTROL.matcher(trimmed).find()) {
            throw DomainException.invalidField("external_key_id", "external_key_id must be 1-" + MAX_EXTERNAL_KEY_ID + " characters.");
        }
        return trimmed;
    }

    /** Archives a workspace for good, with every API key in it. Archiving the Claude Code workspace disables Claude Code sign-in. */
    @Transactional
    public Workspace archive(Actor actor, String organizationId, String workspaceId) {
        Workspace workspace = get(organizationId, workspaceId);
        if (!decisions.archivable(workspace.kind())) {
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
