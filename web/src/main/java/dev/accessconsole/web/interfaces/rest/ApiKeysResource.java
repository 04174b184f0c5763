package dev.accessconsole.web.interfaces.rest;

import dev.accessconsole.authz.api.Permission;
import dev.accessconsole.domain.model.ApiKeyRepository;
import dev.accessconsole.domain.model.ErrorCode;
import dev.accessconsole.authz.api.AccessContext;
import dev.accessconsole.authz.api.Permissions;
import dev.accessconsole.authz.api.RequiresPermission;
import dev.accessconsole.authz.api.WorkspaceId;
import dev.accessconsole.authz.api.WorkspaceOf;
import dev.accessconsole.domain.application.ApiKeyService;
import dev.accessconsole.domain.model.Actor;
import dev.accessconsole.domain.model.ApiKey;
import dev.accessconsole.domain.model.DomainException;
import dev.accessconsole.domain.model.Time;
import dev.accessconsole.web.interfaces.rest.json.ApiKeyCreatedJson;
import dev.accessconsole.web.interfaces.rest.json.ApiKeyJson;
import dev.accessconsole.web.interfaces.rest.json.ListJson;
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

/** API keys: the Admin API's list/get/update, and creation (the Console's own action), decided in the key's workspace. */
@Path("/organizations/api_keys")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ApiKeysResource {

    @Inject
    ApiKeyService keys;

    @Inject
    AccessContext access;

    /** Creates a key in {@code workspace_id} (the Default workspace when absent); the secret is in this response only. */
    @POST
    @RequiresPermission(Permissions.API_KEYS_MANAGE)
    public ApiKeyCreatedJson createApiKey(@WorkspaceId Requests.CreateApiKey body) {
        Requests.CreateApiKey request = Params.body(body);
        // the same accessor the guard decided with: the key goes where api_keys:manage was decided
        java.time.Instant expiresAt = request.expiresAt() == null ? null : Params.time("expires_at", request.expiresAt());
        return ApiKeyCreatedJson.of(keys.create(Actor.of(access.standing()), access.organizationId(), request.workspaceId(), request.name(),
                expiresAt, Params.blankToNull(request.serviceAccountId())));
    }

    /** Lists the keys of the workspaces where the caller holds api_keys:read (403 when there is none). */
    @GET
    @RequiresPermission(value = Permissions.API_KEYS_READ, inAnyWorkspace = true)
    public ListJson<ApiKeyJson> listApiKeys(@QueryParam("limit") String limit,
                                            @QueryParam("after_id") String afterId,
                                            @QueryParam("before_id") String beforeId,
                                            @QueryParam("status") String status,
                                            @QueryParam("workspace_id") String workspaceId,
                                            @QueryParam("created_by_user_id") String createdByUserId) {
        ApiKey.Status statusFilter = status == null || status.isBlank() ? null : ApiKey.Status.fromValue(status.trim())
                .orElseThrow(() -> DomainException.invalid(ErrorCode.INVALID_STATUS, "status must be one of active, inactive, archived, expired."));
        var filter = new ApiKeyRepository.Filter(statusFilter, Params.blankToNull(workspaceId), Params.blankToNull(createdByUserId), Time.now());
        var page = keys.list(access.organizationId(), access.scope(Permission.API_KEYS_READ), filter, Params.page(limit, afterId, beforeId))
                .map(ApiKeyJson::of);
        return ListJson.of(page, ApiKeyJson::id);
    }

    @GET
    @Path("/{api_key_id}")
    @RequiresPermission(Permissions.API_KEYS_READ)
    public ApiKeyJson getApiKey(@PathParam("api_key_id") @WorkspaceOf("api_key") String apiKeyId) {
        return ApiKeyJson.of(keys.get(access.organizationId(), apiKeyId));
    }

    @POST
    @Path("/{api_key_id}")
    @RequiresPermission(Permissions.API_KEYS_MANAGE)
    public ApiKeyJson updateApiKey(@PathParam("api_key_id") @WorkspaceOf("api_key") String apiKeyId, Requests.UpdateApiKey body) {
        Requests.UpdateApiKey request = Params.body(body);
        ApiKey.Status status = request.status() == null ? null : ApiKey.Status.fromValue(request.status())
                .orElseThrow(() -> DomainException.invalid(ErrorCode.INVALID_STATUS, "status must be one of active, inactive, archived."));
        return ApiKeyJson.of(keys.update(Actor.of(access.standing()), access.organizationId(), apiKeyId, request.name(), status));
    }
}
