package dev.accessconsole.web.interfaces.scim;

import dev.accessconsole.authz.api.RequestRefused;
import dev.accessconsole.web.infrastructure.RequestIds;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every SCIM answer that is not a resource is a SCIM error (RFC 7644 §3.12), never the API's error shape nor a stack
 * trace: the API's exception mappers hand SCIM requests ({@link dev.accessconsole.web.infrastructure.ScimServlet#serving})
 * here.
 */
public final class ScimErrors {

    private ScimErrors() {
    }

    public static Response refused(RequestRefused refused) {
        Response response = Scim.of(refused);
        return response.getStatus() == 401 ? Response.fromResponse(response).header("WWW-Authenticate", "Bearer realm=\"scim\"").build() : response;
    }

    /** A refusal by status (the media-type checks that run before any resource). */
    public static Response status(int status, String detail) {
        return Scim.error(status, status == 400 ? "invalidSyntax" : null, detail);
    }

    /** JAX-RS' own refusals: unknown path, wrong method, wrong media type. */
    public static Response protocol(HttpServletRequest request, WebApplicationException exception) {
        int status = exception.getResponse() == null ? 500 : exception.getResponse().getStatus();
            String detail = switch (status) {
                case 404 -> "Not found.";
                case 405 -> "Method not allowed here.";
                case 406 -> "SCIM answers application/scim+json.";
                case 415 -> "Send the body as application/scim+json (or application/json).";
                default -> "The request could not be read.";
            };
        return status >= 500 ? logged(request, exception) : Scim.error(status, status == 400 ? "invalidSyntax" : null, detail);
    }

    private static final Logger LOG = Logger.getLogger(ScimErrors.class.getName());

    /** SCIM protocol errors of the resources, and anything else (500, logged with the request id). */
    public static Response unexpected(HttpServletRequest request, Throwable failure) {
        if (failure instanceof Scim.Error error) {
                return Scim.error(error.status, error.scimType, error.getMessage());
            }
            for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                if (cause instanceof RequestRefused refused) {
                    return refused(refused);
                }
            }
        return logged(request, failure);
    }

    static Response logged(HttpServletRequest request, Throwable failure) {
        LOG.log(Level.SEVERE, "Unexpected failure serving SCIM request " + (request == null ? "" : RequestIds.of(request)), failure);
        return Scim.error(500, null, "An unexpected error occurred.");
    }
}
