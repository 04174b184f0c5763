package dev.accessconsole.web.interfaces.rest;

import dev.accessconsole.authz.api.Permission;
import dev.accessconsole.authz.api.AccessContext;
import dev.accessconsole.authz.api.Permissions;
import dev.accessconsole.authz.api.RequiresPermission;
import dev.accessconsole.authz.api.WorkspaceId;
import dev.accessconsole.domain.application.WorkspaceService;
import dev.accessconsole.domain.model.Actor;
import dev.accessconsole.web.interfaces.rest.json.ListJson;
import dev.accessconsole.web.interfaces.rest.json.Requests;
import dev.accessconsole.web.interfaces.rest.json.WorkspaceJson;
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

/** The Admin API's workspaces. */
@Path("/organizations/workspaces")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class WorkspacesResource {

    @Inject
    WorkspaceService workspaces;

    @Inject
    AccessContext access;

    @POST
    @RequiresPermission(Permissions.WORKSPACES_CREATE)
    public WorkspaceJson createWorkspace(Requests.CreateWorkspace body) {
        Requests.CreateWorkspace request = Params.body(body);
        return WorkspaceJson.of(workspaces.create(Actor.of(access.standing()), access.organizationId(), request.name(),
                settings(request.displayColor(), request.tags(), request.dataResidency(), request.externalKeyId())));
    }

    /** Lists the workspaces the caller may read (workspace:read), the Default one only with include_default=true. */
    @GET
    @RequiresPermission(value = Permissions.WORKSPACE_READ, inAnyWorkspace = true)
    public ListJson<WorkspaceJson> listWorkspaces(@QueryParam("limit") String limit,
                                                  @QueryParam("after_id") String afterId,
                                                  @QueryParam("before_id") String beforeId,
                                                  @QueryParam("include_archived") String includeArchived,
                                                  @QueryParam("include_default") String includeDefault,
                                                  @QueryParam("ids[]") java.util.List<String> ids) {
        var page = workspaces.list(access.organizationId(), access.scope(Permission.WORKSPACE_READ), Params.flag(includeArchived, "include_archived"),
                Params.flag(includeDefault, "include_default"), ids, Params.page(limit, afterId, beforeId)).map(WorkspaceJson::of);
        return ListJson.of(page, WorkspaceJson::id);
    }

    @GET
    @Path("/{workspace_id}")
    @RequiresPermission(Permissions.WORKSPACE_READ)
    public WorkspaceJson getWorkspace(@PathParam("workspace_id") @WorkspaceId String workspaceId) {
        return WorkspaceJson.of(workspaces.get(access.organizationId(), workspaceId));
    }

    @POST
    @Path("/{workspace_id}")
    @RequiresPermission(Permissions.WORKSPACE_MANAGE)
    public WorkspaceJson updateWorkspace(@PathParam("workspace_id") @WorkspaceId String workspaceId, Requests.UpdateWorkspace body) {
        Requests.UpdateWorkspace request = Params.body(body);
        return WorkspaceJson.of(workspaces.update(Actor.of(access.standing()), access.organizationId(), workspaceId, request.name(),
                settings(request.displayColor(), request.tags(), request.dataResidency(), request.externalKeyId())));
    }

    /** Archiving is an org-level power; the workspace must still be one the caller can see (org admins see all). */
    @POST
    @Path("/{workspace_id}/archive")
    @RequiresPermission(value = {Permissions.WORKSPACE_READ, Permissions.WORKSPACES_ARCHIVE}, all = true)
    public WorkspaceJson archiveWorkspace(@PathParam("workspace_id") @WorkspaceId String workspaceId) {
        return WorkspaceJson.of(workspaces.archive(Actor.of(access.standing()), access.organizationId(), workspaceId));
    }

    private static WorkspaceService.Settings settings(String displayColor, java.util.Map<String, String> tags, Requests.DataResidency residency,
                                                      String externalKeyId) {
        java.util.List<String> allowed = null;
        String workspaceGeo = null;
        String defaultGeo = null;
        if (residency != null) {
            workspaceGeo = residency.workspaceGeo();
            defaultGeo = residency.defaultInferenceGeo();
            allowed = inferenceGeos(residency.allowedInferenceGeos());
        }
        return new WorkspaceService.Settings(displayColor, tags, workspaceGeo, allowed, defaultGeo, externalKeyId);
    }

    /** "unrestricted" (every geo: empty), a non-empty array of geo names, or not named (null). */
    private static java.util.List<String> inferenceGeos(jakarta.json.JsonValue value) {
        if (value == null || value.getValueType() == jakarta.json.JsonValue.ValueType.NULL) {
            return null;
        }
        if (value instanceof jakarta.json.JsonString text && text.getString().equals("unrestricted")) {
            return java.util.List.of();
        }
        if (value instanceof jakarta.json.JsonArray array && !array.isEmpty()) {
            java.util.List<String> geos = new java.util.ArrayList<>();
            for (jakarta.json.JsonValue geo : array) {
                if (!(geo instanceof jakarta.json.JsonString name)) {
                    throw badGeos();
                }
                geos.add(name.getString());
            }
            return geos;
        }
        throw badGeos();
    }

    private static RuntimeException badGeos() {
        return dev.accessconsole.domain.model.DomainException.invalidField("data_residency",
                "data_residency.allowed_inference_geos must be \"unrestricted\" or a non-empty array of global and us.");
    }
}
