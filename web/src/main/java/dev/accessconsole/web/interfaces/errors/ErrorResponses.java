package dev.accessconsole.web.interfaces.errors;

import dev.accessconsole.web.infrastructure.RequestIds;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Map;

/** Builds JAX-RS error responses in the API's shape. */
public final class ErrorResponses {

    private ErrorResponses() {
    }

    public static Response of(HttpServletRequest request, ErrorType type, String message, String errorCode) {
        return of(request, type, type.status(), message, errorCode, Map.of());
    }

    public static Response of(HttpServletRequest request, ErrorType type, int status, String message, String errorCode,
                              Map<String, String> extraDetails) {
        Response.ResponseBuilder response = Response.status(status);
        if (status == 503) {
            // api.md: a dependency that cannot answer is retried (the official clients honour Retry-After)
            response.header("Retry-After", dev.accessconsole.authz.api.ServiceUnavailable.RETRY_AFTER_SECONDS);
        } else if (status == 429 && extraDetails.containsKey("resets_at")) {
            // a spend limit: nothing passes before its period ends
            long seconds = java.time.Duration.between(dev.accessconsole.domain.model.Time.now(), java.time.Instant.parse(extraDetails.get("resets_at"))).toSeconds();
            response.header("Retry-After", Long.toString(Math.max(1, seconds)));
        }
        return response
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ErrorBody.of(type, message, errorCode, extraDetails, RequestIds.of(request)).toString())
                .build();
    }
}
