package dev.accessconsole.web.infrastructure;

import dev.accessconsole.domain.infrastructure.health.ClusterHealthCheck;
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
import org.eclipse.microprofile.health.Readiness;

import java.io.IOException;

/**
 * The application's MicroProfile Health checks on the application port, at {@code /health}: up or down and nothing
 * else (no check names, no database product or version), so that a load balancer that only reaches port 8080 sees
 * whether the database answers and an outsider learns nothing more. Details stay with the checks themselves and
 * WildFly's management interface. {@code /health/cluster} says which node answered and how many nodes share its
 * marks and rate limits (operators and the cluster tests ask each node directly).
 */
@WebServlet(urlPatterns = {"/health", "/health/*"})
public class HealthServlet extends HttpServlet {

    @Inject
    @Any
    Instance<HealthCheck> checks;

    @Inject
    @Readiness
    ClusterHealthCheck cluster;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("application/json");
        if ("/cluster".equals(request.getPathInfo())) {
            var data = cluster.call().getData().orElseThrow();
            response.getWriter().write(JsonBuilders.object().add("node", String.valueOf(data.get("node")))
                    .add("members", ((Number) data.get("members")).intValue()).build().toString());
            return;
        }
        boolean up = true;
        for (HealthCheck check : checks) {
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
