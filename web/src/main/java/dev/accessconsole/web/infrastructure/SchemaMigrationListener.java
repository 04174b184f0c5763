package dev.accessconsole.web.infrastructure;

import dev.accessconsole.domain.application.DatabaseMigrations;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

/** Migrates the schema while the application deploys, before the first request can reach it; then starts polling federation issuers' keys. */
@WebListener
public class SchemaMigrationListener implements ServletContextListener {

    @Inject
    DatabaseMigrations migrations;

    @Inject
    dev.accessconsole.domain.application.FederationKeyPoller federationKeys;

    @jakarta.inject.Inject
    dev.accessconsole.domain.application.WebhookDispatcher webhooks;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        migrations.migrate();
        federationKeys.start();
        webhooks.start();
    }
}
