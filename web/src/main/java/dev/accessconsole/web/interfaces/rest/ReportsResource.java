package dev.accessconsole.web.interfaces.rest;

import dev.accessconsole.domain.model.JsonBuilders;
import dev.accessconsole.authz.api.Permission;
import dev.accessconsole.authz.api.ErrorCode;
import dev.accessconsole.authz.api.AccessContext;
import dev.accessconsole.authz.api.Permissions;
import dev.accessconsole.authz.api.RequiresPermission;
import dev.accessconsole.domain.application.ReportService;
import dev.accessconsole.domain.model.DomainException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Admin API's usage and cost reports: time buckets of aggregated usage, grouped and filtered as documented,
 * holding only the rows of workspaces where the caller may read usage (cost). The Default workspace shows as null.
 */
@Path("/organizations/usage_report")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ReportsResource {

    private static final Set<String> USAGE_GROUPS = Set.of("api_key_id", "workspace_id", "model", "service_tier", "context_window");

    @Inject
    ReportService reports;

    @Inject
    AccessContext access;

    /** Organization-level: every member may ask; rows are limited to workspaces where they hold usage:read (403 if none). */
    @GET
    @Path("/messages")
    @RequiresPermission(Permissions.ORGANIZATION_READ)
    public JsonObject usageReport(@QueryParam("starting_at") String startingAt, @QueryParam("ending_at") String endingAt,
                                  @QueryParam("bucket_width") String bucketWidth, @QueryParam("limit") String limit,
                                  @QueryParam("page") String page, @QueryParam("group_by[]") List<String> groupBy,
                                  @QueryParam("workspace_ids[]") List<String> workspaceIds, @QueryParam("api_key_ids[]") List<String> apiKeyIds,
                                  @QueryParam("models[]") List<String> models) {
        int width = switch (bucketWidth == null || bucketWidth.isBlank() ? "1d" : bucketWidth) {
            case "1d" -> 1440;
            case "1h" -> 60;
            case "1m" -> 1;
            default -> throw DomainException.invalid(ErrorCode.INVALID_BUCKET_WIDTH, "bucket_width must be 1d, 1h or 1m.");
        };
        int[] limits = width == 1440 ? new int[]{7, 31} : width == 60 ? new int[]{24, 168} : new int[]{60, 1440};
        Window window = window(startingAt, endingAt, page, limit, width, limits[0], limits[1]);
        Set<String> groups = groups(groupBy, USAGE_GROUPS);
        var rows = reports.aggregate(access.organizationId(), access.reportScope(Permission.USAGE_READ), new ReportService.Query(window.from(), window.to(), width, workspaceIds, apiKeyIds, models));

        Map<Long, List<ReportService.Row>> byBucket = rows.stream()
                .collect(java.util.stream.Collectors.groupingBy(ReportService.Row::bucketStartMinute));
        JsonArrayBuilder data = JsonBuilders.array();
        for (long bucket = window.from(); bucket < window.to(); bucket += width) {
            Map<List<String>, long[]> sums = new LinkedHashMap<>();
            for (ReportService.Row row : byBucket.getOrDefault(bucket, List.of())) {
                long[] sum = sums.computeIfAbsent(key(row, groups), k -> new long[2]);
                sum[0] += row.inputTokens();
                sum[1] += row.outputTokens();
            }
            JsonArrayBuilder results = JsonBuilders.array();
            sums.forEach((key, sum) -> {
                JsonObjectBuilder result = JsonBuilders.object()
                        .add("uncached_input_tokens", sum[0])
                        .add("cache_creation", JsonBuilders.object().add("ephemeral_1h_input_tokens", 0).add("ephemeral_5m_input_tokens", 0))
                        .add("cache_read_input_tokens", 0)
                        .add("output_tokens", sum[1])
                        .add("server_tool_use", JsonBuilders.object().add("web_search_requests", 0));
                text(result, "api_key_id", key.get(0));
                text(result, "workspace_id", key.get(1));
                text(result, "model", key.get(2));
                result.addNull("service_tier").addNull("context_window");
                results.add(result);
            });
            data.add(JsonBuilders.object().add("starting_at", instant(bucket)).add("ending_at", instant(bucket + width)).add("results", results));
        }
        return page(data, window);
    }

    record Window(long from, long to, boolean hasMore, long next) {
    }

    /** The buckets of this page: from starting_at (or the page token) for at most limit buckets, before ending_at. */
    static Window window(String startingAt, String endingAt, String page, String limit, int width, int defaultLimit, int maxLimit) {
        Instant start = time("starting_at", startingAt, true);
        Instant end = endingAt == null || endingAt.isBlank() ? Instant.now() : time("ending_at", endingAt, true);
        if (!end.isAfter(start)) {
            throw DomainException.invalid(ErrorCode.INVALID_TIME_RANGE, "ending_at must be after starting_at.");
        }
        int size = defaultLimit;
        if (limit != null && !limit.isBlank()) {
            try {
                size = Integer.parseInt(limit.trim());
            } catch (NumberFormatException e) {
                size = -1;
            }
            if (size < 1 || size > maxLimit) {
                throw DomainException.invalid(ErrorCode.INVALID_LIMIT, "limit must be between 1 and " + maxLimit + " for this bucket width.");
            }
        }
        long first = Math.floorDiv(ReportService.epochMinute(start), width) * width;
        long last = Math.floorDiv(ReportService.epochMinute(end) + width - 1, width) * width;
        if (page != null && !page.isBlank()) {
            try {
                long token = Long.parseLong(page.startsWith("page_") ? page.substring(5) : "x");
                if (token < first || token > last || token % width != 0) {
                    throw new NumberFormatException();
                }
                first = token;
            } catch (NumberFormatException e) {
                throw DomainException.invalid(ErrorCode.INVALID_PAGE, "page is not a token this report gave.");
            }
        }
        long to = Math.min(last, first + (long) size * width);
        return new Window(first, to, to < last, to);
    }

    static JsonObject page(JsonArrayBuilder data, Window window) {
        JsonObjectBuilder body = JsonBuilders.object().add("data", data).add("has_more", window.hasMore());
        if (window.hasMore()) {
            body.add("next_page", "page_" + window.next());
        } else {
            body.addNull("next_page");
        }
        return body.build();
    }

    static Set<String> groups(List<String> groupBy, Set<String> allowed) {
        List<String> groups = new ArrayList<>();
        for (String value : groupBy == null ? List.<String>of() : groupBy) {
            for (String part : value.split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                if (!allowed.contains(part.trim())) {
                    throw DomainException.invalid(ErrorCode.INVALID_GROUP_BY, "group_by[] accepts " + String.join(", ", allowed) + ".");
                }
                groups.add(part.trim());
            }
        }
        return Set.copyOf(groups);
    }

    private static List<String> key(ReportService.Row row, Set<String> groups) {
        return java.util.Arrays.asList(groups.contains("api_key_id") ? row.apiKeyId() : null,
                groups.contains("workspace_id") ? row.workspaceId() : null,
                groups.contains("model") ? row.model() : null);
    }

    static void text(JsonObjectBuilder json, String name, String value) {
        if (value == null) {
            json.addNull(name);
        } else {
            json.add(name, value);
        }
    }

    static String instant(long epochMinute) {
        return Instant.ofEpochSecond(epochMinute * 60).toString();
    }

    static String cents(BigDecimal amount) {
        BigDecimal scaled = amount.setScale(6, RoundingMode.HALF_UP).stripTrailingZeros();
        return scaled.scale() < 0 ? scaled.setScale(0).toPlainString() : scaled.toPlainString();
    }

    static Instant time(String name, String value, boolean required) {
        if (value == null || value.isBlank()) {
            throw DomainException.invalidField(name, name + " is required (RFC 3339, e.g. 2026-01-01T00:00:00Z).");
        }
        return Params.time(name, value);
    }
}
