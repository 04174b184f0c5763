package dev.accessconsole.web.interfaces.errors;

import dev.accessconsole.domain.model.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.Map;

/** JAX-RS' own refusals (unknown path, wrong method, unreadable body, bad parameter) in the API's shape. */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Context
    HttpServletRequest request;

    @Override
    public Response toResponse(WebApplicationException exception) {
        if (dev.accessconsole.web.infrastructure.ScimServlet.serving(request)) {
            return dev.accessconsole.web.interfaces.scim.ScimErrors.protocol(request, exception);
        }
        int status = exception.getResponse() == null ? 500 : exception.getResponse().getStatus();
        if (exception instanceof NotFoundException) {
            return ErrorResponses.of(request, ErrorType.NOT_FOUND, "Not found: " + request.getMethod() + " " + request.getRequestURI(), ErrorCode.NOT_FOUND.value());
        }
        ErrorType type = ErrorType.forStatus(status);
        if (status >= 500) {
            return UnexpectedErrorMapper.logged(request, exception);
        }
        String message = switch (status) {
            case 400 -> "The request could not be read: check the JSON body and the parameters.";
            case 405 -> "Method " + request.getMethod() + " is not allowed here.";
            case 406 -> "This endpoint answers application/json.";
            case 415 -> "Send the body as application/json.";
            default -> "The request was refused.";
        };
        Response response = ErrorResponses.of(request, type, status, message, type == ErrorType.INVALID_REQUEST ? ErrorCode.INVALID_REQUEST.value() : null, Map.of());
        if (exception instanceof NotAllowedException && exception.getResponse().getHeaderString(HttpHeaders.ALLOW) != null) {
            return Response.fromResponse(response).header(HttpHeaders.ALLOW, exception.getResponse().getHeaderString(HttpHeaders.ALLOW)).build();
        }
        return response;
    }
}
