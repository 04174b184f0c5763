package dev.accessconsole.web.interfaces.rest;

import dev.accessconsole.authz.api.AccessContext;
import dev.accessconsole.authz.api.Permissions;
import dev.accessconsole.authz.api.RequiresPermission;
import dev.accessconsole.authz.api.WorkspaceId;
import dev.accessconsole.domain.application.RateLimitService;
import dev.accessconsole.domain.model.Actor;
import dev.accessconsole.domain.model.DomainException;
import dev.accessconsole.web.interfaces.rest.json.RateLimitJson;
import dev.accessconsole.web.interfaces.rest.json.Requests;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Admin API's rate limits of a workspace: its overrides of the organization's (limits:read to read,
 * workspace:manage to set, never above the organization's).
 */
@Path("/organizations/workspaces/{workspace_id}/rate_limits")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class WorkspaceRateLimitsResource {

    @Inject
    RateLimitService rateLimits;

    @Inject
    AccessContext access;

    @GET
    @RequiresPermission(Permissions.LIMITS_READ)
    public RateLimitJson.Page<RateLimitJson.Workspace> listWorkspaceRateLimits(@PathParam("workspace_id") @WorkspaceId String workspaceId,
                                                                               @QueryParam("group_type") String groupType,
                                                                               @QueryParam("include_inherited") String includeInherited,
                                                                               @QueryParam("limit") String limit,
                                                                               @QueryParam("page") String page) {
        Params.page(limit, page, null);
        return RateLimitJson.Page.of(rateLimits.workspace(access.organizationId(), workspaceId, Params.blankToNull(groupType),
                Params.flag(includeInherited, "include_inherited")).stream().map(RateLimitJson.Workspace::of).toList());
    }

    /** Sets (an integer) or clears (null) the named limiters of the workspace; the others keep their value. */
    @POST
    @Path("/{rate_limit_id}")
    @RequiresPermission(Permissions.WORKSPACE_MANAGE)
    public RateLimitJson.Workspace setWorkspaceRateLimits(@PathParam("workspace_id") @WorkspaceId String workspaceId,
                                                          @PathParam("rate_limit_id") String rateLimitId,
                                                          Requests.SetRateLimits body) {
        Requests.SetRateLimits request = Params.body(body);
        if (request.limits() == null) {
            throw DomainException.invalidField("limits", "limits is required: the limiters to set (an integer) or clear (null).");
        }
        Map<String, Long> changes = new LinkedHashMap<>();
        for (Requests.RateLimitValue value : request.limits()) {
            if (value == null || value.type() == null) {
                throw DomainException.invalidField("limits", "Each limit names its type.");
            }
            if (changes.containsKey(value.type())) {
                throw DomainException.invalidField("limits", "Each limiter type is named once.");
            }
            changes.put(value.type(), wholeOrNull(value.value()));
        }
        return RateLimitJson.Workspace.of(rateLimits.set(Actor.of(access.standing()), access.organizationId(), workspaceId, rateLimitId, changes));
    }

    /** A JSON integer within range, or null (JSON null or absent) to clear; anything else is refused like every whole number. */
    private static Long wholeOrNull(jakarta.json.JsonValue value) {
        if (value == null || value.getValueType() == jakarta.json.JsonValue.ValueType.NULL) {
            return null;
        }
        if (value instanceof jakarta.json.JsonNumber number) {
            try {
                java.math.BigDecimal exact = number.bigDecimalValue();
                if (exact.signum() == 0 || exact.stripTrailingZeros().scale() <= 0) {
                    return exact.longValueExact();
                }
            } catch (ArithmeticException outOfRange) {
                // refused below
            }
        }
        throw DomainException.invalid(dev.accessconsole.domain.model.ErrorCode.INVALID_NUMBER,
                "limits[].value takes a JSON integer within range, or null to clear the override.");
    }
}
