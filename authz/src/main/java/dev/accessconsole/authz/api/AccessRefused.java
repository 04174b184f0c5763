package dev.accessconsole.authz.api;

/**
 * Fired (as a CDI event) each time the guard refuses an identified caller, so that an audit log can record it.
 * {@code organizationId} is the organization the request named or resolved to, null when none was.
 */
public record AccessRefused(String organizationId, PrincipalKind principalKind, String principalRef, String permission,
                            String workspaceId, String outcome, String reason) {
}
