package dev.accessconsole.web.infrastructure.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import java.lang.reflect.Field;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Timers with histogram buckets in WildFly's registry. The registry WildFly gives a deployment offers no way to ask for
 * buckets: its {@code timer(name, tags)} makes a timer with a count, a sum and a maximum only, and a builder's
 * {@code register} keeps the meter in a registry of the deployment's own that nothing scrapes. So the builder registers
 * with the server registry the deployment's one forwards to, tagged with the deployment as WildFly tags it (so that
 * undeploying still removes it). Should a later WildFly change that class, timers fall back to count, sum and maximum.
 */
final class Histograms {

    private static final Logger LOG = Logger.getLogger(Histograms.class.getName());

    private final MeterRegistry deployment;
    private final MeterRegistry server;
    private final Tags deploymentTag;

    private Histograms(MeterRegistry deployment, MeterRegistry server, Tags deploymentTag) {
        this.deployment = deployment;
        this.server = server;
        this.deploymentTag = deploymentTag;
    }

    static Histograms of(MeterRegistry deployment) {
        try {
            Class<?> type = deployment.getClass();
            while (type != null && !type.getName().equals("org.wildfly.extension.micrometer.registry.ApplicationRegistry")) {
                type = type.getSuperclass();
            }
            if (type != null) {
                Field parent = type.getDeclaredField("parentRegistry");
                Field name = type.getDeclaredField("deploymentName");
                Field tag = type.getDeclaredField("TAG_WF_DEPLOYMENT");
                parent.setAccessible(true);
                name.setAccessible(true);
                tag.setAccessible(true);
                return new Histograms(deployment, (MeterRegistry) parent.get(deployment),
                        Tags.of((String) tag.get(null), (String) name.get(deployment)));
            }
        } catch (ReflectiveOperationException | RuntimeException unavailable) {
            LOG.log(Level.WARNING, "request latency is recorded without histogram buckets: " + unavailable);
        }
        return new Histograms(deployment, null, Tags.empty());
    }

    /** Removes this deployment's meters whose names start with {@code prefix}, from both registries. */
    void removeAll(String prefix) {
        for (var meter : deployment.getMeters()) {
            if (meter.getId().getName().startsWith(prefix)) {
                deployment.remove(meter);
            }
        }
        if (server != null) {
            var tag = deploymentTag.iterator().next();
            for (var meter : server.getMeters()) {
                if (meter.getId().getName().startsWith(prefix) && tag.getValue().equals(meter.getId().getTag(tag.getKey()))) {
                    server.remove(meter);
                }
            }
        }
    }

    Timer timer(String name, Tags tags, Duration[] buckets) {
        if (server == null) {
            return deployment.timer(name, tags);
        }
        return Timer.builder(name).tags(tags.and(deploymentTag)).serviceLevelObjectives(buckets).register(server);
    }
}
