package dev.accessconsole.web.infrastructure.metrics;

import java.util.function.BiConsumer;

/**
 * Where the one builder of error bodies ({@code ErrorBody}, used by servlets and JAX-RS mappers alike, outside CDI)
 * reports each error it answers; {@link ApplicationMetrics} counts them once it has started.
 */
public final class ErrorCounts {

    static volatile BiConsumer<String, String> sink = (type, code) -> {
    };

    private ErrorCounts() {
    }

    public static void answered(String type, String errorCode) {
        try {
            sink.accept(type, errorCode);
        } catch (RuntimeException metricsFailed) {
            // counting never changes an answer
        }
    }
}
