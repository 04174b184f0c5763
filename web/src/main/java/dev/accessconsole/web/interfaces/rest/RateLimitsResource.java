package dev.accessconsole.web.interfaces.rest;

import dev.accessconsole.authz.api.AccessContext;
import dev.accessconsole.authz.api.Permissions;
import dev.accessconsole.authz.api.RequiresPermission;
import dev.accessconsole.domain.application.RateLimitService;
import dev.accessconsole.web.interfaces.rest.json.RateLimitJson;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** The Admin API's organization rate limits (limits:read); their values are set by platform support. */
@Path("/organizations/rate_limits")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RateLimitsResource {

    @Inject
    RateLimitService rateLimits;

    @Inject
    AccessContext access;

    @GET
    @RequiresPermission(Permissions.LIMITS_READ)
    public RateLimitJson.Page<RateLimitJson.Organization> listOrganizationRateLimits(@QueryParam("group_type") String groupType,
                                                                                    @QueryParam("model") String model,
                                                                                    @QueryParam("limit") String limit,
                                                                                    @QueryParam("page") String page) {
        Params.page(limit, page, null); // checked like every list's limit
        return RateLimitJson.Page.of(rateLimits.organization(access.organizationId(), Params.blankToNull(groupType), Params.blankToNull(model))
                .stream().map(RateLimitJson.Organization::of).toList());
    }
}
