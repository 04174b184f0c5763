package dev.accessconsole.web.interfaces.rest;

import dev.accessconsole.authz.api.AccessContext;
import dev.accessconsole.authz.api.Permissions;
import dev.accessconsole.authz.api.RequiresPermission;
import dev.accessconsole.authz.api.WorkspaceId;
import dev.accessconsole.domain.application.LimitsService;
import dev.accessconsole.domain.model.Actor;
import dev.accessconsole.domain.model.Limits;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Workspace limits: seen with limits:read, changed with workspace:manage, never above the organization's. */
@Path("/organizations/workspaces/{workspace_id}/limits")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class LimitsResource {

    public record LimitsJson(Long monthlySpendLimitCents, Long requestsPerMinute, Long inputTokensPerMinute, Long outputTokensPerMinute) {

        public static LimitsJson of(Limits limits) {
            return new LimitsJson(limits.monthlySpendCents(), limits.requestsPerMinute(), limits.inputTokensPerMinute(), limits.outputTokensPerMinute());
        }

        Limits toLimits() {
            return new Limits(monthlySpendLimitCents, requestsPerMinute, inputTokensPerMinute, outputTokensPerMinute);
        }
    }

    public record WorkspaceLimitsJson(String type, String workspaceId, LimitsJson limits, LimitsJson organizationLimits) {

        static WorkspaceLimitsJson of(LimitsService.WorkspaceLimits limits) {
            return new WorkspaceLimitsJson("workspace_limits", limits.workspace().id(), LimitsJson.of(limits.own()), LimitsJson.of(limits.organization()));
        }
    }

    @Inject
    LimitsService limits;

    @Inject
    AccessContext access;

    @GET
    @RequiresPermission(Permissions.LIMITS_READ)
    public WorkspaceLimitsJson getLimits(@PathParam("workspace_id") @WorkspaceId String workspaceId) {
        return WorkspaceLimitsJson.of(limits.get(access.organizationId(), workspaceId));
    }

    @PUT
    @RequiresPermission(Permissions.WORKSPACE_MANAGE)
    public WorkspaceLimitsJson setLimits(@PathParam("workspace_id") @WorkspaceId String workspaceId, LimitsJson body) {
        return WorkspaceLimitsJson.of(limits.set(Actor.of(access.standing()), access.organizationId(), workspaceId, Params.body(body).toLimits()));
    }
}
