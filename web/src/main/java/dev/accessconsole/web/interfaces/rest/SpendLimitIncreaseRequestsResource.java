package dev.accessconsole.web.interfaces.rest;

import dev.accessconsole.authz.api.AccessContext;
import dev.accessconsole.authz.api.Permissions;
import dev.accessconsole.authz.api.RequiresPermission;
import dev.accessconsole.domain.application.SpendLimitService;
import dev.accessconsole.domain.model.Actor;
import dev.accessconsole.domain.model.DomainException;
import dev.accessconsole.domain.model.ErrorCode;
import dev.accessconsole.domain.model.Money;
import dev.accessconsole.domain.model.SpendLimitIncreaseRequest;
import dev.accessconsole.web.interfaces.rest.json.PageCursorJson;
import dev.accessconsole.web.interfaces.rest.json.SpendLimitJson;
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
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Requests for more spend: any member asks for themselves (this product's own {@code POST}); members:manage holders list,
 * approve (setting the new amount) and deny; the requester sees the outcome at {@code /v1/organizations/me/spend_limits}.
 */
@Path("/organizations/spend_limit_increase_requests")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SpendLimitIncreaseRequestsResource {

    /** What a member asks: more on the limit that caps them (in a workspace they use, of a period), how much, why. */
    public record AskBody(@Schema(maxLength = 40) String workspaceId, @Schema(enumeration = {"daily", "weekly", "monthly"}) String period,
                          @Schema(maxLength = 20) String amount, @Schema(maxLength = 1000) String reason) {
    }

    public record ApproveBody(@Schema(maxLength = 20) String amount, @Schema(enumeration = {"daily", "weekly", "monthly"}) String period,
                              Boolean suppressNotification) {
    }

    @Inject
    SpendLimitService spendLimits;

    @Inject
    AccessContext access;

    @POST
    @RequiresPermission(Permissions.ORGANIZATION_READ)
    public SpendLimitJson.IncreaseRequest askForSpendLimitIncrease(AskBody body) {
        AskBody request = body == null ? new AskBody(null, null, null, null) : body;
        String workspaceId = Params.blankToNull(request.workspaceId());
        if (workspaceId != null) {
            access.visibleWorkspace(workspaceId);
        }
        if (request.reason() != null && request.reason().length() > 1000) {
            throw DomainException.invalidField("reason", "reason is at most 1000 characters.");
        }
        return SpendLimitJson.IncreaseRequest.of(spendLimits.ask(Actor.of(access.standing()), access.organizationId(), workspaceId,
                request.period() == null ? null : SpendLimitsResource.period(request.period(), null),
                request.amount() == null ? null : Money.parseCents(request.amount(), "amount"), request.reason()));
    }

    @GET
    @RequiresPermission(Permissions.MEMBERS_MANAGE)
    public PageCursorJson<SpendLimitJson.IncreaseRequest> listSpendLimitIncreaseRequests(@QueryParam("limit") String limit,
                                                                                         @QueryParam("page") String page,
                                                                                         @QueryParam("actor_ids[]") List<String> actorIdsBracketed,
                                                                                         @QueryParam("actor_ids") List<String> actorIds,
                                                                                         @QueryParam("status[]") List<String> statusesBracketed,
                                                                                         @QueryParam("status") List<String> statuses) {
        Set<SpendLimitIncreaseRequest.Status> statusFilter = EnumSet.noneOf(SpendLimitIncreaseRequest.Status.class);
        for (String value : Params.values(statusesBracketed, statuses)) {
            statusFilter.add(SpendLimitIncreaseRequest.Status.fromValue(value).orElseThrow(() -> DomainException.invalid(ErrorCode.INVALID_STATUS,
                    "status[] must each be one of pending, approved, denied.")));
        }
        var request = Params.page(limit, page, null);
        var found = spendLimits.requests(access.organizationId(), Params.values(actorIdsBracketed, actorIds), statusFilter);
        return PageCursorJson.of(found, r -> r.request().id(), request, SpendLimitJson.IncreaseRequest::of);
    }

    @GET
    @Path("/{spend_limit_increase_request_id}")
    @RequiresPermission(Permissions.MEMBERS_MANAGE)
    public SpendLimitJson.IncreaseRequest getSpendLimitIncreaseRequest(@PathParam("spend_limit_increase_request_id") String requestId) {
        return SpendLimitJson.IncreaseRequest.of(spendLimits.request(access.organizationId(), requestId));
    }

    @POST
    @Path("/{spend_limit_increase_request_id}/approve")
    @RequiresPermission(Permissions.MEMBERS_MANAGE)
    public SpendLimitJson.IncreaseRequest approveSpendLimitIncreaseRequest(@PathParam("spend_limit_increase_request_id") String requestId,
                                                                           ApproveBody body) {
        ApproveBody request = Params.body(body);
        long cents = Money.parseCents(request.amount(), "amount");
        return SpendLimitJson.IncreaseRequest.of(spendLimits.approve(Actor.of(access.standing()), access.organizationId(), requestId, cents,
                request.period() == null ? null : SpendLimitsResource.period(request.period(), null)));
    }

    @POST
    @Path("/{spend_limit_increase_request_id}/deny")
    @RequiresPermission(Permissions.MEMBERS_MANAGE)
    public SpendLimitJson.IncreaseRequest denySpendLimitIncreaseRequest(@PathParam("spend_limit_increase_request_id") String requestId) {
        // the official client may send {"suppress_notification": …} or nothing: this product sends no notification either way
        return SpendLimitJson.IncreaseRequest.of(spendLimits.deny(Actor.of(access.standing()), access.organizationId(), requestId));
    }
}
