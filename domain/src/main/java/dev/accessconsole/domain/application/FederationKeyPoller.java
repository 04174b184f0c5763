package dev.accessconsole.domain.application;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Polls the keys of federation issuers that fetch them from a URL (the server's managed scheduler, once a minute; each
 * issuer every five minutes), so that {@code poll_status} says whether an issuer's keys can be fetched before a workload
 * finds out. Each node polls; a fetch is idempotent.
 */
@ApplicationScoped
public class FederationKeyPoller {

    private static final Logger LOG = Logger.getLogger(FederationKeyPoller.class.getName());

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ScheduledExecutorService scheduler;

    @Inject
    FederationService federation;

    private ScheduledFuture<?> polling;

    public synchronized void start() {
        if (polling == null && scheduler != null) {
            polling = scheduler.scheduleWithFixedDelay(this::pollQuietly, 30, 60, TimeUnit.SECONDS);
        }
    }

    private void pollQuietly() {
        try {
            federation.pollDue();
        } catch (RuntimeException failed) {
            // the database or an issuer cannot answer now: the next round tries again
            LOG.log(Level.FINE, "federation key polling failed", failed);
        }
    }

    @PreDestroy
    synchronized void stop() {
        if (polling != null) {
            polling.cancel(false);
        }
    }
}
