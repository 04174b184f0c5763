package dev.accessconsole.web.interfaces.errors;

import dev.accessconsole.authz.api.RequestRefused;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Every refusal, of the guard or of a service rule, in one shape: the status and error type follow from its
 * {@link dev.accessconsole.domain.model.ErrorCode}, and its details (the permission, the field) are written as they are.
 */
@Provider
public class RequestRefusedMapper implements ExceptionMapper<RequestRefused> {

    @Context
    HttpServletRequest request;

    @Override
    public Response toResponse(RequestRefused refusal) {
        if (dev.accessconsole.web.infrastructure.ScimServlet.serving(request)) {
            return dev.accessconsole.web.interfaces.scim.ScimErrors.refused(refusal);
        }
        ErrorType type = ErrorType.of(refusal.kind());
        return ErrorResponses.of(request, type, type.status(), refusal.getMessage(), refusal.code(), refusal.details());
    }
}
