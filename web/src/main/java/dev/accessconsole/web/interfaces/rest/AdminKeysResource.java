package dev.accessconsole.web.interfaces.rest;

import dev.accessconsole.authz.api.AccessContext;
import dev.accessconsole.authz.api.Permissions;
import dev.accessconsole.authz.api.RequiresPermission;
import dev.accessconsole.domain.application.AdminKeyService;
import dev.accessconsole.domain.model.Actor;
import dev.accessconsole.web.interfaces.rest.json.AdminKeyCreatedJson;
import dev.accessconsole.web.interfaces.rest.json.AdminKeyJson;
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

/** Admin API keys, for signed-in admins only: an Admin API key cannot mint or revoke its peers. */
@Path("/organizations/admin_keys")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RequiresPermission(Permissions.ADMIN_KEYS_MANAGE)
public class AdminKeysResource {

    @Inject
    AdminKeyService adminKeys;

    @Inject
    AccessContext access;

    @POST
    public AdminKeyCreatedJson createAdminKey(Requests.CreateAdminKey body) {
        return AdminKeyCreatedJson.of(adminKeys.create(Actor.of(access.standing()), access.organizationId(), Params.body(body).name()));
    }

    @GET
    public ListJson<AdminKeyJson> listAdminKeys(@QueryParam("limit") String limit,
                                                @QueryParam("after_id") String afterId,
                                                @QueryParam("before_id") String beforeId) {
        var page = adminKeys.list(Actor.of(access.standing()), access.organizationId(), Params.page(limit, afterId, beforeId)).map(AdminKeyJson::of);
        return ListJson.of(page, AdminKeyJson::id);
    }

    /** Revokes the key: from now on it authenticates nothing (401). */
    @POST
    @Path("/{admin_key_id}")
    public AdminKeyJson revokeAdminKey(@PathParam("admin_key_id") String adminKeyId) {
        return AdminKeyJson.of(adminKeys.revoke(Actor.of(access.standing()), access.organizationId(), adminKeyId));
    }
}
