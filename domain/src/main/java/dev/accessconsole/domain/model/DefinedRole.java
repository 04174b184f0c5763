package dev.accessconsole.domain.model;

import dev.accessconsole.authz.api.CustomRole;
import dev.accessconsole.authz.api.Permission;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A custom role of an organization (roles.md, "Custom roles"): a display name and permissions of the catalog, by name.
 * Groups carry it by its id; any change marks every standing of the organization stale when it commits.
 */
@Entity
@Table(name = "custom_roles")
public class DefinedRole {

    public static final int MAX_NAME_LENGTH = 255;

    @Id
    @Column(length = 40)
    private String id;

    @Column(name = "organization_id", nullable = false, length = 36)
    private String organizationId;

    @Column(name = "display_name", nullable = false)
    private String displayName;

    @Column(name = "name_key", nullable = false)
    private String nameKey;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "custom_role_permissions", joinColumns = @JoinColumn(name = "role_id"))
    @Column(name = "permission", length = 100)
    private Set<String> permissions = new LinkedHashSet<>();

    protected DefinedRole() {
    }

    public DefinedRole(String organizationId, String displayName, Collection<Permission> permissions, Instant now) {
        this.id = Ids.customRole();
        this.organizationId = organizationId;
        this.createdAt = now;
        rename(displayName, now);
        permissions(permissions, now);
    }

    public void rename(String newName, Instant now) {
        this.displayName = newName;
        this.nameKey = RbacGroup.nameKey(newName);
        this.updatedAt = now;
    }

    public void permissions(Collection<Permission> newPermissions, Instant now) {
        this.permissions.clear();
        newPermissions.stream().sorted().forEach(p -> this.permissions.add(p.value()));
        this.updatedAt = now;
    }

    public String id() {
        return id;
    }

    public String organizationId() {
        return organizationId;
    }

    public String displayName() {
        return displayName;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    /** Its permissions by name, in catalog order (a module's that is not deployed now stays listed, after the others). */
    public List<String> permissionNames() {
        return permissions.stream().sorted(java.util.Comparator.comparingInt((String name) -> Permission.fromValue(name).map(Permission::index)
                .orElse(Integer.MAX_VALUE)).thenComparing(java.util.Comparator.naturalOrder())).toList();
    }

    /** The role as the decision service reads it: the permissions the catalog knows now. */
    public CustomRole asCustomRole() {
        return CustomRole.of(id, displayName, permissions.stream().map(Permission::fromValue).flatMap(Optional::stream).toList());
    }
}
