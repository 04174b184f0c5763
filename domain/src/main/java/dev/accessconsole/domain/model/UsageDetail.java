package dev.accessconsole.domain.model;

import java.util.List;

/**
 * What an event says beyond its plain input and output tokens, in the Admin API's terms: the dimensions the usage report
 * groups and filters by (service tier, context window, inference geo, speed) and the other token kinds it sums (cache
 * writes by lifetime, cache reads, web search requests). The allowed values are the official client's and docs'.
 */
public record UsageDetail(String serviceTier, String contextWindow, String inferenceGeo, String speed,
                          long cacheCreation1hTokens, long cacheCreation5mTokens, long cacheReadTokens, long webSearchRequests) {

    public static final List<String> SERVICE_TIERS = List.of("standard", "batch", "priority", "priority_on_demand", "flex", "flex_discount");
    public static final List<String> CONTEXT_WINDOWS = List.of("0-200k", "200k-1M");
    public static final List<String> INFERENCE_GEOS = List.of("global", "us", "not_available");
    public static final List<String> SPEEDS = List.of("standard", "fast");

    /** A plain request: standard tier and speed, the smaller context window, no inference geo, no cache, no tools. */
    public static final UsageDetail PLAIN = new UsageDetail("standard", "0-200k", "not_available", "standard", 0, 0, 0, 0);

    public UsageDetail {
        serviceTier = oneOf("service_tier", serviceTier, SERVICE_TIERS);
        contextWindow = oneOf("context_window", contextWindow, CONTEXT_WINDOWS);
        inferenceGeo = oneOf("inference_geo", inferenceGeo, INFERENCE_GEOS);
        speed = oneOf("speed", speed, SPEEDS);
    }

    /** The value itself when it is one of {@code allowed}; a 400 naming the field and the allowed values otherwise. */
    public static String oneOf(String field, String value, List<String> allowed) {
        if (value == null || !allowed.contains(value)) {
            throw DomainException.invalidField(field, field + " must be one of " + String.join(", ", allowed) + ".");
        }
        return value;
    }
}
