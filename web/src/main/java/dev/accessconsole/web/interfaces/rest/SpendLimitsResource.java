package dev.accessconsole.web.interfaces.rest;

import dev.accessconsole.authz.api.AccessContext;
import dev.accessconsole.authz.api.Permissions;
import dev.accessconsole.authz.api.RequiresPermission;
import dev.accessconsole.domain.application.SpendLimitService;
import dev.accessconsole.domain.model.Actor;
import dev.accessconsole.domain.model.DomainException;
import dev.accessconsole.domain.model.ErrorCode;
import dev.accessconsole.domain.model.Money;
import dev.accessconsole.domain.model.SpendLimit;
import dev.accessconsole.domain.model.SpendPeriod;
import dev.accessconsole.web.interfaces.rest.json.DeletedJson;
import dev.accessconsole.web.interfaces.rest.json.PageCursorJson;
import dev.accessconsole.web.interfaces.rest.json.SpendLimitJson;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
 * Spend limits as the official API serves them: seen with cost:read (the organization's, those of workspaces where the
 * caller reads cost, members' to whoever reads cost everywhere, or their own), set by admins and, for a workspace, by its
 * workspace admins. The gate is workspace:manage in some workspace; the service asks the policy for the scope at hand.
 */
@Path("/organizations/spend_limits")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SpendLimitsResource {

    public record ScopeBody(@Schema(enumeration = {"organization", "workspace", "user"}) String type,
                            @Schema(maxLength = 40) String workspaceId, @Schema(maxLength = 40) String userId) {
    }

    /** {@code amount} null: no cap (the limit is kept, not enabled). */
    public record SetBody(@Schema(maxLength = 20, nullable = true) String amount, ScopeBody scope,
                          @Schema(enumeration = {"daily", "weekly", "monthly"}) String period) {
    }

    @Inject
    SpendLimitService spendLimits;

    @Inject
    AccessContext access;

    @GET
    @RequiresPermission(value = Permissions.COST_READ, inAnyWorkspace = true)
    public PageCursorJson<SpendLimitJson> listSpendLimits(@QueryParam("limit") String limit, @QueryParam("page") String page,
                                                          @QueryParam("scope_type[]") List<String> scopeTypesBracketed,
                                                          @QueryParam("scope_type") List<String> scopeTypes,
                                                          @QueryParam("workspace_id") String workspaceId) {
        Set<SpendLimit.ScopeType> types = EnumSet.noneOf(SpendLimit.ScopeType.class);
        boolean unservedOnly = false;
        for (String value : Params.values(scopeTypesBracketed, scopeTypes)) {
            var type = SpendLimit.ScopeType.fromValue(value);
            if (type.isPresent()) {
                types.add(type.get());
            } else if (List.of("organization_service", "rbac_group", "seat_tier", "usage_tier").contains(value)) {
                unservedOnly = true; // scopes of the official API this product has no limits on: nothing to show
            } else {
                throw DomainException.invalidField("scope_type", "scope_type[] must each be one of organization, organization_service,"
                        + " rbac_group, seat_tier, usage_tier, user, workspace.");
            }
        }
        var request = Params.page(limit, page, null);
        List<SpendLimit> found = unservedOnly && types.isEmpty() ? List.of()
                : spendLimits.list(access.organizationId(), authority(), types, Params.blankToNull(workspaceId));
        return PageCursorJson.of(found, SpendLimit::id, request, SpendLimitJson::of);
    }

    @POST
    @RequiresPermission(value = Permissions.WORKSPACE_MANAGE, inAnyWorkspace = true)
    public SpendLimitJson setSpendLimit(SetBody body) {
        SetBody request = Params.body(body);
        if (request.scope() == null) {
            throw DomainException.invalidField("scope", "scope is required: {\"type\":\"organization\"}, {\"type\":\"workspace\",\"workspace_id\":…}"
                    + " or {\"type\":\"user\",\"user_id\":…}.");
        }
        SpendLimit.ScopeType type = SpendLimit.ScopeType.fromValue(request.scope().type()).orElseThrow(() ->
                DomainException.invalidField("scope", "scope.type must be one of organization, workspace, user."));
        SpendLimit.Scope scope = switch (type) {
            case ORGANIZATION -> SpendLimit.Scope.organization(access.organizationId());
            case WORKSPACE -> SpendLimit.Scope.workspace(Params.required("scope.workspace_id", request.scope().workspaceId()));
            case USER -> SpendLimit.Scope.user(Params.required("scope.user_id", request.scope().userId()));
        };
        SpendPeriod period = period(request.period(), SpendPeriod.MONTHLY);
        Long cents = request.amount() == null ? null : Money.parseCents(request.amount(), "amount");
        return SpendLimitJson.of(spendLimits.set(Actor.of(access.standing()), access.organizationId(), authority(), scope, period, cents));
    }

    /** Each actor's applying limit per period (members: their own keys; keys that belong to no one), with its source and spend. */
    @GET
    @Path("/effective")
    @RequiresPermission(value = Permissions.COST_READ, inAnyWorkspace = true)
    public PageCursorJson<SpendLimitJson.Summary> listEffectiveSpendLimits(@QueryParam("limit") String limit, @QueryParam("page") String page,
                                                                           @QueryParam("period[]") List<String> periodsBracketed,
                                                                           @QueryParam("period") List<String> periods,
                                                                           @QueryParam("user_ids[]") List<String> userIdsBracketed,
                                                                           @QueryParam("user_ids") List<String> userIds) {
        Set<SpendPeriod> periodFilter = EnumSet.noneOf(SpendPeriod.class);
        for (String value : Params.values(periodsBracketed, periods)) {
            periodFilter.add(period(value, null));
        }
        var request = Params.page(limit, page, null);
        var summaries = spendLimits.effective(access.organizationId(), authority(), periodFilter, Set.copyOf(Params.values(userIdsBracketed, userIds)));
        return PageCursorJson.of(summaries, s -> s.actor().type().charAt(0) + s.actor().id() + ":" + s.applying().limit().period().ordinal(),
                request, SpendLimitJson.Summary::of);
    }

    @GET
    @Path("/{spend_limit_id}")
    @RequiresPermission(value = Permissions.COST_READ, inAnyWorkspace = true)
    public SpendLimitJson getSpendLimit(@PathParam("spend_limit_id") String spendLimitId) {
        return SpendLimitJson.of(spendLimits.get(access.organizationId(), authority(), spendLimitId));
    }

    @DELETE
    @Path("/{spend_limit_id}")
    @RequiresPermission(value = Permissions.WORKSPACE_MANAGE, inAnyWorkspace = true)
    public DeletedJson deleteSpendLimit(@PathParam("spend_limit_id") String spendLimitId) {
        SpendLimit deleted = spendLimits.delete(Actor.of(access.standing()), access.organizationId(), authority(), spendLimitId);
        return new DeletedJson(deleted.id(), "spend_limit_deleted");
    }

    private SpendLimitService.Authority authority() {
        return spendLimits.authority(access.standing());
    }

    static SpendPeriod period(String value, SpendPeriod absent) {
        if (value == null && absent != null) {
            return absent;
        }
        return SpendPeriod.fromValue(value == null ? "" : value).orElseThrow(() ->
                DomainException.invalidField("period", "period must be one of daily, weekly, monthly."));
    }
}
