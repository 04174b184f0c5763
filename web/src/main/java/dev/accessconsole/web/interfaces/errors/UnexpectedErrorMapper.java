package dev.accessconsole.web.interfaces.errors;

import dev.accessconsole.authz.api.AccessCheckFailed;
import dev.accessconsole.domain.model.ErrorCode;
import dev.accessconsole.authz.api.ServiceUnavailable;
import dev.accessconsole.domain.infrastructure.Dependencies;
import dev.accessconsole.web.infrastructure.RequestIds;
import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Anything else. A body that does not parse is the client's fault (400); the rest is ours (500), logged with the
 * request id and answered without a stack trace.
 */
@Provider
public class UnexpectedErrorMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(UnexpectedErrorMapper.class.getName());

    @Context
    HttpServletRequest request;

    @Override
    public Response toResponse(Throwable failure) {
        if (Dependencies.unavailable(failure)) {
            return unavailable(request, failure);
        }
        if (failure instanceof AccessCheckFailed undecided && undecided.getCause() != null) {
            failure = undecided.getCause(); // a fault of the check itself: reported as what it is
        }
        if (dev.accessconsole.web.infrastructure.ScimServlet.serving(request)) {
            return dev.accessconsole.web.interfaces.scim.ScimErrors.unexpected(request, failure);
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            // a body sent without a length that grew past the limit while JAX-RS read it (under whatever wrapped it)
            if (cause instanceof dev.accessconsole.web.infrastructure.RequestSizeFilter.BodyTooLargeException) {
                return ErrorResponses.of(request, ErrorType.REQUEST_TOO_LARGE, "The request body is too large (at most 1 MiB).", ErrorCode.REQUEST_TOO_LARGE.value());
            }
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            // a fraction, an exponent, an out-of-range value or a string where a whole number belongs
            if (cause.getMessage() != null && cause.getMessage().contains(dev.accessconsole.web.infrastructure.StrictIntegers.MESSAGE)) {
                return ErrorResponses.of(request, ErrorType.INVALID_REQUEST, dev.accessconsole.web.infrastructure.StrictIntegers.MESSAGE,
                        ErrorCode.INVALID_NUMBER.value());
            }
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonbException || cause instanceof JsonException || cause instanceof ProcessingException) {
                return ErrorResponses.of(request, ErrorType.INVALID_REQUEST,
                        "The request body is not valid JSON of the expected shape.", ErrorCode.INVALID_JSON.value());
            }
        }
        return logged(request, failure);
    }

    /**
     * A dependency that could not answer (api.md): 503 with Retry-After, the code saying whether access was checked and
     * whether a change may have been applied; one line in the log, no stack trace.
     */
    static Response unavailable(HttpServletRequest request, Throwable failure) {
        boolean duringCheck = false;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            duringCheck |= cause instanceof AccessCheckFailed;
        }
        String method = request.getMethod();
        boolean change = !("GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method));
        ServiceUnavailable answer = ServiceUnavailable.of(duringCheck, change);
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        LOG.log(Level.WARNING, "request " + RequestIds.of(request) + " answered 503 " + answer.code() + ": a dependency did not answer ("
                + root.getClass().getName() + ": " + root.getMessage() + ")");
        if (dev.accessconsole.web.infrastructure.ScimServlet.serving(request)) {
            return dev.accessconsole.web.interfaces.scim.ScimErrors.refused(answer);
        }
        return ErrorResponses.of(request, ErrorType.UNAVAILABLE, ErrorType.UNAVAILABLE.status(), answer.getMessage(), answer.code(), Map.of());
    }

    static Response logged(HttpServletRequest request, Throwable failure) {
        LOG.log(Level.SEVERE, "Unexpected failure serving request " + RequestIds.of(request), failure);
        return ErrorResponses.of(request, ErrorType.API, "An unexpected error occurred; quote the request id when reporting it.", ErrorCode.INTERNAL_ERROR.value());
    }
}
