package dev.accessconsole.web.interfaces.errors;

import dev.accessconsole.domain.model.DomainException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Refusals of the domain services, each with its {@code error_code}. */
@Provider
public class DomainExceptionMapper implements ExceptionMapper<DomainException> {

    @Context
    HttpServletRequest request;

    @Override
    public Response toResponse(DomainException refusal) {
        ErrorType type = switch (refusal.kind()) {
            case INVALID_REQUEST -> ErrorType.INVALID_REQUEST;
            case NOT_FOUND -> ErrorType.NOT_FOUND;
            case PERMISSION -> ErrorType.PERMISSION;
            case CONFLICT -> ErrorType.CONFLICT;
        };
        return ErrorResponses.of(request, type, refusal.getMessage(), refusal.errorCode());
    }
}
