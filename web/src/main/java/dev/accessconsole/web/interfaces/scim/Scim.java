package dev.accessconsole.web.interfaces.scim;

import dev.accessconsole.domain.model.JsonBuilders;
import dev.accessconsole.domain.model.DomainException;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.util.Locale;

/** What every SCIM endpoint shares: the media type, the schemas' URNs, reading a body, the error shape. */
final class Scim {

    static final String MEDIA_TYPE = "application/scim+json";
    static final String USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
    static final String GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";
    static final String ENTERPRISE_USER_SCHEMA = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    static final String LIST_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
    static final String PATCH_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    static final String ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";

    /** At most this many resources in one answer (ServiceProviderConfig's filter.maxResults). */
    static final int MAX_RESULTS = 200;
    static final int DEFAULT_COUNT = 100;

    private Scim() {
    }

    /** A SCIM protocol error (RFC 7644 §3.12): the status and, for 400 and 409, a scimType. */
    static final class Error extends RuntimeException {
        final int status;
        final String scimType;

        Error(int status, String scimType, String detail) {
            super(detail, null, false, false);
            this.status = status;
            this.scimType = scimType;
        }
    }

    static Error invalidValue(String detail) {
        return new Error(400, "invalidValue", detail);
    }

    static Error invalidSyntax(String detail) {
        return new Error(400, "invalidSyntax", detail);
    }

    /** A request body: JSON, an object. */
    static JsonObject body(String text) {
        if (text == null || text.isBlank()) {
            throw invalidSyntax("A JSON body is required.");
        }
        try (JsonReader reader = JsonBuilders.reader(text)) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw invalidSyntax("The body must be a JSON object.");
            }
            return value.asJsonObject();
        } catch (JsonException | IllegalStateException malformed) {
            throw invalidSyntax("The body is not valid JSON.");
        }
    }

    static Response ok(int status, JsonObject body) {
        return Response.status(status).type(MEDIA_TYPE).entity(body.toString()).build();
    }

    static Response error(int status, String scimType, String detail) {
        var body = JsonBuilders.object().add("schemas", JsonBuilders.array().add(ERROR_SCHEMA)).add("status", Integer.toString(status));
        if (scimType != null) {
            body.add("scimType", scimType);
        }
        body.add("detail", detail == null ? "" : detail);
        return Response.status(status).type(MediaType.valueOf(MEDIA_TYPE)).entity(body.build().toString()).build();
    }

    /** Where SCIM's resources are, as clients address them ({@code …/scim/v2/}), for meta.location and $ref. */
    static jakarta.ws.rs.core.UriBuilder base(jakarta.ws.rs.core.UriInfo uri) {
        return jakarta.ws.rs.core.UriBuilder.fromUri(uri.getBaseUri().resolve("/scim/v2/"));
    }

    /** A member of a JSON object by name, case-insensitively (SCIM attribute names are). */
    static JsonValue get(JsonObject object, String name) {
        for (var entry : object.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(name)) {
                return entry.getValue();
            }
        }
        return null;
    }

    /** A text attribute; JSON null: "" (cleared); absent: null; anything else: 400. */
    static String text(JsonValue value, String attribute) {
        if (value == null) {
            return null;
        }
        if (value.getValueType() == JsonValue.ValueType.NULL) {
            return "";
        }
        if (value instanceof jakarta.json.JsonString text) {
            return text.getString();
        }
        throw invalidValue(attribute + " must be a string.");
    }

    /** A boolean as identity providers send it: true/false, or the strings "True"/"False" (Microsoft Entra ID). */
    static Boolean bool(JsonValue value, String attribute) {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value == JsonValue.TRUE || value == JsonValue.FALSE) {
            return value == JsonValue.TRUE;
        }
        if (value instanceof jakarta.json.JsonString text) {
            String word = text.getString().trim().toLowerCase(Locale.ROOT);
            if (word.equals("true") || word.equals("false")) {
                return word.equals("true");
            }
        }
        throw invalidValue(attribute + " must be true or false.");
    }

    /** meta.version: a weak ETag of the resource's last change. */
    static String version(Instant lastModified) {
        return "W/\"" + Long.toHexString(lastModified.toEpochMilli() * 1000 + lastModified.getNano() / 1000 % 1000) + "\"";
    }

    /** The domain's refusals in SCIM's words. */
    static Response of(dev.accessconsole.authz.api.RequestRefused refused) {
        return switch (refused.kind()) {
            case NOT_FOUND -> error(404, null, refused.getMessage());
            case AUTHENTICATION -> error(401, null, refused.getMessage());
            case PERMISSION -> error(403, null, refused.getMessage());
            case CONFLICT -> error(409, refused instanceof DomainException domain && domain.errorCode() == dev.accessconsole.domain.model.ErrorCode.CONFLICT
                    ? "uniqueness" : "mutability", refused.getMessage());
            case REQUEST_TOO_LARGE -> error(413, null, refused.getMessage());
            case RATE_LIMIT -> error(429, null, refused.getMessage());
            case SERVICE_UNAVAILABLE -> Response.fromResponse(error(503, null, refused.getMessage()))
                    .header("Retry-After", dev.accessconsole.authz.api.ServiceUnavailable.RETRY_AFTER_SECONDS).build();
            case INTERNAL -> error(500, null, refused.getMessage());
            default -> error(400, "invalidValue", refused.getMessage());
        };
    }
}
