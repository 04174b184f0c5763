package dev.accessconsole.web.infrastructure;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

import java.io.IOException;

/**
 * The application's MicroProfile Health checks on the application port, at {@code /health}, in the MicroProfile
 * Health JSON format. WildFly serves the full server report on the management port (9990/health); this one lets a
 * load balancer that only reaches port 8080 see whether the database answers.
 */
@WebServlet(urlPatterns = {"/health", "/health/*"})
public class HealthServlet extends HttpServlet {

    @Inject
    @Any
    Instance<HealthCheck> checks;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        boolean up = true;
        JsonArrayBuilder results = Json.createArrayBuilder();
        for (HealthCheck check : checks) {
            HealthCheckResponse result = check.call();
            up &= result.getStatus() == HealthCheckResponse.Status.UP;
            JsonObjectBuilder entry = Json.createObjectBuilder().add("name", result.getName()).add("status", result.getStatus().name());
            result.getData().ifPresent(data -> {
                JsonObjectBuilder dataJson = Json.createObjectBuilder();
                data.forEach((key, value) -> dataJson.add(key, String.valueOf(value)));
                entry.add("data", dataJson);
            });
            results.add(entry);
        }
        response.setStatus(up ? 200 : 503);
        response.setContentType("application/json");
        response.getWriter().write(Json.createObjectBuilder().add("status", up ? "UP" : "DOWN").add("checks", results).build().toString());
    }
}
