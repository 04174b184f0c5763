package dev.accessconsole.authz.impl;

import dev.accessconsole.authz.api.AccessContext;
import dev.accessconsole.authz.api.AccessRefused;
import dev.accessconsole.authz.api.PrincipalKind;
import dev.accessconsole.authz.api.AccessDeniedException;
import dev.accessconsole.authz.api.MemberStanding;
import dev.accessconsole.authz.api.Permission;
import dev.accessconsole.authz.api.PermissionScope;
import dev.accessconsole.authz.api.RequestCredentials;
import dev.accessconsole.authz.api.UserRef;
import dev.accessconsole.authz.api.WorkspaceKind;
import dev.accessconsole.authz.api.WorkspaceStanding;
import dev.accessconsole.authz.policy.AccessPolicy;
import dev.accessconsole.authz.policy.Decision;
import dev.accessconsole.authz.spi.AccessLookup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.List;
import java.util.Optional;

/**
 * Establishes who calls, in which organization and workspace, and decides permissions with {@link AccessPolicy}.
 * The interceptor calls {@link #authorize}; code that learns its workspace only after loading something (an API
 * key's workspace, say) calls it directly.
 */
@ApplicationScoped
public class AccessGuard {

    @Inject
    CallerTokens tokens;

    @Inject
    RequestCredentials credentials;

    @Inject
    AccessLookup lookup;

    @Inject
    AccessContext context;

    @Inject
    Event<AccessRefused> refusals;

    /**
     * Requires the permissions (any one of them, or all when {@code all}) in the organization of the request and,
     * for workspace-level ones, in {@code workspaceId} (null: the Default workspace).
     *
     * @return the caller's standing, also kept in {@link AccessContext} for the rest of the request
     */
    public MemberStanding authorize(List<Permission> permissions, boolean all, String workspaceId) {
        if (permissions.isEmpty()) {
            throw new IllegalArgumentException("at least one permission is required");
        }
        boolean needsWorkspace = permissions.stream().anyMatch(p -> p.scope() == PermissionScope.WORKSPACE);
        String requestedWorkspace = needsWorkspace ? workspaceId : null;
        String named = permissions.get(0).value();
        MemberStanding standing;
        try {
            standing = resolveStanding(requestedWorkspace);
        } catch (AccessDeniedException.NotVisible | AccessDeniedException.MissingPermission refused) {
            report(null, named, requestedWorkspace, refused);
            throw refused;
        }
        try {
            decideAll(standing, permissions, all, requestedWorkspace);
        } catch (AccessDeniedException refused) {
            report(standing, named, requestedWorkspace, refused);
            throw refused;
        }
        remember(standing);
        return standing;
    }

    private void decideAll(MemberStanding standing, List<Permission> permissions, boolean all, String requestedWorkspace) {

        Decision refusal = null;
        for (Permission permission : permissions) {
            Decision decision = decide(standing, permission, requestedWorkspace);
            if (decision.outcome() == Decision.Outcome.NOT_VISIBLE) {
                throw new AccessDeniedException.NotVisible("workspace");
            }
            if (decision.granted() && !all) {
                refusal = null;
                break;
            }
            if (!decision.granted() && refusal == null) {
                refusal = decision;
                if (all) {
                    break;
                }
            }
        }
        if (refusal != null) {
            throw new AccessDeniedException.MissingPermission(refusal.permission().value(), String.join("; ", refusal.reasons()));
        }
    }

    /** Tells observers (the audit log) about a refusal of an identified caller; a failing observer never changes the answer. */
    private void report(MemberStanding standing, String permission, String workspaceId, AccessDeniedException refused) {
        try {
            String organization = standing != null ? standing.organizationId() : namedOrganization();
            PrincipalKind kind = standing != null ? standing.principalKind()
                    : tokens.current().isPresent() ? PrincipalKind.USER : PrincipalKind.ADMIN_API_KEY;
            String principal = standing != null ? standing.principalId()
                    : tokens.current().map(t -> t.getIssuer() + "|" + t.getSubject()).orElse("admin_api_key");
            String outcome = refused instanceof AccessDeniedException.NotVisible ? "not_found" : "forbidden";
            refusals.fire(new AccessRefused(organization, kind, principal,
                    refused instanceof AccessDeniedException.MissingPermission missing ? missing.permission() : permission,
                    workspaceId, outcome, refused.getMessage()));
        } catch (RuntimeException observerFailed) {
            java.util.logging.Logger.getLogger(AccessGuard.class.getName()).log(java.util.logging.Level.WARNING,
                    "could not record an access refusal", observerFailed);
        }
    }

    private String namedOrganization() {
        Optional<JsonWebToken> token = tokens.current();
        if (token.isPresent()) {
            String claimed = orgIdClaim(token.get());
            if (claimed != null) {
                return claimed;
            }
        }
        return requestValue(false);
    }

    /** The standing of the caller in the organization of the request, without deciding any permission. */
    public MemberStanding resolveStanding(String workspaceId) {
        Optional<JsonWebToken> token = tokens.current();
        MemberStanding standing;
        if (token.isPresent()) {
            JsonWebToken jwt = token.get();
            if (CallerTokens.isPlatformCredential(jwt)) {
                throw CallerTokens.platformCredentialRefused();
            }
            UserRef user = new UserRef(jwt.getIssuer(), jwt.getSubject());
            String organizationId = organizationOf(jwt, user);
            standing = lookup.memberStanding(user, organizationId, workspaceId)
                    .orElseThrow(() -> new AccessDeniedException.NotVisible("organization"));
        } else {
            String apiKey = requestValue(true);
            if (apiKey == null) {
                throw new AccessDeniedException.Unauthenticated();
            }
            standing = lookup.adminKeyStanding(apiKey, workspaceId).orElseThrow(AccessDeniedException.Unauthenticated::new);
            String named = requestValue(false);
            if (named != null && !named.equals(standing.organizationId())) {
                throw new AccessDeniedException.NotVisible("organization");
            }
        }
        if (workspaceId != null && standing.workspace() == null) {
            throw new AccessDeniedException.NotVisible("workspace");
        }
        return standing;
    }

    /**
     * The workspace of a resource, for permissions decided there; an unknown resource is not found. The caller must
     * still be authenticated first, so that an anonymous probe learns nothing about which ids exist.
     */
    public String workspaceOf(String resourceType, String resourceId) {
        if (tokens.current().isEmpty() && requestValue(true) == null) {
            throw new AccessDeniedException.Unauthenticated();
        }
        if (resourceId == null || resourceId.isBlank()) {
            throw new AccessDeniedException.NotVisible(resourceType);
        }
        return lookup.workspaceOf(resourceType, resourceId).orElseThrow(() -> new AccessDeniedException.NotVisible(resourceType));
    }

    /** Decides one permission for a standing; a null workspace means the Default workspace. */
    public static Decision decide(MemberStanding standing, Permission permission, String workspaceId) {
        if (permission.scope() == PermissionScope.ORGANIZATION) {
            return AccessPolicy.decideOrganization(standing.orgRole(), permission);
        }
        WorkspaceStanding workspace = workspaceId == null ? null : standing.workspace();
        WorkspaceKind kind = workspace == null ? WorkspaceKind.DEFAULT : workspace.kind();
        return AccessPolicy.decideWorkspace(standing.orgRole(), kind, workspace == null ? null : workspace.explicitRole(), permission);
    }

    private String organizationOf(JsonWebToken jwt, UserRef user) {
        String claimed = orgIdClaim(jwt);
        if (claimed != null) {
            return claimed;
        }
        String named = requestValue(false);
        if (named != null) {
            return named;
        }
        List<String> organizations = lookup.organizationsOf(user, 2);
        if (organizations.size() == 1) {
            return organizations.get(0);
        }
        throw new AccessDeniedException.OrganizationUnresolved();
    }

    /** The token's {@code org_id} claim as text (a JSON string claim arrives as a JsonString), or null. */
    private static String orgIdClaim(JsonWebToken jwt) {
        Object claim = jwt.getClaim("org_id");
        String text = claim instanceof jakarta.json.JsonString json ? json.getString() : claim == null ? null : claim.toString();
        return text == null || text.isBlank() ? null : text.trim();
    }

    private String requestValue(boolean apiKey) {
        try {
            String value = apiKey ? credentials.apiKey() : credentials.organizationId();
            return value == null || value.isBlank() ? null : value.trim();
        } catch (ContextNotActiveException noRequest) {
            return null;
        }
    }

    private void remember(MemberStanding standing) {
        try {
            context.establish(standing);
        } catch (ContextNotActiveException noRequest) {
            // outside a request there is nobody to tell; the decision itself has been made
        }
    }
}
