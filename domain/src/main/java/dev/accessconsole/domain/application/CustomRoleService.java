package dev.accessconsole.domain.application;

import dev.accessconsole.authz.api.AccessDecisions;
import dev.accessconsole.authz.api.CustomRole;
import dev.accessconsole.authz.api.OrgRole;
import dev.accessconsole.authz.api.Permission;
import dev.accessconsole.authz.api.RestrictedAction;
import dev.accessconsole.domain.model.Actor;
import dev.accessconsole.domain.model.AuditLog;
import dev.accessconsole.domain.model.DefinedRole;
import dev.accessconsole.domain.model.DefinedRoleRepository;
import dev.accessconsole.domain.model.DomainException;
import dev.accessconsole.domain.model.ErrorCode;
import dev.accessconsole.domain.model.JsonBuilders;
import dev.accessconsole.domain.model.OrganizationRepository;
import dev.accessconsole.domain.model.RbacGroup;
import dev.accessconsole.domain.model.RbacGroupRepository;
import dev.accessconsole.domain.model.Time;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An organization's custom roles (roles.md, "Custom roles"): defined, changed and deleted by signed-in admins (an Admin
 * API key: 403), a display name unique in the organization and permissions of the catalog, never those that stay with
 * admin (400 {@code permission_not_assignable}); a role a group carries cannot be deleted (409 {@code role_in_use}). A
 * change of its permissions reaches every holder at once on every node: the role is an entity a standing is made of.
 */
@ApplicationScoped
public class CustomRoleService {

    @Inject
    AccessDecisions decisions;

    @Inject
    DefinedRoleRepository roles;

    @Inject
    RbacGroupRepository groups;

    @Inject
    OrganizationRepository organizations;

    @Inject
    MemberService members;

    @Inject
    AuditLog audit;

    @Transactional
    public List<DefinedRole> list(String organizationId) {
        return roles.list(organizationId);
    }

    /** A custom role of the organization; 404 {@code rbac_role_not_found} otherwise. */
    @Transactional
    public DefinedRole get(String organizationId, String roleId) {
        return roles.find(organizationId, roleId).orElseThrow(CustomRoleService::notFound);
    }

    /** The groups of the organization that carry the role (who holds it: their members). */
    @Transactional
    public List<RbacGroup> carriers(String organizationId, String roleId) {
        return groups.carrying(organizationId, List.of(roleId));
    }

    @Transactional
    public DefinedRole create(Actor actor, String organizationId, String displayName, Collection<String> permissionNames) {
        decisions.require(actor.principalKind(), RestrictedAction.DEFINE_ROLES);
        String name = Names.require("display_name", displayName, DefinedRole.MAX_NAME_LENGTH);
        Set<Permission> permissions = permissions(permissionNames);
        lock(actor, organizationId);
        requireFreeName(organizationId, name, null);
        DefinedRole role = new DefinedRole(organizationId, name, permissions, Time.now());
        roles.add(role);
        audit.record(organizationId, actor, "rbac_role.create", "rbac_role", role.id(), JsonBuilders.object().add("display_name", name)
                .add("permissions", JsonBuilders.array(role.permissionNames())).build().toString());
        return role;
    }

    /** Renames the role and/or replaces its permissions (null: unchanged); every holder has the new ones at once. */
    @Transactional
    public DefinedRole update(Actor actor, String organizationId, String roleId, String displayName, Collection<String> permissionNames) {
        DefinedRole role = editable(organizationId, roleId);
        decisions.require(actor.principalKind(), RestrictedAction.DEFINE_ROLES);
        String name = displayName == null ? null : Names.require("display_name", displayName, DefinedRole.MAX_NAME_LENGTH);
        Set<Permission> permissions = permissionNames == null ? null : permissions(permissionNames);
        lock(actor, organizationId);
        Instant now = Time.now();
        var details = JsonBuilders.object();
        if (name != null && !name.equals(role.displayName())) {
            requireFreeName(organizationId, name, role.id());
            details.add("display_name_before", role.displayName()).add("display_name_after", name);
            role.rename(name, now);
        }
        if (permissions != null) {
            List<String> before = role.permissionNames();
            role.permissions(permissions, now);
            if (!before.equals(role.permissionNames())) {
                details.add("permissions_before", JsonBuilders.array(before)).add("permissions_after", JsonBuilders.array(role.permissionNames()));
            }
        }
        audit.record(organizationId, actor, "rbac_role.update", "rbac_role", role.id(), details.build().toString());
        return role;
    }

    @Transactional
    public DefinedRole delete(Actor actor, String organizationId, String roleId) {
        DefinedRole role = editable(organizationId, roleId);
        decisions.require(actor.principalKind(), RestrictedAction.DEFINE_ROLES);
        lock(actor, organizationId);
        List<RbacGroup> carriers = groups.carrying(organizationId, List.of(role.id()));
        if (!carriers.isEmpty()) {
            throw DomainException.invalid(ErrorCode.ROLE_IN_USE, "Role '" + role.displayName() + "' is carried by "
                    + carriers.size() + " group(s) (" + String.join(", ", carriers.stream().map(RbacGroup::name).toList())
                    + "): take it from them first.");
        }
        roles.remove(role);
        audit.record(organizationId, actor, "rbac_role.delete", "rbac_role", role.id(),
                JsonBuilders.object().add("display_name", role.displayName()).build().toString());
        return role;
    }

    /** The role as the decision service reads it. */
    public static CustomRole asCustomRole(DefinedRole role) {
        return role.asCustomRole();
    }

    private DefinedRole editable(String organizationId, String roleId) {
        if (OrgRole.fromRoleId(roleId).isPresent()) {
            throw DomainException.invalid(ErrorCode.BUILT_IN_ROLE_NOT_CHANGEABLE, "Built-in roles are the same in every organization and cannot be changed or deleted.");
        }
        return get(organizationId, roleId);
    }

    /** Permissions by name, each one of the catalog and none of those that stay with admin. */
    private Set<Permission> permissions(Collection<String> names) {
        if (names == null || names.isEmpty()) {
            throw DomainException.invalidField("permissions", "A custom role lists at least one permission of the catalog (GET /v1/roles).");
        }
        Set<Permission> permissions = new LinkedHashSet<>();
        for (String name : names) {
            Permission permission = decisions.permission(name).orElseThrow(() -> DomainException.invalid(ErrorCode.INVALID_PERMISSION,
                    "Unknown permission '" + name + "': the catalog's are listed at GET /v1/roles."));
            if (CustomRole.NOT_ASSIGNABLE.contains(permission)) {
                throw DomainException.invalid(ErrorCode.PERMISSION_NOT_ASSIGNABLE, permission.value()
                        + " stays with admin: a custom role never holds members:manage, admin_keys:manage or the power to define roles.");
            }
            permissions.add(permission);
        }
        return permissions;
    }

    private void requireFreeName(String organizationId, String name, String except) {
        roles.findByName(organizationId, name).filter(other -> !other.id().equals(except)).ifPresent(other -> {
            throw DomainException.invalid(ErrorCode.RBAC_ROLE_ALREADY_EXISTS, "A role named '" + name + "' already exists in this organization.");
        });
    }

    private void lock(Actor actor, String organizationId) {
        members.lockAndRecheckActor(actor, organizationId);
    }

    private static DomainException notFound() {
        return DomainException.notFound(ErrorCode.RBAC_ROLE_NOT_FOUND, "rbac_role");
    }
}
