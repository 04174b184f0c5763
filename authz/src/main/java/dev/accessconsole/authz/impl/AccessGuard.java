package dev.accessconsole.authz.impl;

import dev.accessconsole.authz.api.AccessDeclaration;
import dev.accessconsole.authz.api.AccessDeniedException;
import dev.accessconsole.authz.api.AccessRefused;
import dev.accessconsole.authz.api.CallerTokens;
import dev.accessconsole.authz.api.MemberStanding;
import dev.accessconsole.authz.api.Permission;
import dev.accessconsole.authz.api.PermissionScope;
import dev.accessconsole.authz.api.PrincipalKind;
import dev.accessconsole.authz.api.RequestRefused;
import dev.accessconsole.authz.api.UserRef;
import dev.accessconsole.authz.api.WorkspaceKind;
import dev.accessconsole.authz.api.WorkspaceScope;
import dev.accessconsole.authz.api.WorkspaceStanding;
import dev.accessconsole.authz.policy.AccessPolicy;
import dev.accessconsole.authz.api.Decision;
import dev.accessconsole.authz.spi.AccessLookup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one decision point: establishes the caller's standing once per request, decides every declaration with
 * {@link AccessPolicy}, and reports every refusal (its own and those of the guarded code) the same way: a CDI
 * {@link AccessRefused} event for a member of the organization, the server log for anyone else.
 */
@ApplicationScoped
public class AccessGuard {

    private static final Logger LOG = Logger.getLogger(AccessGuard.class.getName());

    @Inject
    RequestCallerTokens tokens;

    @Inject
    RequestCredentials credentials;

    @Inject
    AccessLookup lookup;

    @Inject
    RequestAccessContext context;

    @Inject
    Event<AccessRefused> refusals;

    /** Enforces a declaration before a guarded call; {@code workspace} names the workspace argument (null: none or Default). */
    void enforce(AccessDeclaration declaration, WorkspaceArgument workspace) {
        if (declaration instanceof AccessDeclaration.Permissions permissions) {
            authorize(permissions, workspace);
        } else if (declaration instanceof AccessDeclaration.Platform platform) {
            refusedUnidentified(() -> requirePlatform(platform.group()));
        } else if (declaration instanceof AccessDeclaration.Provisioning) {
            refusedUnidentified(this::provisioningStanding);
        } else if (declaration instanceof AccessDeclaration.Presented) {
            // the operation verifies the credential presented in the request; no header credential is involved
            return;
        } else {
            refusedUnidentified(this::requirePerson);
        }
    }

    private void authorize(AccessDeclaration.Permissions declared, WorkspaceArgument argument) {
        MemberStanding standing = establishedStanding();
        if (declared.anyWorkspace()) {
            authorizeInAnyWorkspace(standing, declared);
            return;
        }
        boolean needsWorkspace = false;
        for (Permission permission : declared.permissions()) {
            needsWorkspace |= permission.scope() == PermissionScope.WORKSPACE;
        }
        WorkspaceStanding workspace = null;
        try {
            if (needsWorkspace) {
                workspace = argument.resolve(this, standing);
            }
            decideAll(standing, declared, workspace);
        } catch (RequestRefused refused) {
            report(refused, workspace == null ? null : workspace.workspaceId());
            throw refused;
        }
    }

    private static void decideAll(MemberStanding standing, AccessDeclaration.Permissions declared, WorkspaceStanding workspace) {
        // the fast path answers from precomputed sets (plain loops: streams were a visible part of each request's CPU);
        // reasons are built only to explain a refusal
        boolean granted = declared.all();
        for (Permission permission : declared.permissions()) {
            if (AccessPolicy.holds(standing, permission, workspace) != declared.all()) {
                granted = !declared.all();
                break;
            }
        }
        if (granted) {
            return;
        }
        Decision refusal = null;
        for (Permission permission : declared.permissions()) {
            Decision decision = AccessPolicy.decide(standing, permission, workspace);
            if (decision.outcome() == Decision.Outcome.NOT_VISIBLE) {
                throw new AccessDeniedException.NotVisible("workspace");
            }
            if (decision.granted() && !declared.all()) {
                return;
            }
            if (!decision.granted() && refusal == null) {
                refusal = decision;
                if (declared.all()) {
                    break;
                }
            }
        }
        if (refusal != null) {
            throw new AccessDeniedException.MissingPermission(refusal.permission().value(), String.join("; ", refusal.reasons()));
        }
    }

    /** {@link #standing()}, with a refusal reported like the guard's own. */
    MemberStanding establishedStanding() {
        return refusedUnidentified(this::standing);
    }

    /** The caller's standing in the organization of the request, loaded once per request. */
    MemberStanding standing() {
        MemberStanding known = currentStanding();
        if (known != null) {
            return known;
        }
        MemberStanding standing;
        Optional<JsonWebToken> token = tokens.token();
        if (token.isPresent()) {
            JsonWebToken jwt = token.get();
            if (RequestCallerTokens.isPlatformToken(jwt)) {
                throw platformCredentialRefused();
            }
            UserRef user = new UserRef(jwt.getIssuer(), jwt.getSubject());
            String organizationId = organizationOf(jwt, user);
            standing = lookup.memberStanding(user, organizationId).orElseThrow(() -> new AccessDeniedException.NotVisible("organization"));
            if (standing.sessionsNotBefore() > 0 && issuedAt(jwt) <= standing.sessionsNotBefore()) {
                // signed out of this organization (roles.md, "Sign-out"): a token issued before that, or in its second, is done
                throw new AccessDeniedException.SessionEnded();
            }
        } else {
            String apiKey = credentials.apiKey();
            if (apiKey == null) {
                throw new AccessDeniedException.Unauthenticated();
            }
            standing = lookup.adminKeyStanding(apiKey).orElseThrow(AccessDeniedException.Unauthenticated::new);
            String named = credentials.organizationId();
            if (named != null && !named.equals(standing.organizationId())) {
                throw new AccessDeniedException.NotVisible("organization");
            }
        }
        try {
            context.establish(standing);
        } catch (ContextNotActiveException noRequest) {
            // outside a request there is nobody to tell; the decision itself is made all the same
        }
        return standing;
    }

    /**
     * The standing of the request's provisioning credential (an organization's SCIM token) where only that credential
     * acts: no credential 401, any other kind 403, an unknown or revoked secret 401.
     */
    MemberStanding provisioningStanding() {
        MemberStanding known = currentStanding();
        if (known != null && known.principalKind() == PrincipalKind.SCIM_TOKEN) {
            return known;
        }
        if (tokens.token().isPresent()) {
            throw new AccessDeniedException.MissingPermission("provisioning",
                    "only the organization's provisioning credential (a SCIM token) acts here, not a person");
        }
        // the server moves secrets sent as "Authorization: Bearer sk-ant-…" to x-api-key before any mechanism reads them
        String secret = credentials.apiKey() != null ? credentials.apiKey() : credentials.bearerSecret();
        if (secret == null) {
            throw new AccessDeniedException.Unauthenticated();
        }
        MemberStanding standing = lookup.provisioningStanding(secret).orElse(null);
        if (standing == null) {
            if (lookup.adminKeyStanding(secret).isPresent()) {
                throw new AccessDeniedException.MissingPermission("provisioning",
                        "only the organization's provisioning credential (a SCIM token) acts here, not an Admin API key");
            }
            throw new AccessDeniedException.Unauthenticated();
        }
        try {
            context.establish(standing);
        } catch (ContextNotActiveException noRequest) {
            // outside a request there is nobody to tell
        }
        return standing;
    }

    /** A workspace of the caller's organization that the caller can see at all (null: Default). */
    WorkspaceStanding visibleWorkspace(String workspaceId) {
        MemberStanding standing = establishedStanding();
        try {
            return visible(standing, workspaceFacts(standing, workspaceId), "workspace");
        } catch (RequestRefused refused) {
            report(refused, null);
            throw refused;
        }
    }

    /** The facts of a workspace of the caller's organization; not found when it has none of that id. */
    WorkspaceStanding workspaceFacts(MemberStanding standing, String workspaceId) {
        if (workspaceId == null) {
            return new WorkspaceStanding(null, WorkspaceKind.DEFAULT, false);
        }
        return lookup.workspace(standing.organizationId(), workspaceId).orElseThrow(() -> new AccessDeniedException.NotVisible("workspace"));
    }

    /** The workspace of a resource of the caller's organization; the same not-found answer for another organization's and for none. */
    WorkspaceStanding workspaceOf(MemberStanding standing, String resourceType, String resourceId) {
        if (resourceId == null || resourceId.isBlank()) {
            throw new AccessDeniedException.NotVisible(resourceType);
        }
        String workspaceId = lookup.workspaceOf(resourceType, resourceId, standing.organizationId())
                .orElseThrow(() -> new AccessDeniedException.NotVisible(resourceType));
        // refused as the resource, not "workspace": the caller asked for the resource
        return visible(standing, workspaceFacts(standing, workspaceId), resourceType);
    }

    /** The workspace, if the standing has any role there; else not found, as {@code what} the caller asked for. */
    private static WorkspaceStanding visible(MemberStanding standing, WorkspaceStanding workspace, String what) {
        if (!AccessPolicy.visible(standing, workspace)) {
            throw new AccessDeniedException.NotVisible(what);
        }
        return workspace;
    }

    /** A list's gate: the permission held in at least one workspace (any one of them, or each when {@code all}). */
    private void authorizeInAnyWorkspace(MemberStanding standing, AccessDeclaration.Permissions declared) {
        RequestRefused refused = null;
        for (Permission permission : declared.permissions()) {
            boolean held = !AccessPolicy.listScope(standing, permission).isNone();
            if (held && !declared.all()) {
                return;
            }
            if (!held && refused == null) {
                refused = new AccessDeniedException.MissingPermission(permission.value(), AccessPolicy.noScopeReason(standing));
            }
        }
        if (refused != null) {
            report(refused, null);
            throw refused;
        }
    }

    /** The scope of a workspace-level permission for the caller; an empty one is refused like a missing permission. */
    WorkspaceScope scope(Permission permission) {
        return scope(permission, false);
    }

    WorkspaceScope scope(Permission permission, boolean report) {
        MemberStanding standing = establishedStanding();
        WorkspaceScope scope = report ? AccessPolicy.reportScope(standing, permission) : AccessPolicy.scope(standing, permission);
        if (scope.isNone()) {
            RequestRefused refused = new AccessDeniedException.MissingPermission(permission.value(), AccessPolicy.noScopeReason(standing));
            report(refused, null);
            throw refused;
        }
        return scope;
    }

    private void requirePerson() {
        JsonWebToken token = tokens.token().orElseThrow(AccessDeniedException.Unauthenticated::new);
        if (RequestCallerTokens.isPlatformToken(token)) {
            throw platformCredentialRefused();
        }
    }

    private void requirePlatform(String group) {
        Optional<JsonWebToken> token = tokens.token();
        if (token.isEmpty()) {
            if (credentials.apiKey() != null) {
                throw new AccessDeniedException.MissingPermission("platform:" + group, "Admin API keys cannot call platform operations");
            }
            throw new AccessDeniedException.Unauthenticated();
        }
        if (!RequestCallerTokens.holdsPlatformGroup(token.get(), group)) {
            throw new AccessDeniedException.MissingPermission("platform:" + group, "this operation is for the platform's " + group + " credential");
        }
    }

    /** The refusal for a platform credential used where an organization member is expected (403). */
    static AccessDeniedException.MissingPermission platformCredentialRefused() {
        return new AccessDeniedException.MissingPermission(Permission.ORGANIZATION_READ.value(),
                "platform support and gateway credentials cannot act as organization members");
    }

    /** Runs a step that may refuse a caller not (yet) known as a member: such refusals go to the server log. */
    private <T> T refusedUnidentified(java.util.function.Supplier<T> step) {
        try {
            return step.get();
        } catch (RequestRefused refused) {
            report(refused, null);
            throw refused;
        }
    }

    private void refusedUnidentified(Runnable step) {
        refusedUnidentified(() -> {
            step.run();
            return null;
        });
    }

    /**
     * Reports a refusal once: to the audit log of the caller's organization when the caller is established as one of
     * its members (with the workspace only when it is one of that organization's), else to the server log. A failing
     * observer never changes the answer.
     */
    void report(RequestRefused refused, String workspaceId) {
        try {
            if (!context.firstReport(refused)) {
                return;
            }
            MemberStanding standing = currentStanding();
            if (standing == null) {
                LOG.log(Level.FINE, () -> "Refused a caller who is not an identified member: " + refused.code() + " " + refused.getMessage());
                return;
            }
            String outcome = switch (refused.kind()) {
                case NOT_FOUND -> "not_found";
                case PERMISSION -> "forbidden";
                case AUTHENTICATION -> "unauthenticated";
                case CONFLICT -> "conflict";
                default -> "invalid_request";
            };
            refusals.fire(new AccessRefused(standing.organizationId(), standing.principalKind(), standing.principalId(),
                    refused.permission(), workspaceId, outcome, refused.code(), refused.getMessage()));
        } catch (ContextNotActiveException noRequest) {
            // outside a request: nothing to correlate with
        } catch (RuntimeException observerFailed) {
            LOG.log(Level.WARNING, "could not record an access refusal", observerFailed);
        }
    }

    private MemberStanding currentStanding() {
        try {
            return context.current();
        } catch (ContextNotActiveException noRequest) {
            return null;
        }
    }

    private String organizationOf(JsonWebToken jwt, UserRef user) {
        String claimed = orgIdClaim(jwt);
        if (claimed != null) {
            return claimed;
        }
        String named = credentials.organizationId();
        if (named != null) {
            return named;
        }
        List<String> organizations = lookup.organizationsOf(user, 2);
        if (organizations.size() == 1) {
            return organizations.get(0);
        }
        // nothing names one: the organization that owns the person's email domain (roles.md, "Sign-in provisioning")
        return lookup.signInOrganization(user).orElseThrow(AccessDeniedException.OrganizationUnresolved::new);
    }

    /** The token's {@code iat} in epoch seconds; 0 when it has none (every token the API accepts has one). */
    private static long issuedAt(JsonWebToken jwt) {
        Object claim = jwt.getClaim("iat");
        if (claim instanceof Number number) {
            return number.longValue();
        }
        return claim instanceof jakarta.json.JsonNumber json ? json.longValue() : 0;
    }

    /** The token's {@code org_id} claim as text (a JSON string claim arrives as a JsonString), or null. */
    private static String orgIdClaim(JsonWebToken jwt) {
        Object claim = jwt.getClaim("org_id");
        String text = claim instanceof jakarta.json.JsonString json ? json.getString() : claim == null ? null : claim.toString();
        return text == null || text.isBlank() ? null : text.trim();
    }
}
