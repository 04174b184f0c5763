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
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ErrorBody.of(type, message, errorCode, extraDetails, RequestIds.of(request)).toString())
                .build();
    }
}
