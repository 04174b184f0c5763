package dev.accessconsole.web.interfaces.rest;

import dev.accessconsole.authz.api.AccessContext;
import dev.accessconsole.authz.api.Permissions;
import dev.accessconsole.authz.api.RequiresPermission;
import dev.accessconsole.domain.application.AuditService;
import dev.accessconsole.domain.model.AuditEvent;
import dev.accessconsole.domain.model.DomainException;
import dev.accessconsole.web.interfaces.rest.json.ListJson;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;

/** The audit log: every change and every refused request, newest last, with cursor pagination and filters. */
@Path("/organizations/audit_events")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RequiresPermission(Permissions.AUDIT_READ)
public class AuditEventsResource {

    @Inject
    AuditService audit;

    @Inject
    AccessContext access;

    @GET
    public ListJson<jakarta.json.JsonObject> listAuditEvents(@QueryParam("limit") String limit, @QueryParam("after_id") String afterId,
                                                    @QueryParam("before_id") String beforeId, @QueryParam("actor_id") String actorId,
                                                    @QueryParam("action") String action, @QueryParam("target_id") String targetId,
                                                    @QueryParam("outcome") String outcome, @QueryParam("starting_at") String startingAt,
                                                    @QueryParam("ending_at") String endingAt) {
        var filter = new AuditService.Filter(Params.blankToNull(actorId), Params.blankToNull(action), Params.blankToNull(targetId),
                Params.blankToNull(outcome), time("starting_at", startingAt), time("ending_at", endingAt));
        // one shape for an audit event: the log's and the audit stream's (AuditEvent.toJson)
        var page = audit.list(access.organizationId(), filter, Params.page(limit, afterId, beforeId)).map(AuditEvent::toJson);
        return ListJson.of(page, event -> event.getString("id"));
    }

    private static Instant time(String name, String value) {
        return value == null || value.isBlank() ? null : Params.time(name, value);
    }
}
