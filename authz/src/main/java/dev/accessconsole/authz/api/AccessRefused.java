package dev.accessconsole.authz.api;

/**
 * Fired (as a CDI event) for each refusal of an established member of an organization, by the guard or by the guarded
 * code, so that the organization's audit log can record it. {@code workspaceId} is set only for a workspace of that
 * same organization. Refusals of anyone else never reach this event.
 */
public record AccessRefused(String organizationId, PrincipalKind principalKind, String principalRef, String permission,
                            String workspaceId, String outcome, String errorCode, String reason) {
}
