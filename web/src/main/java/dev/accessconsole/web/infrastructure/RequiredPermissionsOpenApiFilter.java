package dev.accessconsole.web.infrastructure;

import dev.accessconsole.authz.api.AccessDeclaration;
import dev.accessconsole.authz.api.AnyAuthenticatedCaller;
import dev.accessconsole.authz.api.PlatformCredential;
import dev.accessconsole.authz.api.RequiresPermission;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;

/**
 * Adds {@code x-required-permissions} to every operation, read from the same annotations the interceptor enforces,
 * so documentation and enforcement cannot drift apart. Operation ids arrive as {@code package.Class_method}
 * (operationIdStrategy=PACKAGE_CLASS_METHOD); the filter resolves the class (any module's) and leaves the method name.
 */
public class RequiredPermissionsOpenApiFilter implements OASFilter {

    public static final String EXTENSION = "x-required-permissions";

    @Override
    public Operation filterOperation(Operation operation) {
        String operationId = operation.getOperationId();
        if (operationId == null || !operationId.contains("_")) {
            return operation;
        }
        String className = operationId.substring(0, operationId.lastIndexOf('_'));
        String methodName = operationId.substring(operationId.lastIndexOf('_') + 1);
        try {
            // PACKAGE_CLASS_METHOD: the class by its full name, this module's or another's (a module's jar in this web
            // module declares its resources' permissions the same way)
            Class<?> type = Class.forName(className, false, getClass().getClassLoader());
            Method method = Arrays.stream(type.getMethods()).filter(m -> m.getName().equals(methodName)).findFirst().orElse(null);
            if (method == null) {
                return operation;
            }
            operation.addExtension(EXTENSION, requiredPermissions(method, type));
            operation.setOperationId(methodName);
        } catch (ClassNotFoundException notOurs) {
            // an operation of another package: leave it as it is
        }
        return operation;
    }

    /**
     * Completes the document with what the annotations cannot say: the credentials (bearer JWT, Admin API key), the
     * error responses and their shape, the rate-limit headers, and bounds on every string, array and integer.
     */
    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents()
                .addSecurityScheme("bearer", OASFactory.createSecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                        .description("A person's token, or a platform token whose groups hold support or gateway. RS256 JWTs verified"
                                + " as RFC8725 (JWT best current practices) asks: fixed algorithm, issuer, audience, expiry, lifetime and key size."))
                .addSecurityScheme("adminBearer", OASFactory.createSecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                        .description("A signed-in organization admin's token (RFC8725-verified RS256 JWT); Admin API keys cannot manage Admin API keys."))
                .addSecurityScheme("adminApiKey", OASFactory.createSecurityScheme().type(SecurityScheme.Type.APIKEY)
                        .in(SecurityScheme.In.HEADER).name("x-api-key").description("An Admin API key (sk-ant-admin01-…)"))
                .addSchema("Error", errorSchema());
        if (openAPI.getPaths() != null && openAPI.getPaths().getPathItems() != null) {
            // SCIM is its own protocol at /scim/v2, described by its own discovery endpoints (/scim/v2/Schemas), not here
            List.copyOf(openAPI.getPaths().getPathItems().keySet()).stream().filter(path -> path.startsWith(ScimServlet.TARGET))
                    .forEach(openAPI.getPaths()::removePathItem);
            openAPI.getPaths().getPathItems().values().forEach(item -> item.getOperations().values().forEach(this::complete));
        }
        if (openAPI.getComponents().getSchemas() != null) {
            openAPI.getComponents().getSchemas().values().forEach(RequiredPermissionsOpenApiFilter::bound);
        }
    }

    private void complete(Operation operation) {
        List<?> required = operation.getExtensions() != null && operation.getExtensions().get(EXTENSION) instanceof List<?> permissions
                ? permissions : List.of();
        boolean userOnly = required.contains("authenticated") || required.stream().anyMatch(p -> p.toString().startsWith("platform:"));
        boolean adminOnly = required.contains("admin_keys:manage");
        operation.addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme(adminOnly ? "adminBearer" : "bearer"));
        if (!userOnly && !adminOnly) {
            operation.addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme("adminApiKey"));
        }
        if (operation.getParameters() != null) {
            for (Parameter parameter : operation.getParameters()) {
                bound(parameter.getSchema());
            }
        }
        if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null
                && operation.getRequestBody().getContent().getMediaTypes() != null) {
            operation.getRequestBody().getContent().getMediaTypes().values().forEach(m -> bound(m.getSchema()));
        }
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        operation.getResponses().getAPIResponses().forEach((code, response) -> {
            if (response.getContent() != null && response.getContent().getMediaTypes() != null) {
                response.getContent().getMediaTypes().values().forEach(m -> bound(m.getSchema()));
            }
        });
        for (String code : List.of("400", "401", "403", "404", "429", "500")) {
            if (!operation.getResponses().hasAPIResponse(code)) {
                operation.getResponses().addAPIResponse(code, errorResponse(code));
            }
        }
        operation.getResponses().getAPIResponses().forEach((code, response) -> {
            response.addHeader("Access-Control-Allow-Origin", OASFactory.createHeader()
                    .description("Sent only when a browser origin is configured (accessconsole.cors.allowed-origin)")
                    .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING).maxLength(2048).format("uri")));
            if (code.startsWith("2") || code.startsWith("4")) {
                response.addHeader("RateLimit-Limit", rateHeader("Requests allowed per minute for this credential"));
                response.addHeader("RateLimit-Remaining", rateHeader("Requests left in the current window"));
                response.addHeader("RateLimit-Reset", rateHeader("Seconds until the window is full again"));
            }
        });
    }

    private static APIResponse errorResponse(String code) {
        String description = switch (code) {
            case "400" -> "invalid_request_error";
            case "401" -> "authentication_error";
            case "403" -> "permission_error";
            case "404" -> "not_found_error";
            case "429" -> "rate_limit_error";
            default -> "api_error";
        };
        APIResponse response = OASFactory.createAPIResponse().description(description)
                .content(OASFactory.createContent().addMediaType("application/json",
                        OASFactory.createMediaType().schema(OASFactory.createSchema().ref("#/components/schemas/Error"))));
        if (code.equals("429")) {
            response.addHeader("Retry-After", rateHeader("Seconds to wait before retrying"));
        }
        return response;
    }

    private static Header rateHeader(String description) {
        return OASFactory.createHeader().description(description)
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).format("int32").minimum(java.math.BigDecimal.ZERO)
                        .maximum(java.math.BigDecimal.valueOf(1_000_000)));
    }

    private static Schema errorSchema() {
        Schema text = OASFactory.createSchema().addType(Schema.SchemaType.STRING).maxLength(4096).pattern("^[\\s\\S]*$");
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .addProperty("type", OASFactory.createSchema().addType(Schema.SchemaType.STRING).addEnumeration("error"))
                .addProperty("error", OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                        .addProperty("type", text).addProperty("message", text)
                        .addProperty("details", OASFactory.createSchema().addType(Schema.SchemaType.OBJECT).addProperty("error_code", text)))
                .addProperty("request_id", text);
    }

    /** Bounds every string (length), array (items) and integer (range) of a schema, recursively. */
    static void bound(Schema schema) {
        if (schema == null || schema.getRef() != null) {
            return;
        }
        List<Schema.SchemaType> types = schema.getType() == null ? List.of() : schema.getType();
        if (types.contains(Schema.SchemaType.STRING) && schema.getEnumeration() == null) {
            if (schema.getMaxLength() == null) {
                schema.setMaxLength(schema.getFormat() != null && schema.getFormat().startsWith("date") ? 64 : 4096);
            }
            // any text without a format of its own: NUL is refused everywhere (NulCharacterFilter)
            if (schema.getPattern() == null && schema.getFormat() == null) {
                schema.setPattern("^[^\\u0000]*$");
            }
        }
        if (types.contains(Schema.SchemaType.ARRAY) && schema.getMaxItems() == null) {
            schema.setMaxItems(1000);
        }
        if (types.contains(Schema.SchemaType.INTEGER)) {
            if (schema.getFormat() == null) {
                schema.setFormat("int64");
            }
            if (schema.getMinimum() == null) {
                schema.setMinimum(java.math.BigDecimal.ZERO);
            }
            if (schema.getMaximum() == null) {
                schema.setMaximum(java.math.BigDecimal.valueOf(Long.MAX_VALUE));
            }
        }
        bound(schema.getItems());
        if (schema.getProperties() != null) {
            schema.getProperties().values().forEach(RequiredPermissionsOpenApiFilter::bound);
        }
        if (schema.getAdditionalPropertiesSchema() != null) {
            bound(schema.getAdditionalPropertiesSchema());
        }
    }

    /** The permissions an operation requires; {@code ["authenticated"]} for one open to every signed-in caller, {@code ["platform:<group>"]} for platform services. */
    public static List<String> requiredPermissions(Method method, Class<?> type) {
        return AccessDeclaration.of(method, type).map(AccessDeclaration::documented).orElse(List.of());
    }
}
