package dev.accessconsole.web.infrastructure;

import dev.accessconsole.domain.model.JsonBuilders;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

import java.io.IOException;

/**
 * The application's MicroProfile Health checks on the application port, at {@code /health}: up or down and nothing
 * else (no check names, no database product or version), so that a load balancer that only reaches port 8080 sees
 * whether the database answers and an outsider learns nothing more. Details stay with the checks themselves and
 * WildFly's management interface.
 */
@WebServlet(urlPatterns = {"/health", "/health/*"})
public class HealthServlet extends HttpServlet {

    @Inject
    @Any
    Instance<HealthCheck> checks;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        boolean up = true;
        for (HealthCheck check : checks) {
            try {
                up &= check.call().getStatus() == HealthCheckResponse.Status.UP;
            } catch (RuntimeException failed) {
                up = false;
            }
        }
        response.setStatus(up ? 200 : 503);
        response.setContentType("application/json");
        response.getWriter().write(JsonBuilders.object().add("status", up ? "UP" : "DOWN").build().toString());
    }
}
