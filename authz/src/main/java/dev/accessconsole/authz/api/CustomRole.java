package dev.accessconsole.authz.api;

import java.util.Collection;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * A role an organization defined (roles.md, "Custom roles"): a name and permissions from the catalog, built-in or a
 * module's. Its organization-level permissions hold in the organization; its workspace-level ones in Default and every
 * standard workspace, and in the Claude Code workspace only if it also holds {@code claude_code:use}.
 */
public record CustomRole(String id, String name, Set<Permission> permissions) {

    /** What a custom role may never hold: those stay with {@code admin} (roles.md). */
    public static final Set<Permission> NOT_ASSIGNABLE = Set.of(Permission.MEMBERS_MANAGE, Permission.ADMIN_KEYS_MANAGE);

    public CustomRole {
        permissions = Collections.unmodifiableSortedSet(new TreeSet<>(permissions));
    }

    public static CustomRole of(String id, String name, Collection<Permission> permissions) {
        return new CustomRole(id, name, Set.copyOf(permissions));
    }
}
