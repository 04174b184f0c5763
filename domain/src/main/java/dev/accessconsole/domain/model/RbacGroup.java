package dev.accessconsole.domain.model;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A group of an organization's members that carries roles (roles.md, "Groups and the identity provider"): managed through
 * the Admin API and the console ({@link Source#DIRECT}), or by the organization's identity provider through SCIM and
 * sign-in claims ({@link Source#SCIM}). Whatever its source, its roles ({@code role_ids}) are set by members:manage
 * holders: that is the mapping "identity provider group → role".
 */
@Entity
@Table(name = "rbac_groups")
public class RbacGroup {

    public enum Source {
        DIRECT, SCIM;

        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static final int MAX_NAME_LENGTH = 255;

    @Id
    @Column(length = 40)
    private String id;

    @Column(name = "organization_id", nullable = false, length = 36)
    private String organizationId;

    @Column(nullable = false)
    private String name;

    @Column(name = "name_key", nullable = false)
    private String nameKey;

    @Column(name = "source_type", nullable = false, length = 16)
    private String sourceType;

    @Column(name = "external_id")
    private String externalId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "rbac_group_roles", joinColumns = @JoinColumn(name = "group_id"))
    @Column(name = "role_id", length = 64)
    private Set<String> roleIds = new LinkedHashSet<>();

    protected RbacGroup() {
    }

    public RbacGroup(String organizationId, String name, Source source, String externalId, Instant now) {
        this.id = Ids.group();
        this.organizationId = organizationId;
        rename(name, now);
        this.sourceType = source.value();
        this.externalId = externalId;
        this.createdAt = now;
    }

    /** The form names compare in (as emails do): ASCII letters in lower case, every other character as it is. */
    public static String nameKey(String name) {
        return UserAccount.asciiLowerCase(name);
    }

    public void rename(String newName, Instant now) {
        this.name = newName;
        this.nameKey = nameKey(newName);
        this.updatedAt = now;
    }

    public void externalId(String externalId, Instant now) {
        this.externalId = externalId;
        this.updatedAt = now;
    }

    /** Replaces the roles the group carries; the change marks every standing of the organization stale when it commits. */
    public void roleIds(List<String> roles, Instant now) {
        this.roleIds.clear();
        this.roleIds.addAll(roles);
        this.updatedAt = now;
    }

    /** Marks a change of the group's members (for SCIM's meta.version and the group's updated_at). */
    public void touch(Instant now) {
        this.updatedAt = now;
    }

    public String id() {
        return id;
    }

    public String organizationId() {
        return organizationId;
    }

    public String name() {
        return name;
    }

    public Source source() {
        return Source.valueOf(sourceType.toUpperCase(Locale.ROOT));
    }

    public boolean managedByIdentityProvider() {
        return source() == Source.SCIM;
    }

    public String externalId() {
        return externalId;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    /** The roles carried, in the order set. */
    public List<String> roleIds() {
        return List.copyOf(roleIds);
    }
}
