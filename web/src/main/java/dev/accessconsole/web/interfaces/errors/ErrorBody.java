package dev.accessconsole.web.interfaces.errors;

import dev.accessconsole.domain.model.JsonBuilders;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.util.Map;

/**
 * The API's error shape: {@code {"type":"error","error":{"type","message","details":{"error_code",…}},"request_id"}}.
 * Built with JSON-P so that servlets (error pages) and JAX-RS mappers emit the very same bytes.
 */
public final class ErrorBody {

    private ErrorBody() {
    }

    public static JsonObject of(ErrorType type, String message, String errorCode, Map<String, String> extraDetails, String requestId) {
        dev.accessconsole.web.infrastructure.metrics.ErrorCounts.answered(type.wireName(), errorCode);
        JsonObjectBuilder details = JsonBuilders.object();
        if (errorCode == null) {
            details.addNull("error_code");
        } else {
            details.add("error_code", errorCode);
        }
        extraDetails.forEach(details::add);
        JsonObjectBuilder body = JsonBuilders.object()
                .add("type", "error")
                .add("error", JsonBuilders.object()
                        .add("type", type.wireName())
                        .add("message", message)
                        .add("details", details));
        if (requestId == null) {
            body.addNull("request_id");
        } else {
            body.add("request_id", requestId);
        }
        return body.build();
    }
}
