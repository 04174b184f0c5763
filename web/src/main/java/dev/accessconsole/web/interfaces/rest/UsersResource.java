package dev.accessconsole.web.interfaces.rest;

import dev.accessconsole.authz.api.AccessContext;
import dev.accessconsole.authz.api.Permissions;
import dev.accessconsole.authz.api.RequiresPermission;
import dev.accessconsole.domain.application.MemberService;
import dev.accessconsole.domain.model.Actor;
import dev.accessconsole.web.interfaces.rest.json.DeletedJson;
import dev.accessconsole.web.interfaces.rest.json.ListJson;
import dev.accessconsole.web.interfaces.rest.json.Requests;
import dev.accessconsole.web.interfaces.rest.json.UserJson;
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

import java.util.ArrayList;
import java.util.List;

/** The Admin API's organization users. */
@Path("/organizations/users")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RequiresPermission(Permissions.MEMBERS_MANAGE)
public class UsersResource {

    @Inject
    MemberService members;

    @Inject
    AccessContext access;

    @GET
    public ListJson<UserJson> listUsers(@QueryParam("limit") String limit,
                                        @QueryParam("after_id") String afterId,
                                        @QueryParam("before_id") String beforeId,
                                        @QueryParam("email") String email,
                                        @QueryParam("roles[]") List<String> rolesBracketed,
                                        @QueryParam("roles") List<String> roles) {
        List<String> allRoles = new ArrayList<>(rolesBracketed);
        allRoles.addAll(roles);
        var page = members.list(access.organizationId(), Params.blankToNull(email), Params.orgRoles(allRoles),
                Params.page(limit, afterId, beforeId)).map(UserJson::of);
        return ListJson.of(page, UserJson::id);
    }

    @GET
    @Path("/{user_id}")
    public UserJson getUser(@PathParam("user_id") String userId) {
        return UserJson.of(members.get(access.organizationId(), userId));
    }

    @POST
    @Path("/{user_id}")
    public UserJson updateUser(@PathParam("user_id") String userId, Requests.UpdateUser body) {
        return UserJson.of(members.changeRole(Actor.of(access.standing()), access.organizationId(), userId,
                Params.orgRole(Params.body(body).role())));
    }

    @DELETE
    @Path("/{user_id}")
    public DeletedJson removeUser(@PathParam("user_id") String userId) {
        members.remove(Actor.of(access.standing()), access.organizationId(), userId);
        return new DeletedJson(userId, "user_deleted");
    }
}
