package dev.accessconsole.web.interfaces.scim;

import dev.accessconsole.domain.model.JsonBuilders;
import dev.accessconsole.authz.api.ProvisioningCredential;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.List;

/** SCIM's discovery endpoints (RFC 7644 §4): what this service provider supports, its resource types and their schemas. */
@Path("/scim/v2")
@RequestScoped
@ProvisioningCredential
@Produces({Scim.MEDIA_TYPE, "application/json"})
public class ScimDiscoveryResource {

    @Context
    UriInfo uri;

    @GET
    @Path("ServiceProviderConfig")
    public Response serviceProviderConfig() {
        JsonObject config = JsonBuilders.object()
                .add("schemas", JsonBuilders.array().add("urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"))
                .add("documentationUri", "https://datatracker.ietf.org/doc/html/rfc7644")
                .add("patch", JsonBuilders.object().add("supported", true))
                .add("bulk", JsonBuilders.object().add("supported", false).add("maxOperations", 0).add("maxPayloadSize", 0))
                .add("filter", JsonBuilders.object().add("supported", true).add("maxResults", Scim.MAX_RESULTS))
                .add("changePassword", JsonBuilders.object().add("supported", false))
                .add("sort", JsonBuilders.object().add("supported", false))
                .add("etag", JsonBuilders.object().add("supported", false))
                .add("authenticationSchemes", JsonBuilders.array().add(JsonBuilders.object()
                        .add("type", "oauthbearertoken").add("name", "SCIM token")
                        .add("description", "The organization's SCIM token (sk-ant-scim01-…) as 'Authorization: Bearer'.").add("primary", true)))
                .add("meta", meta("ServiceProviderConfig", "ServiceProviderConfig"))
                .build();
        return Scim.ok(200, config);
    }

    @GET
    @Path("ResourceTypes")
    public Response resourceTypes() {
        List<JsonObject> types = List.of(resourceType("User", "Users", Scim.USER_SCHEMA), resourceType("Group", "Groups", Scim.GROUP_SCHEMA));
        return Scim.ok(200, ScimPaging.list(types, types.size(), 1));
    }

    @GET
    @Path("ResourceTypes/{name}")
    public Response resourceType(@PathParam("name") String name) {
        return switch (name) {
            case "User" -> Scim.ok(200, resourceType("User", "Users", Scim.USER_SCHEMA));
            case "Group" -> Scim.ok(200, resourceType("Group", "Groups", Scim.GROUP_SCHEMA));
            default -> Scim.error(404, null, "No resource type " + name + ".");
        };
    }

    @GET
    @Path("Schemas")
    public Response schemas() {
        List<JsonObject> schemas = List.of(userSchema(), groupSchema());
        return Scim.ok(200, ScimPaging.list(schemas, schemas.size(), 1));
    }

    @GET
    @Path("Schemas/{id}")
    public Response schema(@PathParam("id") String id) {
        if (Scim.USER_SCHEMA.equals(id)) {
            return Scim.ok(200, userSchema());
        }
        if (Scim.GROUP_SCHEMA.equals(id)) {
            return Scim.ok(200, groupSchema());
        }
        return Scim.error(404, null, "No schema " + id + ".");
    }

    private JsonObject resourceType(String name, String endpoint, String schema) {
        return JsonBuilders.object()
                .add("schemas", JsonBuilders.array().add("urn:ietf:params:scim:schemas:core:2.0:ResourceType"))
                .add("id", name).add("name", name).add("endpoint", "/" + endpoint).add("description", name + "s of the organization")
                .add("schema", schema).add("meta", meta("ResourceType", "ResourceTypes/" + name)).build();
    }

    private JsonObject userSchema() {
        JsonArrayBuilder attributes = JsonBuilders.array()
                .add(attribute("userName", "string", true, "readWrite", "server", "The person's email; unique in the organization, compared as emails are."))
                .add(JsonBuilders.object(attribute("name", "complex", false, "readWrite", "none", "The person's name."))
                        .add("subAttributes", JsonBuilders.array()
                                .add(attribute("givenName", "string", false, "readWrite", "none", "Given name."))
                                .add(attribute("familyName", "string", false, "readWrite", "none", "Family name."))
                                .add(attribute("formatted", "string", false, "readOnly", "none", "The full name."))))
                .add(attribute("displayName", "string", false, "readWrite", "none", "The name shown for the person."))
                .add(JsonBuilders.object(attribute("emails", "complex", false, "readWrite", "none", "The person's email, as userName."))
                        .add("multiValued", true)
                        .add("subAttributes", JsonBuilders.array()
                                .add(attribute("value", "string", false, "readWrite", "none", "The address."))
                                .add(attribute("type", "string", false, "readWrite", "none", "work"))
                                .add(attribute("primary", "boolean", false, "readWrite", "none", "The primary address."))))
                .add(attribute("active", "boolean", false, "readWrite", "none", "false suspends the person: they hold nothing in the organization."))
                .add(JsonBuilders.object(attribute("groups", "complex", false, "readOnly", "none", "The person's groups.")).add("multiValued", true));
        return JsonBuilders.object().add("schemas", JsonBuilders.array().add("urn:ietf:params:scim:schemas:core:2.0:Schema"))
                .add("id", Scim.USER_SCHEMA).add("name", "User").add("description", "A member of the organization")
                .add("attributes", attributes).add("meta", meta("Schema", "Schemas/" + Scim.USER_SCHEMA)).build();
    }

    private JsonObject groupSchema() {
        JsonArrayBuilder attributes = JsonBuilders.array()
                .add(attribute("displayName", "string", true, "readWrite", "server", "The group's name; unique in the organization."))
                .add(JsonBuilders.object(attribute("members", "complex", false, "readWrite", "none", "The group's members (Users)."))
                        .add("multiValued", true)
                        .add("subAttributes", JsonBuilders.array()
                                .add(attribute("value", "string", false, "immutable", "none", "The member's id."))
                                .add(attribute("display", "string", false, "readOnly", "none", "The member's email."))));
        return JsonBuilders.object().add("schemas", JsonBuilders.array().add("urn:ietf:params:scim:schemas:core:2.0:Schema"))
                .add("id", Scim.GROUP_SCHEMA).add("name", "Group").add("description", "A group of the organization; its roles are set through the Admin API")
                .add("attributes", attributes).add("meta", meta("Schema", "Schemas/" + Scim.GROUP_SCHEMA)).build();
    }

    private static JsonObject attribute(String name, String type, boolean required, String mutability, String uniqueness, String description) {
        return JsonBuilders.object().add("name", name).add("type", type).add("multiValued", false).add("description", description)
                .add("required", required).add("caseExact", false).add("mutability", mutability).add("returned", "default")
                .add("uniqueness", uniqueness).build();
    }

    private JsonObjectBuilder meta(String resourceType, String path) {
        return JsonBuilders.object().add("resourceType", resourceType).add("location", Scim.base(uri).path(path).build().toString());
    }
}
