package dev.accessconsole.web.interfaces.rest;

import dev.accessconsole.authz.api.AccessDecisions;
import dev.accessconsole.domain.model.JsonBuilders;
import dev.accessconsole.authz.api.Permission;
import dev.accessconsole.domain.model.ErrorCode;
import dev.accessconsole.authz.api.AccessContext;
import dev.accessconsole.authz.api.Permissions;
import dev.accessconsole.authz.api.RequiresPermission;
import dev.accessconsole.domain.application.ReportService;
import dev.accessconsole.domain.application.ReportService.Dimension;
import dev.accessconsole.domain.model.DomainException;
import dev.accessconsole.domain.model.Time;
import dev.accessconsole.domain.model.UsageDetail;
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
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
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

    @Inject
    AccessDecisions decisions;

    @Inject
    ReportService reports;

    @Inject
    AccessContext access;

    /**
     * Organization-level: every member may ask; rows are limited to workspaces where they hold usage:read (403 if none).
     * Every official filter and group_by[] value; a dimension not grouped by is null in the rows.
     */
    @GET
    @Path("/messages")
    @RequiresPermission(value = Permissions.USAGE_READ, inAnyWorkspace = true)
    public JsonObject usageReport(@QueryParam("starting_at") String startingAt, @QueryParam("ending_at") String endingAt,
                                  @QueryParam("bucket_width") String bucketWidth, @QueryParam("limit") String limit,
                                  @QueryParam("page") String page, @QueryParam("group_by[]") List<String> groupBy,
                                  @QueryParam("workspace_ids[]") List<String> workspaceIds, @QueryParam("api_key_ids[]") List<String> apiKeyIds,
                                  @QueryParam("models[]") List<String> models, @QueryParam("service_tiers[]") List<String> serviceTiers,
                                  @QueryParam("context_window[]") List<String> contextWindows,
                                  @QueryParam("inference_geos[]") List<String> inferenceGeos, @QueryParam("speeds[]") List<String> speeds,
                                  @QueryParam("account_ids[]") List<String> accountIds,
                                  @QueryParam("service_account_ids[]") List<String> serviceAccountIds) {
        int width = switch (bucketWidth == null || bucketWidth.isBlank() ? "1d" : bucketWidth) {
            case "1d" -> 1440;
            case "1h" -> 60;
            case "1m" -> 1;
            default -> throw DomainException.invalid(ErrorCode.INVALID_BUCKET_WIDTH, "bucket_width must be 1d, 1h or 1m.");
        };
        int[] limits = width == 1440 ? new int[]{7, 31} : width == 60 ? new int[]{24, 168} : new int[]{60, 1440};
        Window window = window(startingAt, endingAt, page, limit, width, limits[0], limits[1]);
        Set<Dimension> groups = groups(groupBy, EnumSet.allOf(Dimension.class));
        Map<Dimension, List<String>> filters = new EnumMap<>(Dimension.class);
        filters.put(Dimension.WORKSPACE_ID, values(workspaceIds));
        filters.put(Dimension.API_KEY_ID, values(apiKeyIds));
        filters.put(Dimension.MODEL, values(models));
        filters.put(Dimension.SERVICE_TIER, allowed("service_tiers[]", values(serviceTiers), UsageDetail.SERVICE_TIERS));
        filters.put(Dimension.CONTEXT_WINDOW, allowed("context_window[]", values(contextWindows), UsageDetail.CONTEXT_WINDOWS));
        filters.put(Dimension.INFERENCE_GEO, allowed("inference_geos[]", values(inferenceGeos), UsageDetail.INFERENCE_GEOS));
        filters.put(Dimension.SPEED, allowed("speeds[]", values(speeds), UsageDetail.SPEEDS));
        filters.put(Dimension.ACCOUNT_ID, values(accountIds));
        filters.put(Dimension.SERVICE_ACCOUNT_ID, values(serviceAccountIds));
        var rows = reports.aggregate(access.organizationId(), access.reportScope(Permission.USAGE_READ),
                new ReportService.Query(window.from(), window.to(), width, groups, filters));

        Map<Long, List<ReportService.Row>> byBucket = rows.stream()
                .collect(java.util.stream.Collectors.groupingBy(ReportService.Row::bucketStartMinute));
        JsonArrayBuilder data = JsonBuilders.array();
        for (long bucket = window.from(); bucket < window.to(); bucket += width) {
            Map<List<String>, ReportService.Sums> sums = new LinkedHashMap<>();
            for (ReportService.Row row : byBucket.getOrDefault(bucket, List.of())) {
                sums.merge(key(row, groups), row.sums(), ReportService.Sums::plus);
            }
            JsonArrayBuilder results = JsonBuilders.array();
            sums.forEach((key, sum) -> {
                JsonObjectBuilder result = JsonBuilders.object()
                        .add("uncached_input_tokens", sum.uncachedInputTokens())
                        .add("cache_creation", JsonBuilders.object().add("ephemeral_1h_input_tokens", sum.cacheCreation1hTokens())
                                .add("ephemeral_5m_input_tokens", sum.cacheCreation5mTokens()))
                        .add("cache_read_input_tokens", sum.cacheReadTokens())
                        .add("output_tokens", sum.outputTokens())
                        .add("server_tool_use", JsonBuilders.object().add("web_search_requests", sum.webSearchRequests()));
                for (Dimension d : Dimension.values()) {
                    text(result, d.value(), key.get(d.ordinal()));
                }
                results.add(result);
            });
            data.add(JsonBuilders.object().add("starting_at", instant(bucket)).add("ending_at", instant(bucket + width)).add("results", results));
        }
        return page(data, window);
    }

    /**
     * The Claude Code report: one UTC day ({@code starting_at}, YYYY-MM-DD) of the Claude Code workspace, a record per actor
     * (member or API key) with its tokens and estimated cost by model, paged by {@code limit} (1-1000, default 20) and the
     * opaque {@code page} token. Rows are those of workspaces where the caller may read usage (403 if none); members are
     * named by email only to callers who may know who is in the organization (members:manage) and to themselves.
     * This product's gateway reports tokens, not Claude Code's client telemetry, so the productivity metrics (sessions,
     * lines, commits, pull requests, tool actions) are zero and terminal_type is "unknown".
     */
    @GET
    @Path("/claude_code")
    @RequiresPermission(value = Permissions.USAGE_READ, inAnyWorkspace = true)
    public JsonObject claudeCodeReport(@QueryParam("starting_at") String startingAt, @QueryParam("limit") String limit,
                                       @QueryParam("page") String page) {
        java.time.LocalDate day = day("starting_at", startingAt);
        int size = limit(limit, 20, 1000, "");
        boolean mayNameMembers = decisions.mayNameMembers(access.standing());
        List<ReportService.ClaudeCodeActor> actors = reports.claudeCodeDay(access.organizationId(),
                access.reportScope(Permission.USAGE_READ), day.toEpochDay(), mayNameMembers, access.principalId());
        int offset = (int) pageToken(page, 0, actors.size(), 1);
        int to = Math.min(actors.size(), offset + size);
        String date = day.atStartOfDay(java.time.ZoneOffset.UTC).toInstant().toString();
        JsonArrayBuilder data = JsonBuilders.array();
        for (ReportService.ClaudeCodeActor actor : actors.subList(offset, to)) {
            JsonObjectBuilder who = JsonBuilders.object().add("type", actor.type());
            if (actor.emailAddress() != null) {
                who.add("email_address", actor.emailAddress());
            } else {
                who.add("api_key_name", actor.apiKeyName());
            }
            JsonArrayBuilder models = JsonBuilders.array();
            actor.byModel().forEach((model, usage) -> {
                ReportService.Sums s = usage.sums();
                models.add(JsonBuilders.object()
                        .add("model", model)
                        .add("tokens", JsonBuilders.object().add("input", s.uncachedInputTokens()).add("output", s.outputTokens())
                                .add("cache_read", s.cacheReadTokens()).add("cache_creation", s.cacheCreation1hTokens() + s.cacheCreation5mTokens()))
                        .add("estimated_cost", JsonBuilders.object().add("currency", "USD")
                                .add("amount", usage.costCents().setScale(0, RoundingMode.HALF_UP).longValueExact())));
            });
            data.add(JsonBuilders.object()
                    .add("date", date)
                    .add("actor", who)
                    .add("organization_id", access.organizationId())
                    .add("customer_type", "api")
                    .addNull("subscription_type")
                    .add("terminal_type", "unknown")
                    .add("core_metrics", JsonBuilders.object().add("num_sessions", 0)
                            .add("lines_of_code", JsonBuilders.object().add("added", 0).add("removed", 0))
                            .add("commits_by_claude_code", 0).add("pull_requests_by_claude_code", 0))
                    .add("tool_actions", JsonBuilders.object().add("edit_tool", noToolActions()).add("multi_edit_tool", noToolActions())
                            .add("notebook_edit_tool", noToolActions()).add("write_tool", noToolActions()))
                    .add("model_breakdown", models));
        }
        return page(data, to < actors.size(), to);
    }

    private static JsonObjectBuilder noToolActions() {
        return JsonBuilders.object().add("accepted", 0).add("rejected", 0);
    }

    /** A UTC day as YYYY-MM-DD, from 1970 to 9999; 400 naming the parameter otherwise. */
    private static java.time.LocalDate day(String name, String value) {
        if (value == null || value.isBlank()) {
            throw DomainException.invalidField(name, name + " is required (a UTC day, e.g. 2026-01-01).");
        }
        try {
            if (!value.matches("\\d{4}-\\d{2}-\\d{2}")) {
                throw new java.time.format.DateTimeParseException("not YYYY-MM-DD", value, 0);
            }
            java.time.LocalDate day = java.time.LocalDate.parse(value);
            if (day.getYear() < 1970) {
                throw new java.time.format.DateTimeParseException("before 1970", value, 0);
            }
            return day;
        } catch (java.time.format.DateTimeParseException e) {
            throw DomainException.invalidField(name, name + " must be a UTC day as YYYY-MM-DD, from 1970-01-01.");
        }
    }

    /** The values of a repeated (or comma-separated) query parameter, blanks left out. */
    static List<String> values(List<String> given) {
        List<String> values = new ArrayList<>();
        for (String value : given == null ? List.<String>of() : given) {
            for (String part : value.split(",")) {
                if (!part.isBlank()) {
                    values.add(part.trim());
                }
            }
        }
        return values;
    }

    private static List<String> allowed(String parameter, List<String> values, List<String> allowed) {
        for (String value : values) {
            if (!allowed.contains(value)) {
                throw DomainException.invalidField(parameter.replace("[]", ""), parameter + " accepts " + String.join(", ", allowed) + ".");
            }
        }
        return values;
    }

    record Window(long from, long to, boolean hasMore, long next) {
    }

    /** The buckets of this page: from starting_at (or the page token) for at most limit buckets, before ending_at. */
    static Window window(String startingAt, String endingAt, String page, String limit, int width, int defaultLimit, int maxLimit) {
        Instant start = time("starting_at", startingAt, true);
        boolean endGiven = endingAt != null && !endingAt.isBlank();
        Instant end = endGiven ? time("ending_at", endingAt, true) : Time.now();
        if (!end.isAfter(start)) {
            throw DomainException.invalid(ErrorCode.INVALID_TIME_RANGE, "ending_at must be after starting_at.");
        }
        int size = limit(limit, defaultLimit, maxLimit, " for this bucket width");
        long first = Math.floorDiv(ReportService.epochMinute(start), width) * width;
        // ending_at given: the buckets that end by then (as documented, none ends after it); not given: up to the bucket of now
        long last = endGiven ? Math.floorDiv(ReportService.epochMinute(end), width) * width
                : Math.floorDiv(ReportService.epochMinute(end) + width - 1, width) * width;
        last = Math.max(last, first);
        first = pageToken(page, first, last, width);
        long to = Math.min(last, first + (long) size * width);
        return new Window(first, to, to < last, to);
    }

    /** {@code limit} as a whole number from 1 to {@code maxLimit}, {@code defaultLimit} when absent; 400 otherwise. */
    static int limit(String limit, int defaultLimit, int maxLimit, String qualifier) {
        if (limit == null || limit.isBlank()) {
            return defaultLimit;
        }
        int size;
        try {
            size = Integer.parseInt(limit.trim());
        } catch (NumberFormatException e) {
            size = -1;
        }
        if (size < 1 || size > maxLimit) {
            throw DomainException.invalid(ErrorCode.INVALID_LIMIT, "limit must be between 1 and " + maxLimit + qualifier + ".");
        }
        return size;
    }

    /** Where a page starts: {@code first} without a token, else the token {@code page_<n>} this report gave (first..last, a multiple of step); 400 otherwise. */
    static long pageToken(String page, long first, long last, long step) {
        if (page == null || page.isBlank()) {
            return first;
        }
        try {
            long token = Long.parseLong(page.startsWith("page_") ? page.substring(5) : "x");
            if (token < first || token > last || token % step != 0) {
                throw new NumberFormatException();
            }
            return token;
        } catch (NumberFormatException e) {
            throw DomainException.invalid(ErrorCode.INVALID_PAGE, "page is not a token this report gave.");
        }
    }

    static JsonObject page(JsonArrayBuilder data, Window window) {
        return page(data, window.hasMore(), window.next());
    }

    /** A report's page: its data, whether more follows, and the token of the next page ({@code page_<next>}). */
    static JsonObject page(JsonArrayBuilder data, boolean hasMore, long next) {
        JsonObjectBuilder body = JsonBuilders.object().add("data", data).add("has_more", hasMore);
        if (hasMore) {
            body.add("next_page", "page_" + next);
        } else {
            body.addNull("next_page");
        }
        return body.build();
    }

    /** The group_by[] values, each one of {@code allowed} (repeated or comma-separated); 400 naming the allowed ones otherwise. */
    static Set<Dimension> groups(List<String> groupBy, Set<Dimension> allowed) {
        Set<Dimension> groups = EnumSet.noneOf(Dimension.class);
        for (String part : values(groupBy)) {
            Dimension dimension = Dimension.fromValue(part).filter(allowed::contains).orElseThrow(() -> DomainException.invalid(
                    ErrorCode.INVALID_GROUP_BY, "group_by[] accepts " + allowed.stream().map(Dimension::value)
                            .collect(java.util.stream.Collectors.joining(", ")) + "."));
            groups.add(dimension);
        }
        return groups;
    }

    /** The row's value of every dimension grouped by, null for the others, in dimension order. */
    static List<String> key(ReportService.Row row, Set<Dimension> groups) {
        return Arrays.stream(Dimension.values()).map(d -> groups.contains(d) ? row.get(d) : null).toList();
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
