package dev.accessconsole.web.interfaces.rest;

import dev.accessconsole.authz.api.AccessContext;
import dev.accessconsole.authz.api.Permissions;
import dev.accessconsole.authz.api.RequiresPermission;
import dev.accessconsole.domain.application.MemberService;
import dev.accessconsole.domain.model.Actor;
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

    @Inject
    dev.accessconsole.domain.application.AccessReviewService review;

    @GET
    public ListJson<UserJson> listUsers(@QueryParam("limit") String limit,
                                        @QueryParam("after_id") String afterId,
                                        @QueryParam("before_id") String beforeId,
                                        @QueryParam("email") String email,
                                        @QueryParam("roles[]") List<String> rolesBracketed,
                                        @QueryParam("roles") List<String> roles) {
        var page = members.list(access.organizationId(), Params.blankToNull(email), Params.orgRoles(Params.values(rolesBracketed, roles)),
                Params.page(limit, afterId, beforeId)).map(UserJson::of);
        return ListJson.of(page, UserJson::id);
    }

    /** Explain: whether the member holds a permission (or each permission) in a workspace, and the chain of reasons. */
    @GET
    @Path("/{user_id}/permissions")
    public AccessExplainResource.ExplanationJson explainPermissions(@PathParam("user_id") String userId,
                                                                    @QueryParam("workspace_id") String workspaceId,
                                                                    @QueryParam("permission") String permission) {
        return AccessExplainResource.explain(review, access, userId, workspaceId, permission);
    }

    @GET
    @Path("/{user_id}")
    public UserJson getUser(@PathParam("user_id") String userId) {
        return UserJson.of(members.get(access.organizationId(), userId));
    }

    @POST
    @Path("/{user_id}")
    public UserChangedJson updateUser(@PathParam("user_id") String userId, Requests.UpdateUser body) {
        var change = members.changeRole(Actor.of(access.standing()), access.organizationId(), userId, Params.orgRole(Params.body(body).role()));
        UserJson user = UserJson.of(change.member());
        return new UserChangedJson(user.id(), user.type(), user.email(), user.name(), user.role(), user.addedAt(), change.warnings());
    }

    /** A user after a change, with warnings (e.g. a billing email left with someone who can no longer read billing). */
    public record UserChangedJson(String id, String type, String email, String name, String role, java.time.Instant addedAt,
                                  List<String> warnings) {
    }

    public record UserDeletedJson(String id, String type, List<String> warnings) {
    }

    /** Ends every session of the member in this organization at once (roles.md, "Sign-out"); answers the user. */
    @POST
    @Path("/{user_id}/sign_out")
    public UserJson signOutUser(@PathParam("user_id") String userId) {
        return UserJson.of(members.signOut(Actor.of(access.standing()), access.organizationId(), userId));
    }

    @DELETE
    @Path("/{user_id}")
    public UserDeletedJson removeUser(@PathParam("user_id") String userId) {
        var change = members.remove(Actor.of(access.standing()), access.organizationId(), userId);
        return new UserDeletedJson(userId, "user_deleted", change.warnings());
    }
}
