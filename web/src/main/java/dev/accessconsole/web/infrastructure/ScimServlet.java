package dev.accessconsole.web.infrastructure;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * SCIM 2.0 lives at {@code /scim/v2} (api.md); its resources are the API application's, at {@code /v1/scim/v2/…}. Every
 * filter of the request has run when this servlet hands it on (request id, security headers, size limit, the
 * authorization frame), and the token mechanism let it through without a token ({@link ScimAuthentication}): the SCIM
 * resources authenticate the SCIM token themselves.
 */
@WebServlet(urlPatterns = {ScimAuthentication.SCIM_PATH, ScimAuthentication.SCIM_PATH + "/*"})
public class ScimServlet extends HttpServlet {

    /** Where the API application serves SCIM's resources. */
    public static final String TARGET = "/v1" + ScimAuthentication.SCIM_PATH;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        String rest = request.getPathInfo() == null ? "" : request.getPathInfo();
        request.getRequestDispatcher(TARGET + rest).forward(request, response);
    }

    /** Whether the API application is serving a SCIM request (its answers, errors included, are in SCIM's shape). */
    public static boolean serving(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals(TARGET) || path.startsWith(TARGET + "/");
    }
}
