package dev.accessconsole.domain.infrastructure.health;

import dev.accessconsole.domain.infrastructure.authz.StandingCache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.util.List;

/**
 * Which nodes this one shares marks and rate limits with: its own name, the cluster's current members (one on a single
 * node) and whether it holds its lease (answers from its standing cache; without one it reads the database, still UP).
 * On WildFly's management interface only ({@code /health/ready}): the application port's {@code /health} says up or down.
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
                .withData("leased", standings.leased())
                .build();
    }
}
