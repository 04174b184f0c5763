package dev.accessconsole.web.interfaces.rest;

import dev.accessconsole.authz.api.WorkspaceStanding;
import dev.accessconsole.authz.api.ErrorCode;
import dev.accessconsole.authz.api.AccessContext;
import dev.accessconsole.authz.api.Permission;
import dev.accessconsole.authz.api.Permissions;
import dev.accessconsole.authz.api.RequiresPermission;
import dev.accessconsole.authz.api.WorkspaceKind;
import dev.accessconsole.authz.policy.AccessPolicy;
import dev.accessconsole.authz.policy.Decision;
import dev.accessconsole.domain.application.AccessReviewService;
import dev.accessconsole.domain.model.DomainException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Explain and review: why a member may or may not do something, and every member × workspace with its effective role.
 * Both answer from {@link AccessPolicy#decide}, the code the guard enforces with.
 */
@Path("/organizations/access_review")
@RequestScoped
public class AccessExplainResource {

    public record PermissionDecisionJson(String permission, String scope, boolean granted, String outcome, List<String> reasons) {
    }

    /** When one permission was asked, {@code permission}, {@code granted}, {@code outcome} and {@code reasons} answer it directly. */
    public record ExplanationJson(String type, String userId, String organizationId, String organizationRole, String workspaceId,
                                  String workspaceKind, String workspaceRole, String permission, Boolean granted, String outcome,
                                  List<String> reasons, List<PermissionDecisionJson> decisions) {
    }

    public record ReviewRowJson(String userId, String email, String organizationRole, String workspaceId, String workspaceName,
                                String workspaceKind, String workspaceRole, List<String> permissions) {
    }

    public record ReviewJson(String type, String organizationId, List<ReviewRowJson> data) {
    }

    @Inject
    AccessReviewService review;

    @Inject
    AccessContext access;

    /** Granted or not, and why, for one permission (or every permission) in one workspace (Default when none). */
    static ExplanationJson explain(AccessReviewService review, AccessContext access, String userId, String workspaceId, String permission) {
        List<Permission> asked = permission == null || permission.isBlank() ? Arrays.asList(Permission.values())
                : List.of(Permission.fromValue(permission.trim()).orElseThrow(() ->
                DomainException.invalid(ErrorCode.INVALID_PERMISSION, "permission must be one of the catalog of GET /v1/roles.")));
        var entry = review.standingOf(access.organizationId(), userId, Params.blankToNull(workspaceId));
        WorkspaceStanding decidedIn = entry.workspaceStanding();
        List<PermissionDecisionJson> decisions = asked.stream().map(p -> {
            Decision decision = AccessPolicy.decide(entry.standing(), p, decidedIn);
            return new PermissionDecisionJson(p.value(), p.scope().name().toLowerCase(Locale.ROOT), decision.granted(),
                    decision.outcome().name().toLowerCase(Locale.ROOT), decision.reasons());
        }).toList();
        var effective = AccessPolicy.effectiveWorkspaceRole(entry.standing(), decidedIn);
        PermissionDecisionJson single = decisions.size() == 1 ? decisions.get(0) : null;
        return new ExplanationJson("permission_explanation", userId, access.organizationId(), entry.standing().orgRole().value(),
                entry.workspace().kind() == WorkspaceKind.DEFAULT ? null : entry.workspace().id(), kind(entry.workspace().kind()),
                effective.role() == null ? null : effective.role().value(),
                single == null ? null : single.permission(), single == null ? null : single.granted(),
                single == null ? null : single.outcome(), single == null ? null : single.reasons(), decisions);
    }

    /** Every member × workspace (not archived) with effective role and permissions; CSV with {@code Accept: text/csv}. */
    @GET
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    @RequiresPermission(Permissions.ACCESS_REVIEW_READ)
    public Response accessReview(@jakarta.ws.rs.core.Context jakarta.ws.rs.core.HttpHeaders headers) {
        List<ReviewRowJson> rows = review.review(access.organizationId()).stream().map(entry -> {
            var standing = entry.standing();
            var effective = AccessPolicy.effectiveWorkspaceRole(standing, entry.workspaceStanding());
            List<String> permissions = AccessPolicy.permissionsIn(standing, entry.workspaceStanding()).stream().map(Permission::value).toList();
            return new ReviewRowJson(entry.member().user().id(), entry.member().user().email(), standing.orgRole().value(),
                    entry.workspace().kind() == WorkspaceKind.DEFAULT ? null : entry.workspace().id(), entry.workspace().name(),
                    kind(entry.workspace().kind()), effective.role() == null ? null : effective.role().value(), permissions);
        }).toList();
        boolean csv = headers.getAcceptableMediaTypes().stream().anyMatch(m -> m.getType().equals("text") && m.getSubtype().equals("csv"));
        if (csv) {
            StringBuilder out = new StringBuilder("user_id,email,organization_role,workspace_id,workspace_name,workspace_kind,workspace_role,permissions\r\n");
            for (ReviewRowJson row : rows) {
                out.append(Arrays.asList(row.userId(), row.email(), row.organizationRole(), row.workspaceId(), row.workspaceName(),
                        row.workspaceKind(), row.workspaceRole(), String.join(" ", row.permissions()))
                        .stream().map(AccessExplainResource::csvField).collect(Collectors.joining(","))).append("\r\n");
            }
            return Response.ok(out.toString(), "text/csv").build();
        }
        return Response.ok(new ReviewJson("access_review", access.organizationId(), rows), MediaType.APPLICATION_JSON).build();
    }

    private static String kind(WorkspaceKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    /** RFC 4180 quoting; a leading =, +, - or @ is prefixed so spreadsheets do not run it as a formula. */
    static String csvField(String value) {
        if (value == null) {
            return "";
        }
        String safe = value.isEmpty() || "=+-@".indexOf(value.charAt(0)) < 0 ? value : "'" + value;
        return "\"" + safe.replace("\"", "\"\"") + "\"";
    }
}
