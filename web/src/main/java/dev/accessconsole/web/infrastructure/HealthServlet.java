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
import java.util.List;

/**
 * The application's MicroProfile Health checks on the application port, at {@code /health}: up or down and nothing
 * else (no check names, no database product or version), so that a load balancer that only reaches port 8080 sees
 * whether the database answers and an outsider learns nothing more. Details stay with the checks themselves and
 * WildFly's management interface (its {@code /health/ready} names the node and its cluster's members, for operators
 * and the cluster tests). Every path under {@code /health} here answers up or down and nothing more (api.md): a node's
 * name or its cluster's size tells an outsider where to aim. {@code /health/live} says only that the node runs (the
 * balancer's check); every other path, that it can serve.
 */
@WebServlet(urlPatterns = {"/health", "/health/*"})
public class HealthServlet extends HttpServlet {

    @Inject
    @Any
    Instance<HealthCheck> checks;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("application/json");
        boolean up = true;
        // /health/live: whether this node runs (the balancer's check: a node without its database still answers, with a
        // quick 503 in the API's error shape); every other path: whether it can serve (its database answers)
        boolean liveness = "/live".equals(request.getPathInfo());
        for (HealthCheck check : liveness ? List.<HealthCheck>of() : checks) {
            try {
                up &= check.call().getStatus() == HealthCheckResponse.Status.UP;
            } catch (RuntimeException failed) {
                up = false;
            }
        }
        response.setStatus(up ? 200 : 503);
        response.getWriter().write(JsonBuilders.object().add("status", up ? "UP" : "DOWN").build().toString());
    }
}
