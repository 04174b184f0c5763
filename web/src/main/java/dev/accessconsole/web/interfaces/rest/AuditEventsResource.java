package dev.accessconsole.web.interfaces.rest;

import dev.accessconsole.domain.model.JsonBuilders;
import dev.accessconsole.authz.api.AccessContext;
import dev.accessconsole.authz.api.Permissions;
import dev.accessconsole.authz.api.RequiresPermission;
import dev.accessconsole.domain.application.AuditService;
import dev.accessconsole.domain.model.AuditEvent;
import dev.accessconsole.domain.model.DomainException;
import dev.accessconsole.web.interfaces.rest.json.ListJson;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
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

    public record ActorJson(String type, String id) {
    }

    public record TargetJson(String type, String id) {
    }

    public record AuditEventJson(String id, String type, String action, ActorJson actor, TargetJson target, String outcome,
                                 JsonValue details, String requestId, Instant occurredAt) {

        static AuditEventJson of(AuditEvent event) {
            JsonValue details = JsonValue.NULL;
            if (event.details() != null) {
                try (var reader = JsonBuilders.reader(event.details())) {
                    details = reader.readValue();
                } catch (RuntimeException notJson) {
                    details = JsonBuilders.string(event.details());
                }
            }
            return new AuditEventJson(event.id(), "audit_event", event.action(), new ActorJson(event.actorKind(), event.actorId()),
                    new TargetJson(event.targetType(), event.targetId()), event.outcome(), details, event.requestId(), event.occurredAt());
        }
    }

    @Inject
    AuditService audit;

    @Inject
    AccessContext access;

    @GET
    public ListJson<AuditEventJson> listAuditEvents(@QueryParam("limit") String limit, @QueryParam("after_id") String afterId,
                                                    @QueryParam("before_id") String beforeId, @QueryParam("actor_id") String actorId,
                                                    @QueryParam("action") String action, @QueryParam("target_id") String targetId,
                                                    @QueryParam("outcome") String outcome, @QueryParam("starting_at") String startingAt,
                                                    @QueryParam("ending_at") String endingAt) {
        var filter = new AuditService.Filter(Params.blankToNull(actorId), Params.blankToNull(action), Params.blankToNull(targetId),
                Params.blankToNull(outcome), time("starting_at", startingAt), time("ending_at", endingAt));
        var page = audit.list(access.organizationId(), filter, Params.page(limit, afterId, beforeId)).map(AuditEventJson::of);
        return ListJson.of(page, AuditEventJson::id);
    }

    private static Instant time(String name, String value) {
        return value == null || value.isBlank() ? null : Params.time(name, value);
    }
}
