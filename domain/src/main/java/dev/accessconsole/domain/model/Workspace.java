package dev.accessconsole.domain.model;

import dev.accessconsole.authz.api.WorkspaceKind;
import jakarta.persistence.Column;
import jakarta.persistence.Cacheable;
import org.hibernate.annotations.Cache;
import org.hibernate.annotations.CacheConcurrencyStrategy;
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
@Cacheable
@Cache(usage = CacheConcurrencyStrategy.READ_WRITE)
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
