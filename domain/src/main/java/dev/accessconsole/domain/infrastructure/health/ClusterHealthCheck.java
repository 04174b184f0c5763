package dev.accessconsole.domain.infrastructure.health;

import dev.accessconsole.domain.infrastructure.authz.StandingCache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.util.List;

/**
 * Which nodes this one shares marks and rate limits with: its own name and the cluster's current members (one on a
 * single node), for {@code /health/cluster} (the web module's HealthServlet).
 */
@Readiness
@ApplicationScoped
public class ClusterHealthCheck implements HealthCheck {

    @Inject
    StandingCache standings;

    @Override
    public HealthCheckResponse call() {
        List<String> members = standings.members();
        return HealthCheckResponse.named("cluster").up()
                .withData("node", System.getProperty("jboss.node.name", "standalone"))
                .withData("members", members.size())
                .build();
    }
}
