package dev.accessconsole.domain.model;

import dev.accessconsole.authz.api.WorkspaceKind;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.time.Instant;

/** A workspace of an organization: the Default one, a standard one, or the Claude Code one. */
@Entity
@Table(name = "workspaces")
public class Workspace {

    public static final String DEFAULT_NAME = "Default";
    public static final String CLAUDE_CODE_NAME = "Claude Code";

    @Id
    @Column(length = 40)
    private String id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "organization_id")
    private Organization organization;

    /** The organization's id without loading it (read-only view of the join column). */
    @Column(name = "organization_id", insertable = false, updatable = false)
    private String organizationId;

    @Column(nullable = false)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private WorkspaceKind kind;

    @Column(name = "display_color", length = 16)
    private String displayColor;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "archived_at")
    private Instant archivedAt;

    @Embedded
    private Limits limits;

    /** User-defined tags, a JSON object of strings (null: none). */
    @Column(length = 4000)
    private String tags;

    @Column(name = "workspace_geo", length = 16)
    private String workspaceGeo;

    /** "unrestricted", or the allowed geos joined by commas. */
    @Column(name = "allowed_inference_geos", length = 64)
    private String allowedInferenceGeos;

    @Column(name = "default_inference_geo", length = 16)
    private String defaultInferenceGeo;

    @Column(name = "external_key_id")
    private String externalKeyId;

    protected Workspace() {
    }

    public Workspace(Organization organization, String name, WorkspaceKind kind, String displayColor, Instant now) {
        this.id = Ids.workspace();
        this.organization = organization;
        this.organizationId = organization.id();
        this.name = name;
        this.kind = kind;
        this.displayColor = displayColor;
        this.createdAt = now;
        this.workspaceGeo = DataResidency.DEFAULT.workspaceGeo();
        this.allowedInferenceGeos = DataResidency.DEFAULT.allowedText();
        this.defaultInferenceGeo = DataResidency.DEFAULT.defaultInferenceGeo();
    }

    /** Where the workspace's data lives and which inference geos it may use; {@code allowed} empty means unrestricted. */
    public record DataResidency(String workspaceGeo, java.util.List<String> allowed, String defaultInferenceGeo) {
        public static final DataResidency DEFAULT = new DataResidency("us", java.util.List.of(), "global");

        public DataResidency {
            allowed = java.util.List.copyOf(allowed);
        }

        public boolean unrestricted() {
            return allowed.isEmpty();
        }

        String allowedText() {
            return unrestricted() ? "unrestricted" : String.join(",", allowed);
        }

        static DataResidency of(String workspaceGeo, String allowedText, String defaultInferenceGeo) {
            java.util.List<String> allowed = allowedText == null || allowedText.equals("unrestricted") ? java.util.List.of()
                    : java.util.List.of(allowedText.split(","));
            return new DataResidency(workspaceGeo == null ? DEFAULT.workspaceGeo() : workspaceGeo, allowed,
                    defaultInferenceGeo == null ? DEFAULT.defaultInferenceGeo() : defaultInferenceGeo);
        }
    }

    public DataResidency dataResidency() {
        return DataResidency.of(workspaceGeo, allowedInferenceGeos, defaultInferenceGeo);
    }

    public void dataResidency(DataResidency residency) {
        this.workspaceGeo = residency.workspaceGeo();
        this.allowedInferenceGeos = residency.allowedText();
        this.defaultInferenceGeo = residency.defaultInferenceGeo();
    }

    /** The tags, in key order. */
    public java.util.Map<String, String> tags() {
        java.util.Map<String, String> tags = new java.util.LinkedHashMap<>();
        if (this.tags != null) {
            JsonBuilders.readObject(this.tags).forEach((key, value) -> tags.put(key, ((jakarta.json.JsonString) value).getString()));
        }
        return tags;
    }

    /** The tags as stored: a JSON object of strings, or null for none. */
    public String tagsJson() {
        return tags;
    }

    public void tagsJson(String json) {
        this.tags = json;
    }

    public String externalKeyId() {
        return externalKeyId;
    }

    public void externalKeyId(String keyId) {
        this.externalKeyId = keyId;
    }

    public void displayColor(String color) {
        this.displayColor = color;
    }

    public String id() {
        return id;
    }

    public Organization organization() {
        return organization;
    }

    public String organizationId() {
        return organizationId;
    }

    public String name() {
        return name;
    }

    public void rename(String newName) {
        this.name = newName;
    }

    public WorkspaceKind kind() {
        return kind;
    }

    public String displayColor() {
        return displayColor;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant archivedAt() {
        return archivedAt;
    }

    public boolean archived() {
        return archivedAt != null;
    }

    public void archive(Instant now) {
        this.archivedAt = now;
    }
    public Limits limits() {
        return limits == null ? Limits.none() : limits;
    }

    public void limits(Limits newLimits) {
        this.limits = newLimits;
    }
}
