package dev.accessconsole.bench;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the request threads' CPU goes, from a JFR recording of the server: each execution sample of an Undertow
 * worker or I/O thread is given to the innermost frame of this application on its stack (or, with none, to the
 * platform part it is in), so an interceptor that merely wraps a resource method is not charged for the method; a
 * sample inside SmallRye JWT or jose4j is the token's, whichever application frame called it (reading a claim from the
 * verified token is MicroProfile JWT's work, not the caller's).
 * <pre>java bench/src/main/java/dev/accessconsole/bench/JfrShare.java recording.jfr</pre>
 */
public final class JfrShare {

    private JfrShare() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String category : List.of("authorization (authz, its JPA lookup)", "provisioning (CallerFilter, CurrentUser, UserDirectory)",
                "token verification (SmallRye JWT, jose4j, the verified-token cache)", "rate limit", "resource and service code",
                "other application code", "platform (Undertow, RESTEasy, Weld, JSON, Hibernate outside the above)")) {
            counts.put(category, 0L);
        }
        long total = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
                continue;
            }
            String thread = event.getThread("sampledThread") == null ? "" : event.getThread("sampledThread").getJavaName();
            if (thread == null || !(thread.startsWith("default task") || thread.startsWith("default I/O"))) {
                continue;
            }
            total++;
            counts.merge(category(event.getStackTrace() == null ? List.of() : event.getStackTrace().getFrames()), 1L, Long::sum);
        }
        System.out.printf("request-thread samples: %d%n", total);
        for (var entry : counts.entrySet()) {
            System.out.printf("%6.1f %%  %s%n", total == 0 ? 0.0 : 100.0 * entry.getValue() / total, entry.getKey());
        }
        long authzAndProvisioning = counts.get("authorization (authz, its JPA lookup)") + counts.get("provisioning (CallerFilter, CurrentUser, UserDirectory)");
        System.out.printf("authorization + provisioning: %.1f %% of request CPU%n", total == 0 ? 0.0 : 100.0 * authzAndProvisioning / total);
    }

    private static String category(List<RecordedFrame> frames) {
        boolean jwt = false;
        for (RecordedFrame frame : frames) { // innermost first
            String type = frame.getMethod().getType().getName();
            if (type.startsWith("io.smallrye.jwt") || type.startsWith("org.jose4j")) {
                jwt = true;
            }
            if (!type.startsWith("dev.accessconsole.")) {
                continue;
            }
            if (jwt) {
                // inside SmallRye JWT called by the application (reading the token's claims): the token's cost
                return "token verification (SmallRye JWT, jose4j, the verified-token cache)";
            }
            if (type.startsWith("dev.accessconsole.authz.") || type.startsWith("dev.accessconsole.domain.infrastructure.authz.")) {
                return "authorization (authz, its JPA lookup)";
            }
            if (isOrNested(type, "web.infrastructure.CallerFilter") || isOrNested(type, "web.infrastructure.CurrentUser")
                    || isOrNested(type, "domain.application.UserDirectory")) {
                return "provisioning (CallerFilter, CurrentUser, UserDirectory)";
            }
            if (type.endsWith(".VerifiedTokenCache") || type.contains(".VerifiedTokenCache$")) {
                return "token verification (SmallRye JWT, jose4j, the verified-token cache)";
            }
            if (type.endsWith(".RateLimitFilter") || type.contains(".RateLimitFilter$")) {
                return "rate limit";
            }
            if (type.startsWith("dev.accessconsole.web.interfaces.") || type.startsWith("dev.accessconsole.domain.")) {
                return "resource and service code";
            }
            return "other application code";
        }
        return jwt ? "token verification (SmallRye JWT, jose4j, the verified-token cache)"
                : "platform (Undertow, RESTEasy, Weld, JSON, Hibernate outside the above)";
    }

    /** The class, its nested classes and Weld's proxies of it ({@code Name$Claims}, {@code Name$Proxy$_$$_WeldClientProxy}). */
    private static boolean isOrNested(String type, String name) {
        String full = "dev.accessconsole." + name;
        return type.equals(full) || type.startsWith(full + "$");
    }
}
