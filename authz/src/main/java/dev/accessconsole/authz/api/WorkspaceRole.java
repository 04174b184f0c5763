package dev.accessconsole.authz.api;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Workspace roles, declared lowest to highest: the effective role of a member is the highest that applies.
 * {@link #WORKSPACE_BILLING} sits below developer so that billing never gains key rights.
 */
public enum WorkspaceRole {
    WORKSPACE_USER("workspace_user", true),
    WORKSPACE_BILLING("workspace_billing", false),
    /** "Workspace Limited Developer" in the Console; on this product's surfaces it holds what workspace_developer holds. */
    WORKSPACE_RESTRICTED_DEVELOPER("workspace_restricted_developer", true),
    WORKSPACE_DEVELOPER("workspace_developer", true),
    WORKSPACE_ADMIN("workspace_admin", true);

    private final String value;
    private final boolean assignable;

    WorkspaceRole(String value, boolean assignable) {
        this.value = value;
        this.assignable = assignable;
    }

    public String value() {
        return value;
    }

    /** False for {@code workspace_billing}: it is only ever implied by the org billing role. */
    public boolean assignable() {
        return assignable;
    }

    public boolean isAtLeast(WorkspaceRole other) {
        return compareTo(other) >= 0;
    }

    /** The roles that can be assigned, as the API spells them: "workspace_user, …, workspace_admin". */
    public static String assignableValues() {
        return Arrays.stream(values()).filter(WorkspaceRole::assignable).map(WorkspaceRole::value).collect(Collectors.joining(", "));
    }

    public static Optional<WorkspaceRole> fromValue(String value) {
        return Arrays.stream(values()).filter(r -> r.value.equals(value)).findFirst();
    }

    @Override
    public String toString() {
        return value;
    }
}
