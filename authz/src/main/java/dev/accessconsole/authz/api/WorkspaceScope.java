package dev.accessconsole.authz.api;

import java.util.EnumSet;
import java.util.Set;

/**
 * Which workspaces of its organization a caller may see for one permission, as the policy derives it: every workspace
 * of the given {@code kinds} (what the org role grants by itself), plus the listed {@code workspaceIds} (explicit
 * memberships that grant it). The four shapes that occur: all, all but a kind, Default plus explicit roles, none.
 * A repository turns it into one query predicate; nothing else restates who sees what.
 */
public record WorkspaceScope(Permission permission, Set<WorkspaceKind> kinds, Set<String> workspaceIds) {

    public WorkspaceScope {
        kinds = kinds.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(kinds));
        workspaceIds = Set.copyOf(workspaceIds);
    }

    public boolean isAll() {
        return kinds.size() == WorkspaceKind.values().length;
    }

    public boolean isNone() {
        return kinds.isEmpty() && workspaceIds.isEmpty();
    }

    /** Whether a workspace of this kind and id is in the scope (the same rule the query predicate states). */
    public boolean includes(WorkspaceKind kind, String workspaceId) {
        return kinds.contains(kind) || workspaceIds.contains(workspaceId);
    }
}
