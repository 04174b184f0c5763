package dev.accessconsole.domain.infrastructure.health;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DatabaseMetaData;

/** Ready only when the database answers; reports which database it is. */
@Readiness
@ApplicationScoped
public class DatabaseHealthCheck implements HealthCheck {

    @Resource(lookup = "java:jboss/datasources/AccessConsoleDS")
    DataSource dataSource;

    @Override
    public HealthCheckResponse call() {
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            return HealthCheckResponse.named("database")
                    .status(connection.isValid(2))
                    .withData("product", meta.getDatabaseProductName())
                    .withData("version", meta.getDatabaseProductVersion())
                    .build();
        } catch (Exception unreachable) {
            return HealthCheckResponse.named("database").down().withData("error", unreachable.getClass().getSimpleName()).build();
        }
    }
}
