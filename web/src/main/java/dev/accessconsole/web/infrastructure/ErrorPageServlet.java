package dev.accessconsole.web.infrastructure;

import dev.accessconsole.domain.model.ErrorCode;
import dev.accessconsole.web.interfaces.errors.ErrorBody;
import dev.accessconsole.web.interfaces.errors.ErrorType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Map;

/** The error pages of web.xml: errors raised before or outside JAX-RS, answered in the API's JSON shape. */
@WebServlet(urlPatterns = "/errors/*")
public class ErrorPageServlet extends HttpServlet {

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer number ? number : 404;
        ErrorType type = ErrorType.forStatus(status);
        String message = switch (status) {
            case 401 -> "Invalid or expired credential: send a valid 'Authorization: Bearer <token>' or 'x-api-key'.";
            case 403 -> "Forbidden.";
            case 404 -> "Not found: " + request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
            case 405 -> "Method not allowed.";
            case 413 -> "The request is too large.";
            case 400 -> "The request could not be read.";
            default -> "An unexpected error occurred; quote the request id when reporting it.";
        };
        String errorCode = switch (status) {
            case 401 -> ErrorCode.INVALID_CREDENTIAL.value();
            case 404 -> ErrorCode.NOT_FOUND.value();
            case 413 -> ErrorCode.REQUEST_TOO_LARGE.value();
            default -> null;
        };
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        if (!response.containsHeader(RequestIds.HEADER)) {
            response.setHeader(RequestIds.HEADER, RequestIds.of(request));
        }
        response.getWriter().write(ErrorBody.of(type, message, errorCode, Map.of(), RequestIds.of(request)).toString());
    }
}
