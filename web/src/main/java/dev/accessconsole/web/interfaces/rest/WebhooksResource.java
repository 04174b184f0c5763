package dev.accessconsole.web.interfaces.rest;

import dev.accessconsole.authz.api.AccessContext;
import dev.accessconsole.authz.api.Permissions;
import dev.accessconsole.authz.api.RequiresPermission;
import dev.accessconsole.domain.application.WebhookService;
import dev.accessconsole.domain.model.Actor;
import dev.accessconsole.domain.model.DomainException;
import dev.accessconsole.domain.model.Page;
import dev.accessconsole.domain.model.PageRequest;
import dev.accessconsole.domain.model.WebhookEndpoint;
import dev.accessconsole.web.interfaces.rest.json.DeletedJson;
import dev.accessconsole.web.interfaces.rest.json.ListJson;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
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

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The audit stream's endpoints: the official client's webhooks service ({@code anthropic-beta: webhooks-2026-10-07}),
 * with this product's event type {@code audit.event_created} beside the official ones. Whoever may read the audit log
 * ({@code audit:read}) decides where it is streamed; the signing secret is answered at creation and regeneration only.
 */
@Path("/organizations/webhooks")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RequiresPermission(Permissions.AUDIT_READ)
public class WebhooksResource {

    /** A create or an update: on create {@code url} and {@code enabled_events} are required. */
    public record EndpointBody(@Schema(maxLength = 2048) String url, List<String> enabledEvents, @Schema(maxLength = 255) String name,
                               @Schema(maxLength = 2000) String description, @Schema(enumeration = {"enabled", "disabled"}) String state) {
    }

    /** An endpoint (the official client's BetaOrganizationWebhookEndpoint: no {@code type}) with its delivery health. */
    public record EndpointJson(String id, String url, String name, String description, List<String> enabledEvents, String state,
                               String disabledReason, Instant createdAt, Instant updatedAt, DeliveryJson delivery) {
        static EndpointJson of(WebhookEndpoint endpoint) {
            return new EndpointJson(endpoint.id(), endpoint.url(), endpoint.name(), endpoint.description(), endpoint.enabledEvents(),
                    endpoint.state().value(), endpoint.disabledReason(), endpoint.createdAt(), endpoint.updatedAt(), DeliveryJson.of(endpoint));
        }
    }

    /** This product's addition: where the endpoint's delivery stands. */
    public record DeliveryJson(long deliveredCount, Instant lastDeliveredAt, int failedAttempts, Instant failingSince,
                               Instant nextAttemptAt, String lastError) {
        static DeliveryJson of(WebhookEndpoint endpoint) {
            return new DeliveryJson(endpoint.deliveredCount(), endpoint.lastDeliveredAt(), endpoint.attempts(), endpoint.failingSince(),
                    endpoint.nextAttemptAt(), endpoint.lastError());
        }
    }

    /** The new endpoint and its signing secret, this once (BetaNewOrganizationWebhookEndpoint). */
    public record NewEndpointJson(String id, String url, String name, String description, List<String> enabledEvents, String state,
                                  String disabledReason, Instant createdAt, Instant updatedAt, DeliveryJson delivery, String signingSecret) {
    }

    public record SigningSecretJson(String signingSecret) {
    }

    @Inject
    WebhookService webhooks;

    @Inject
    AccessContext access;

    @GET
    public ListJson<EndpointJson> listWebhooks(@QueryParam("limit") String limit, @QueryParam("after_id") String afterId,
                                               @QueryParam("before_id") String beforeId, @QueryParam("order") String order) {
        PageRequest request = Params.page(limit, afterId, beforeId);
        if (order == null || order.isBlank() || order.equals("asc")) {
            return ListJson.of(webhooks.list(access.organizationId(), request).map(EndpointJson::of), EndpointJson::id);
        }
        if (!order.equals("desc")) {
            throw DomainException.invalidField("order", "order is asc or desc.");
        }
        // newest first: an organization has a handful of endpoints, ordered here
        List<EndpointJson> all = new ArrayList<>(webhooks.list(access.organizationId(), new PageRequest(null, null, 1000)).map(EndpointJson::of).data());
        all.sort(Comparator.comparing(EndpointJson::id).reversed());
        List<EndpointJson> window = new ArrayList<>();
        for (EndpointJson endpoint : all) {
            boolean inRange = (request.afterId() == null || endpoint.id().compareTo(request.afterId()) < 0)
                    && (request.beforeId() == null || endpoint.id().compareTo(request.beforeId()) > 0);
            if (inRange) {
                window.add(endpoint);
            }
        }
        boolean more = window.size() > request.limit();
        List<EndpointJson> data = more ? window.subList(0, request.limit()) : window;
        return ListJson.of(new Page<>(List.copyOf(data), more), EndpointJson::id);
    }

    @POST
    public NewEndpointJson createWebhook(EndpointBody body) {
        EndpointBody request = Params.body(body);
        Params.required("url", request.url());
        if (request.enabledEvents() == null) {
            throw DomainException.invalidField("enabled_events", "enabled_events is required.");
        }
        WebhookService.Created created = webhooks.create(Actor.of(access.standing()), access.organizationId(), change(request));
        EndpointJson json = EndpointJson.of(created.endpoint());
        return new NewEndpointJson(json.id(), json.url(), json.name(), json.description(), json.enabledEvents(), json.state(),
                json.disabledReason(), json.createdAt(), json.updatedAt(), json.delivery(), created.signingSecret());
    }

    @GET
    @Path("/{webhook_endpoint_id}")
    public EndpointJson getWebhook(@PathParam("webhook_endpoint_id") String endpointId) {
        return EndpointJson.of(webhooks.get(access.organizationId(), endpointId));
    }

    @POST
    @Path("/{webhook_endpoint_id}")
    public EndpointJson updateWebhook(@PathParam("webhook_endpoint_id") String endpointId, EndpointBody body) {
        return EndpointJson.of(webhooks.update(Actor.of(access.standing()), access.organizationId(), endpointId, change(Params.body(body))));
    }

    @DELETE
    @Path("/{webhook_endpoint_id}")
    public DeletedJson deleteWebhook(@PathParam("webhook_endpoint_id") String endpointId) {
        webhooks.delete(Actor.of(access.standing()), access.organizationId(), endpointId);
        return new DeletedJson(endpointId, "webhook_endpoint_deleted");
    }

    @POST
    @Path("/{webhook_endpoint_id}/regenerate_signing_secret")
    public SigningSecretJson regenerateWebhookSigningSecret(@PathParam("webhook_endpoint_id") String endpointId) {
        return new SigningSecretJson(webhooks.regenerateSecret(Actor.of(access.standing()), access.organizationId(), endpointId));
    }

    private static WebhookService.Change change(EndpointBody body) {
        return new WebhookService.Change(body.url(), body.enabledEvents(), body.name(), body.description(), body.state());
    }
}
