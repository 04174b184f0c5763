package dev.accessconsole.web.interfaces.scim;

import dev.accessconsole.domain.model.JsonBuilders;
import dev.accessconsole.authz.api.AccessContext;
import dev.accessconsole.authz.api.ProvisioningCredential;
import dev.accessconsole.domain.application.ScimService;
import dev.accessconsole.domain.model.Actor;
import dev.accessconsole.domain.model.RbacGroup;
import dev.accessconsole.domain.model.RbacGroupMember;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * SCIM Groups of the SCIM token's organization: its {@code scim} groups (roles.md), whose names and members the identity
 * provider sets here; the roles they carry are set through the Admin API ({@code role_ids}).
 */
@Path("/scim/v2/Groups")
@RequestScoped
@ProvisioningCredential
@Produces({Scim.MEDIA_TYPE, "application/json"})
@Consumes({Scim.MEDIA_TYPE, "application/json"})
public class ScimGroupsResource {

    private static final Map<String, String> FILTERABLE = Map.of("displayname", "displayName", "externalid", "externalId", "id", "id");

    @Inject
    ScimService scim;

    @Inject
    AccessContext access;

    @Context
    UriInfo uri;

    @GET
    public Response listGroups(@QueryParam("filter") String filter, @QueryParam("startIndex") String startIndex,
                               @QueryParam("count") String count, @QueryParam("attributes") String attributes,
                               @QueryParam("excludedAttributes") String excludedAttributes) {
        Map<String, String> equal = ScimFilter.parse(filter, FILTERABLE);
        int start = ScimPaging.startIndex(startIndex);
        int size = ScimPaging.count(count);
        boolean members = withMembers(attributes, excludedAttributes);
        if (equal.containsValue(null)) {
            return Scim.ok(200, ScimPaging.list(List.of(), 0, start));
        }
        if (equal.containsKey("id")) {
            try {
                ScimService.ScimGroup group = scim.group(actor(), access.organizationId(), equal.get("id"), members);
                boolean matches = (!equal.containsKey("displayName") || RbacGroup.nameKey(equal.get("displayName")).equals(RbacGroup.nameKey(group.group().name())))
                        && (!equal.containsKey("externalId") || equal.get("externalId").equals(group.group().externalId()));
                return Scim.ok(200, ScimPaging.list(matches && start == 1 && size > 0 ? List.of(group(group, members)) : List.of(), matches ? 1 : 0, start));
            } catch (dev.accessconsole.authz.api.RequestRefused notThere) {
                return Scim.ok(200, ScimPaging.list(List.of(), 0, start));
            }
        }
        ScimService.Listed<ScimService.ScimGroup> found = scim.groups(access.organizationId(), equal.get("displayName"), equal.get("externalId"),
                start, size, members);
        return Scim.ok(200, ScimPaging.list(found.resources().stream().map(g -> group(g, members)).toList(), found.totalResults(), start));
    }

    @GET
    @Path("/{id}")
    public Response getGroup(@PathParam("id") String id, @QueryParam("attributes") String attributes,
                             @QueryParam("excludedAttributes") String excludedAttributes) {
        boolean members = withMembers(attributes, excludedAttributes);
        return Scim.ok(200, group(scim.group(actor(), access.organizationId(), id, members), members));
    }

    @POST
    public Response createGroup(String text, @QueryParam("attributes") String attributes,
                                @QueryParam("excludedAttributes") String excludedAttributes) {
        boolean members = withMembers(attributes, excludedAttributes);
        JsonObject body = Scim.body(text);
        String displayName = displayName(body);
        ScimService.ScimGroup created = scim.createGroup(actor(), access.organizationId(), displayName,
                emptyToNull(Scim.text(Scim.get(body, "externalId"), "externalId")), ScimPatch.memberIds(Scim.get(body, "members")), members);
        JsonObject json = group(created, members);
        return Response.status(201).type(Scim.MEDIA_TYPE).location(URI.create(json.getJsonObject("meta").getString("location")))
                .entity(json.toString()).build();
    }

    @PUT
    @Path("/{id}")
    public Response replaceGroup(@PathParam("id") String id, String text, @QueryParam("attributes") String attributes,
                                 @QueryParam("excludedAttributes") String excludedAttributes) {
        boolean members = withMembers(attributes, excludedAttributes);
        JsonObject body = Scim.body(text);
        String displayName = displayName(body);
        String externalId = Scim.text(Scim.get(body, "externalId"), "externalId");
        ScimService.ScimGroup changed = scim.changeGroup(actor(), access.organizationId(), id, displayName,
                Optional.of(externalId == null ? "" : externalId), ScimPatch.memberIds(Scim.get(body, "members")), List.of(), List.of(), members);
        return Scim.ok(200, group(changed, members));
    }

    @PATCH
    @Path("/{id}")
    public Response patchGroup(@PathParam("id") String id, String text, @QueryParam("attributes") String attributes,
                               @QueryParam("excludedAttributes") String excludedAttributes) {
        String displayName = null;
        Optional<String> externalId = Optional.empty();
        List<String> replace = null;
        List<String> add = new ArrayList<>();
        List<String> remove = new ArrayList<>();
        for (ScimPatch.Operation operation : ScimPatch.read(Scim.body(text))) {
            switch (operation.attribute()) {
                case "displayname" -> {
                    if (operation.op() == ScimPatch.Op.REMOVE) {
                        throw new Scim.Error(400, "mutability", "A group must keep its displayName.");
                    }
                    displayName = Scim.text(operation.value(), "displayName");
                }
                case "externalid" -> externalId = Optional.of(operation.op() == ScimPatch.Op.REMOVE ? ""
                        : Optional.ofNullable(Scim.text(operation.value(), "externalId")).orElse(""));
                case "members" -> {
                    List<String> named = operation.memberFilter() != null ? List.of(operation.memberFilter()) : ScimPatch.memberIds(operation.value());
                    switch (operation.op()) {
                        case ADD -> {
                            add.addAll(named);
                            remove.removeAll(named);
                        }
                        case REMOVE -> {
                            if (operation.memberFilter() == null && (operation.value() == null || operation.value().getValueType() == JsonValue.ValueType.NULL)) {
                                replace = new ArrayList<>(); // every member
                                add.clear();
                                remove.clear();
                            } else {
                                remove.addAll(named);
                                add.removeAll(named);
                            }
                        }
                        case REPLACE -> {
                            replace = new ArrayList<>(named);
                            add.clear();
                            remove.clear();
                        }
                    }
                }
                case "id" -> {
                    // Okta repeats the id in a value object: nothing to change
                }
                default -> throw new Scim.Error(400, "invalidPath", "Groups have displayName, externalId and members; not " + operation.attribute() + ".");
            }
        }
        boolean members = withMembers(attributes, excludedAttributes);
        ScimService.ScimGroup changed = scim.changeGroup(actor(), access.organizationId(), id, displayName, externalId, replace, add, remove, members);
        return Scim.ok(200, group(changed, members));
    }

    @DELETE
    @Path("/{id}")
    public Response deleteGroup(@PathParam("id") String id) {
        scim.deleteGroup(actor(), access.organizationId(), id);
        return Response.noContent().build();
    }

    private Actor actor() {
        return Actor.of(access.standing());
    }

    /** Whether members are asked for: not when excluded (Microsoft Entra ID's excludedAttributes=members), nor left out of attributes. */
    private static boolean withMembers(String attributes, String excludedAttributes) {
        if (excludedAttributes != null && names(excludedAttributes).contains("members")) {
            return false;
        }
        return attributes == null || attributes.isBlank() || names(attributes).contains("members");
    }

    private static List<String> names(String list) {
        return Arrays.stream(list.split(",")).map(s -> ScimFilter.normalize(s.trim())).map(s -> s.toLowerCase(Locale.ROOT)).toList();
    }

    /** A whole group's displayName (POST and PUT): required. */
    private static String displayName(JsonObject body) {
        String displayName = Scim.text(Scim.get(body, "displayName"), "displayName");
        if (displayName == null || displayName.isBlank()) {
            throw Scim.invalidValue("displayName is required.");
        }
        return displayName;
    }

    private static String emptyToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }

    private JsonObject group(ScimService.ScimGroup found, boolean withMembers) {
        RbacGroup group = found.group();
        String location = Scim.base(uri).path("Groups").path(group.id()).build().toString();
        JsonObjectBuilder json = JsonBuilders.object().add("schemas", JsonBuilders.array().add(Scim.GROUP_SCHEMA))
                .add("id", group.id());
        if (group.externalId() != null) {
            json.add("externalId", group.externalId());
        }
        json.add("displayName", group.name());
        if (withMembers) {
            JsonArrayBuilder members = JsonBuilders.array();
            String users = Scim.base(uri).path("Users").build().toString() + "/";
            for (RbacGroupMember member : found.members()) {
                members.add(JsonBuilders.object().add("value", member.userId()).add("display", member.user().email() == null ? "" : member.user().email())
                        .add("$ref", users + member.userId()).add("type", "User"));
            }
            json.add("members", members);
        }
        json.add("meta", JsonBuilders.object().add("resourceType", "Group").add("created", group.createdAt().toString())
                .add("lastModified", group.updatedAt().toString()).add("location", location).add("version", Scim.version(group.updatedAt())));
        return json.build();
    }
}
