package dev.accessconsole.domain.infrastructure.persistence;

import dev.accessconsole.authz.api.WorkspaceKind;
import dev.accessconsole.authz.api.WorkspaceScope;
import jakarta.persistence.Query;

import java.util.List;

/**
 * The one translation of a policy {@link WorkspaceScope} into JPQL: a predicate on a workspace alias, with its
 * parameters bound. Kinds and ids come from the policy as parameters; no role or kind is written here.
 */
public final class WorkspaceScopes {

    private WorkspaceScopes() {
    }

    /** {@code " and (…)"} restricting {@code alias} (a Workspace) to the scope; empty for a scope of every workspace. */
    public static String predicate(String alias, WorkspaceScope scope) {
        if (scope.isAll()) {
            return "";
        }
        if (scope.isNone()) {
            return " and 1 = 0";
        }
        if (scope.workspaceIds().isEmpty()) {
            return " and " + alias + ".kind in :scopeKinds";
        }
        if (scope.kinds().isEmpty()) {
            return " and " + alias + ".id in :scopeIds";
        }
        return " and (" + alias + ".kind in :scopeKinds or " + alias + ".id in :scopeIds)";
    }

    /** Binds the parameters {@link #predicate} used. */
    public static <Q extends Query> Q bind(Q query, WorkspaceScope scope) {
        if (scope.isAll() || scope.isNone()) {
            return query;
        }
        if (!scope.kinds().isEmpty()) {
            query.setParameter("scopeKinds", List.<WorkspaceKind>copyOf(scope.kinds()));
        }
        if (!scope.workspaceIds().isEmpty()) {
            query.setParameter("scopeIds", List.copyOf(scope.workspaceIds()));
        }
        return query;
    }
}
