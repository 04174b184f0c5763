package dev.accessconsole.web.interfaces.scim;

import dev.accessconsole.domain.model.JsonBuilders;
import dev.accessconsole.authz.api.AccessContext;
import dev.accessconsole.authz.api.ProvisioningCredential;
import dev.accessconsole.domain.application.ScimService;
import dev.accessconsole.domain.model.Actor;
import dev.accessconsole.domain.model.OrganizationMember;
import dev.accessconsole.domain.model.RbacGroup;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.net.URI;
import java.util.Map;

/**
 * SCIM Users of the SCIM token's organization (roles.md, "SCIM 2.0"): its members, by email ({@code userName}), active or
 * suspended.
 */
@Path("/scim/v2/Users")
@RequestScoped
@ProvisioningCredential
@Produces({Scim.MEDIA_TYPE, "application/json"})
@Consumes({Scim.MEDIA_TYPE, "application/json"})
public class ScimUsersResource {

    /** The attributes a Users filter may name, by their lower-case spellings. */
    private static final Map<String, String> FILTERABLE = Map.of("username", "userName", "externalid", "externalId",
            "emails.value", "userName", "emails", "userName", "id", "id");

    @Inject
    ScimService scim;

    @Inject
    AccessContext access;

    @Context
    UriInfo uri;

    @GET
    public Response listUsers(@QueryParam("filter") String filter, @QueryParam("startIndex") String startIndex,
                              @QueryParam("count") String count) {
        Map<String, String> equal = ScimFilter.parse(filter, FILTERABLE);
        int start = ScimPaging.startIndex(startIndex);
        int size = ScimPaging.count(count);
        if (equal.containsValue(null)) {
            return Scim.ok(200, ScimPaging.list(java.util.List.of(), 0, start));
        }
        if (equal.containsKey("id")) {
            // by id: the one member, when it is one of this organization's and matches the rest
            try {
                ScimService.ScimUser user = scim.user(access.organizationId(), equal.get("id"));
                boolean matches = (!equal.containsKey("userName") || dev.accessconsole.domain.model.UserAccount.emailKey(equal.get("userName"))
                        .equals(user.account().email())) && (!equal.containsKey("externalId") || equal.get("externalId").equals(user.member().scimAttributes().externalId()));
                return Scim.ok(200, ScimPaging.list(matches && start == 1 && size > 0 ? java.util.List.of(user(user)) : java.util.List.of(), matches ? 1 : 0, start));
            } catch (dev.accessconsole.authz.api.RequestRefused notThere) {
                return Scim.ok(200, ScimPaging.list(java.util.List.of(), 0, start));
            }
        }
        ScimService.Listed<ScimService.ScimUser> found = scim.users(access.organizationId(), equal.get("userName"), equal.get("externalId"), start, size);
        return Scim.ok(200, ScimPaging.list(found.resources().stream().map(this::user).toList(), found.totalResults(), start));
    }

    @GET
    @Path("/{id}")
    public Response getUser(@PathParam("id") String id) {
        return Scim.ok(200, user(scim.user(access.organizationId(), id)));
    }

    @POST
    public Response createUser(String body) {
        ScimService.UserInput input = input(Scim.body(body));
        if (input.userName() == null || input.userName().isBlank()) {
            throw Scim.invalidValue("userName is required: the person's email.");
        }
        ScimService.ScimUser created = scim.createUser(actor(), access.organizationId(), input);
        JsonObject json = user(created);
        return Response.status(201).type(Scim.MEDIA_TYPE).location(URI.create(json.getJsonObject("meta").getString("location")))
                .entity(json.toString()).build();
    }

    @PUT
    @Path("/{id}")
    public Response replaceUser(@PathParam("id") String id, String body) {
        return Scim.ok(200, user(scim.changeUser(actor(), access.organizationId(), id, input(Scim.body(body)), true)));
    }

    @PATCH
    @Path("/{id}")
    public Response patchUser(@PathParam("id") String id, String body) {
        String userName = null;
        String externalId = null;
        String givenName = null;
        String familyName = null;
        String displayName = null;
        Boolean active = null;
        for (ScimPatch.Operation operation : ScimPatch.read(Scim.body(body))) {
            boolean remove = operation.op() == ScimPatch.Op.REMOVE;
            JsonValue value = remove ? JsonValue.NULL : operation.value();
            switch (operation.attribute()) {
                case "active" -> active = remove ? null : Scim.bool(value, "active");
                case "username" -> userName = remove ? null : Scim.text(value, "userName");
                case "externalid" -> externalId = Scim.text(value, "externalId");
                case "displayname" -> displayName = Scim.text(value, "displayName");
                case "name.givenname" -> givenName = Scim.text(value, "name.givenName");
                case "name.familyname" -> familyName = Scim.text(value, "name.familyName");
                case "name" -> {
                    if (remove) {
                        givenName = "";
                        familyName = "";
                    } else if (value instanceof JsonObject name) {
                        givenName = Scim.text(Scim.get(name, "givenName"), "name.givenName");
                        familyName = Scim.text(Scim.get(name, "familyName"), "name.familyName");
                    }
                }
                case "emails.value", "emails" -> {
                    String email = remove ? null : email(value);
                    if (email != null) {
                        userName = email;
                    }
                }
                default -> {
                    // attributes this product keeps nothing of (title, phoneNumbers, an extension's department, …)
                }
            }
        }
        ScimService.UserInput input = new ScimService.UserInput(userName, externalId, givenName, familyName, displayName, active);
        return Scim.ok(200, user(scim.changeUser(actor(), access.organizationId(), id, input, false)));
    }

    @DELETE
    @Path("/{id}")
    public Response deleteUser(@PathParam("id") String id) {
        scim.deleteUser(actor(), access.organizationId(), id);
        return Response.noContent().build();
    }

    private Actor actor() {
        return Actor.of(access.standing());
    }

    /** A User from a POST or PUT body. */
    private static ScimService.UserInput input(JsonObject body) {
        String userName = Scim.text(Scim.get(body, "userName"), "userName");
        if (userName == null || userName.isBlank()) {
            userName = email(Scim.get(body, "emails"));
        }
        String givenName = null;
        String familyName = null;
        if (Scim.get(body, "name") instanceof JsonObject name) {
            givenName = Scim.text(Scim.get(name, "givenName"), "name.givenName");
            familyName = Scim.text(Scim.get(name, "familyName"), "name.familyName");
        }
        return new ScimService.UserInput(userName, Scim.text(Scim.get(body, "externalId"), "externalId"), givenName, familyName,
                Scim.text(Scim.get(body, "displayName"), "displayName"), Scim.bool(Scim.get(body, "active"), "active"));
    }

    /** The primary (or first) email of an emails value: an array of {value, type, primary}, or one value. */
    private static String email(JsonValue value) {
        if (value instanceof jakarta.json.JsonString text) {
            return text.getString();
        }
        if (value instanceof JsonArray emails) {
            String first = null;
            for (JsonValue item : emails) {
                if (item instanceof JsonObject email && Scim.get(email, "value") instanceof jakarta.json.JsonString address) {
                    if (JsonValue.TRUE.equals(Scim.get(email, "primary"))) {
                        return address.getString();
                    }
                    first = first == null ? address.getString() : first;
                }
            }
            return first;
        }
        return null;
    }

    private JsonObject user(ScimService.ScimUser user) {
        OrganizationMember member = user.member();
        OrganizationMember.ScimAttributes attributes = member.scimAttributes();
        String location = Scim.base(uri).path("Users").path(user.account().id()).build().toString();
        JsonObjectBuilder json = JsonBuilders.object()
                .add("schemas", JsonBuilders.array().add(Scim.USER_SCHEMA))
                .add("id", user.account().id());
        if (attributes.externalId() != null) {
            json.add("externalId", attributes.externalId());
        }
        json.add("userName", user.account().email());
        JsonObjectBuilder name = JsonBuilders.object();
        if (attributes.givenName() != null) {
            name.add("givenName", attributes.givenName());
        }
        if (attributes.familyName() != null) {
            name.add("familyName", attributes.familyName());
        }
        String formatted = ((attributes.givenName() == null ? "" : attributes.givenName()) + " "
                + (attributes.familyName() == null ? "" : attributes.familyName())).strip();
        if (!formatted.isEmpty()) {
            name.add("formatted", formatted);
        }
        json.add("name", name);
        json.add("displayName", attributes.displayName() != null ? attributes.displayName() : user.account().name());
        json.add("emails", JsonBuilders.array().add(JsonBuilders.object().add("value", user.account().email())
                .add("type", "work").add("primary", true)));
        json.add("active", !member.suspended());
        JsonArrayBuilder groups = JsonBuilders.array();
        for (RbacGroup group : user.groups()) {
            groups.add(JsonBuilders.object().add("value", group.id()).add("display", group.name())
                    .add("$ref", Scim.base(uri).path("Groups").path(group.id()).build().toString())
                    .add("type", group.managedByIdentityProvider() ? "direct" : "direct"));
        }
        json.add("groups", groups);
        json.add("meta", JsonBuilders.object().add("resourceType", "User").add("created", member.addedAt().toString())
                .add("lastModified", member.updatedAt().toString()).add("location", location).add("version", Scim.version(member.updatedAt())));
        return json.build();
    }
}
