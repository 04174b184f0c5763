package dev.accessconsole.web.interfaces.errors;

import dev.accessconsole.authz.api.AccessDeniedException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.Map;

/** 401 / 404 / 403 / 400 for refusals of the authz guard. */
@Provider
public class AccessDeniedMapper implements ExceptionMapper<AccessDeniedException> {

    @Context
    HttpServletRequest request;

    @Override
    public Response toResponse(AccessDeniedException refusal) {
        if (refusal instanceof AccessDeniedException.Unauthenticated) {
            return ErrorResponses.of(request, ErrorType.AUTHENTICATION, refusal.getMessage(), "authentication_required");
        }
        if (refusal instanceof AccessDeniedException.NotVisible) {
            return ErrorResponses.of(request, ErrorType.NOT_FOUND, refusal.getMessage(), "not_found");
        }
        if (refusal instanceof AccessDeniedException.MissingPermission missing) {
            return ErrorResponses.of(request, ErrorType.PERMISSION, ErrorType.PERMISSION.status(), refusal.getMessage(),
                    "missing_permission", Map.of("permission", missing.permission()));
        }
        return ErrorResponses.of(request, ErrorType.INVALID_REQUEST, refusal.getMessage(), "organization_required");
    }
}
