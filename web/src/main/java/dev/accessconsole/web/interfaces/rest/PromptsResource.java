package dev.accessconsole.web.interfaces.rest;

import dev.accessconsole.domain.model.JsonBuilders;
import dev.accessconsole.domain.model.ErrorCode;
import dev.accessconsole.authz.api.AccessContext;
import dev.accessconsole.authz.api.Permissions;
import dev.accessconsole.authz.api.RequiresPermission;
import dev.accessconsole.authz.api.WorkspaceId;
import dev.accessconsole.domain.application.PromptService;
import dev.accessconsole.domain.model.Actor;
import dev.accessconsole.domain.model.DomainException;
import dev.accessconsole.domain.model.Prompt;
import dev.accessconsole.web.interfaces.rest.json.DeletedJson;
import dev.accessconsole.web.interfaces.rest.json.ListJson;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;

/** Saved Workbench prompts of a workspace, for everyone who may use Workbench there. */
@Path("/organizations/workspaces/{workspace_id}/prompts")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RequiresPermission(Permissions.WORKBENCH_USE)
public class PromptsResource {

    public record PromptJson(String id, String type, String workspaceId, String name, String model, String system,
                             JsonArray messages, String createdBy, Instant createdAt, Instant updatedAt) {

        static PromptJson of(Prompt prompt) {
            try (var reader = JsonBuilders.reader(prompt.messages())) {
                return new PromptJson(prompt.id(), "prompt", prompt.workspaceId(), prompt.name(), prompt.model(), prompt.systemPrompt(),
                        reader.readArray(), prompt.createdBy(), prompt.createdAt(), prompt.updatedAt());
            }
        }
    }

    @Inject
    PromptService prompts;

    @Inject
    AccessContext access;

    @POST
    public PromptJson createPrompt(@PathParam("workspace_id") @WorkspaceId String workspaceId, String body) {
        return PromptJson.of(prompts.create(Actor.of(access.standing()), access.organizationId(), workspaceId, draft(body)));
    }

    @GET
    public ListJson<PromptJson> listPrompts(@PathParam("workspace_id") @WorkspaceId String workspaceId,
                                            @QueryParam("limit") String limit,
                                            @QueryParam("after_id") String afterId,
                                            @QueryParam("before_id") String beforeId) {
        var page = prompts.list(access.organizationId(), workspaceId, Params.page(limit, afterId, beforeId)).map(PromptJson::of);
        return ListJson.of(page, PromptJson::id);
    }

    @GET
    @Path("/{prompt_id}")
    public PromptJson getPrompt(@PathParam("workspace_id") @WorkspaceId String workspaceId, @PathParam("prompt_id") String promptId) {
        return PromptJson.of(prompts.get(access.organizationId(), workspaceId, promptId));
    }

    @POST
    @Path("/{prompt_id}")
    public PromptJson updatePrompt(@PathParam("workspace_id") @WorkspaceId String workspaceId, @PathParam("prompt_id") String promptId,
                                   String body) {
        return PromptJson.of(prompts.update(Actor.of(access.standing()), access.organizationId(), workspaceId, promptId, draft(body)));
    }

    @DELETE
    @Path("/{prompt_id}")
    public DeletedJson deletePrompt(@PathParam("workspace_id") @WorkspaceId String workspaceId, @PathParam("prompt_id") String promptId) {
        prompts.delete(Actor.of(access.standing()), access.organizationId(), workspaceId, promptId);
        return new DeletedJson(promptId, "prompt_deleted");
    }

    /** Parsed here rather than by the provider, so that any unreadable body (malformed, too deeply nested) is a 400. */
    private static PromptService.Draft draft(String text) {
        if (text == null || text.isBlank()) {
            throw DomainException.invalid(ErrorCode.MISSING_BODY, "A JSON body is required.");
        }
        JsonObject body;
        try (var reader = JsonBuilders.reader(text)) {
            body = reader.readObject();
        } catch (RuntimeException unreadable) {
            throw DomainException.invalid(ErrorCode.INVALID_JSON, "The request body must be a JSON object.");
        }
        JsonValue messages = body.get("messages");
        if (messages != null && messages.getValueType() != JsonValue.ValueType.ARRAY && messages.getValueType() != JsonValue.ValueType.NULL) {
            throw DomainException.invalid(ErrorCode.INVALID_MESSAGES, "messages must be an array.");
        }
        return new PromptService.Draft(text(body, "name"), text(body, "model"), text(body, "system"),
                messages == null || messages.getValueType() == JsonValue.ValueType.NULL ? null : messages.asJsonArray());
    }

    private static String text(JsonObject body, String field) {
        JsonValue value = body.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value.getValueType() != JsonValue.ValueType.STRING) {
            throw DomainException.invalidField(field, field + " must be a string.");
        }
        return body.getString(field);
    }
}
