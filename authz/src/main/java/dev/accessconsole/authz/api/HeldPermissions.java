package dev.accessconsole.authz.api;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the caller holds in one workspace it can see: its effective role there, every permission (org-level included),
 * and for each permission what grants it (each held role or membership by its source).
 */
public record HeldPermissions(WorkspaceStanding workspace, WorkspaceRole effectiveRole, Set<Permission> permissions,
                              Map<Permission, List<String>> grants) {

    /** In catalog order. */
    public HeldPermissions {
        permissions = Collections.unmodifiableSortedSet(new java.util.TreeSet<>(permissions));
        java.util.TreeMap<Permission, List<String>> sources = new java.util.TreeMap<>();
        grants.forEach((permission, from) -> sources.put(permission, List.copyOf(from)));
        grants = Collections.unmodifiableMap(sources);
    }
}
