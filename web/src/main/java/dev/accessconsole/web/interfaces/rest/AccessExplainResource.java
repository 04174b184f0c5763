package dev.accessconsole.web.interfaces.rest;

import dev.accessconsole.authz.api.WorkspaceStanding;
import dev.accessconsole.domain.model.ErrorCode;
import dev.accessconsole.authz.api.AccessContext;
import dev.accessconsole.authz.api.Permission;
import dev.accessconsole.authz.api.Permissions;
import dev.accessconsole.authz.api.RequiresPermission;
import dev.accessconsole.authz.api.WorkspaceKind;
import dev.accessconsole.domain.application.AccessReviewService;
import dev.accessconsole.domain.model.DomainException;
import dev.accessconsole.web.interfaces.rest.json.HeldRoleJson;
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
 * Both are decided by the domain with the policy the guard enforces with; this resource only shapes them.
 */
@Path("/organizations/access_review")
@RequestScoped
public class AccessExplainResource {

    public record PermissionDecisionJson(String permission, String scope, boolean granted, String outcome, List<String> reasons,
                                         List<String> sources) {
    }

    /**
     * When one permission was asked, {@code permission}, {@code granted}, {@code outcome}, {@code reasons} and {@code sources}
     * answer it directly; {@code roles} are every role the member holds, each with its source.
     */
    public record ExplanationJson(String type, String userId, String organizationId, String organizationRole, List<HeldRoleJson> roles,
                                  String workspaceId, String workspaceKind, String workspaceRole, String permission, Boolean granted,
                                  String outcome, List<String> reasons, List<String> sources, List<PermissionDecisionJson> decisions) {
    }

    public record ReviewRowJson(String userId, String email, String organizationRole, List<HeldRoleJson> roles, String workspaceId,
                                String workspaceName, String workspaceKind, String workspaceRole, List<String> permissions) {
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
        var explanation = review.explain(access.organizationId(), userId, Params.blankToNull(workspaceId), asked);
        List<PermissionDecisionJson> decisions = explanation.decisions().stream().map(d -> new PermissionDecisionJson(d.permission().value(),
                d.permission().scope().name().toLowerCase(Locale.ROOT), d.granted(), d.outcome(), d.reasons(), d.sources())).toList();
        PermissionDecisionJson single = decisions.size() == 1 ? decisions.get(0) : null;
        return new ExplanationJson("permission_explanation", userId, access.organizationId(), explanation.orgRole().value(),
                HeldRoleJson.of(explanation.roles(), explanation.customRoles()),
                explanation.workspaceKind() == WorkspaceKind.DEFAULT ? null : explanation.workspaceId(), kind(explanation.workspaceKind()),
                explanation.effectiveRole() == null ? null : explanation.effectiveRole().value(),
                single == null ? null : single.permission(), single == null ? null : single.granted(),
                single == null ? null : single.outcome(), single == null ? null : single.reasons(), single == null ? null : single.sources(),
                decisions);
    }

    /** Every member × workspace (not archived) with effective role and permissions; CSV with {@code Accept: text/csv}. */
    @GET
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    @RequiresPermission(Permissions.ACCESS_REVIEW_READ)
    public Response accessReview(@jakarta.ws.rs.core.Context jakarta.ws.rs.core.HttpHeaders headers) {
        List<ReviewRowJson> rows = review.review(access.organizationId()).stream().map(row -> new ReviewRowJson(row.userId(), row.email(),
                row.orgRole().value(), HeldRoleJson.of(row.roles(), row.customRoles()), row.workspaceKind() == WorkspaceKind.DEFAULT ? null : row.workspaceId(), row.workspaceName(),
                kind(row.workspaceKind()), row.effectiveRole() == null ? null : row.effectiveRole().value(),
                row.permissions().stream().map(Permission::value).toList())).toList();
        boolean csv = headers.getAcceptableMediaTypes().stream().anyMatch(m -> m.getType().equals("text") && m.getSubtype().equals("csv"));
        if (csv) {
            StringBuilder out = new StringBuilder("user_id,email,organization_role,workspace_id,workspace_name,workspace_kind,workspace_role,permissions,roles\r\n");
            for (ReviewRowJson row : rows) {
                out.append(Arrays.asList(row.userId(), row.email(), row.organizationRole(), row.workspaceId(), row.workspaceName(),
                        row.workspaceKind(), row.workspaceRole(), String.join(" ", row.permissions()),
                        row.roles().stream().map(HeldRoleJson::description).collect(Collectors.joining("; ")))
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
