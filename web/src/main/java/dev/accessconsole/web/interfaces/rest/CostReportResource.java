package dev.accessconsole.web.interfaces.rest;

import dev.accessconsole.domain.model.JsonBuilders;
import dev.accessconsole.authz.api.Permission;
import dev.accessconsole.domain.model.ErrorCode;
import dev.accessconsole.authz.api.AccessContext;
import dev.accessconsole.authz.api.Permissions;
import dev.accessconsole.authz.api.RequiresPermission;
import dev.accessconsole.domain.application.PriceTable;
import dev.accessconsole.domain.application.ReportService;
import dev.accessconsole.domain.application.ReportService.Dimension;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.accessconsole.web.interfaces.rest.ReportsResource.cents;
import static dev.accessconsole.web.interfaces.rest.ReportsResource.instant;
import static dev.accessconsole.web.interfaces.rest.ReportsResource.page;
import static dev.accessconsole.web.interfaces.rest.ReportsResource.text;
import static dev.accessconsole.web.interfaces.rest.ReportsResource.window;

/** The Admin API's cost report: daily buckets of cost in US cents (decimal strings), from the configured price table. The Default workspace shows as null. */
@Path("/organizations/cost_report")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class CostReportResource {

    private static final List<String> COST_GROUPS = List.of("workspace_id", "description", "inference_geo", "speed");

    @Inject
    ReportService reports;

    @Inject
    PriceTable prices;

    @Inject
    AccessContext access;

    /**
     * Cost items per day: grouped by description, one item per model, service tier, context window and token kind (cost
     * type tokens), and one for web search requests (cost type web_search); the fields of what is not grouped are null.
     */
    @GET
    @RequiresPermission(value = Permissions.COST_READ, inAnyWorkspace = true)
    public JsonObject costReport(@QueryParam("starting_at") String startingAt, @QueryParam("ending_at") String endingAt,
                                 @QueryParam("bucket_width") String bucketWidth, @QueryParam("limit") String limit,
                                 @QueryParam("page") String page, @QueryParam("group_by[]") List<String> groupBy,
                                 @QueryParam("workspace_ids[]") List<String> workspaceIds) {
        if (bucketWidth != null && !bucketWidth.isBlank() && !bucketWidth.equals("1d")) {
            throw DomainException.invalid(ErrorCode.INVALID_BUCKET_WIDTH, "cost_report buckets are 1d.");
        }
        ReportsResource.Window window = window(startingAt, endingAt, page, limit, 1440, 7, 31);
        Set<String> groups = new java.util.HashSet<>();
        for (String group : ReportsResource.values(groupBy)) {
            if (!COST_GROUPS.contains(group)) {
                throw DomainException.invalid(ErrorCode.INVALID_GROUP_BY, "group_by[] accepts " + String.join(", ", COST_GROUPS) + ".");
            }
            groups.add(group);
        }
        boolean byDescription = groups.contains("description");
        // prices depend on model, tier and context window: rows are told apart by those and by what is grouped by
        java.util.EnumSet<Dimension> dimensions = java.util.EnumSet.of(Dimension.MODEL, Dimension.SERVICE_TIER, Dimension.CONTEXT_WINDOW);
        for (String group : groups) {
            if (!group.equals("description")) {
                dimensions.add(Dimension.fromValue(group).orElseThrow());
            }
        }
        var rows = reports.aggregate(access.organizationId(), access.reportScope(Permission.COST_READ), new ReportService.Query(window.from(),
                window.to(), 1440, dimensions, Map.of(Dimension.WORKSPACE_ID, ReportsResource.values(workspaceIds))));

        Map<Long, List<ReportService.Row>> byBucket = rows.stream()
                .collect(java.util.stream.Collectors.groupingBy(ReportService.Row::bucketStartMinute));
        JsonArrayBuilder data = JsonBuilders.array();
        for (long bucket = window.from(); bucket < window.to(); bucket += 1440) {
            // key: workspace, inference geo, speed, then (by description) cost type, model, service tier, context window,
            // token type, description
            Map<List<String>, BigDecimal> sums = new LinkedHashMap<>();
            for (ReportService.Row row : byBucket.getOrDefault(bucket, List.of())) {
                List<String> common = java.util.Arrays.asList(groups.contains("workspace_id") ? row.get(Dimension.WORKSPACE_ID) : null,
                        groups.contains("inference_geo") ? row.get(Dimension.INFERENCE_GEO) : null,
                        groups.contains("speed") ? row.get(Dimension.SPEED) : null);
                String model = row.get(Dimension.MODEL);
                String tier = row.get(Dimension.SERVICE_TIER);
                String contextWindow = row.get(Dimension.CONTEXT_WINDOW);
                ReportService.Sums s = row.sums();
                for (PriceTable.TokenType type : PriceTable.TokenType.values()) {
                    long tokens = type.tokensIn(s);
                    if (tokens > 0) {
                        sums.merge(key(common, byDescription ? new String[]{"tokens", model, tier, contextWindow, type.value(), type.describe(model)} : null),
                                prices.tokenCost(model, type, tier, contextWindow, tokens), BigDecimal::add);
                    }
                }
                if (s.webSearchRequests() > 0) {
                    sums.merge(key(common, byDescription ? new String[]{"web_search", null, null, null, null, "Web Search Usage"} : null),
                            prices.webSearchCost(s.webSearchRequests()), BigDecimal::add);
                }
            }
            JsonArrayBuilder results = JsonBuilders.array();
            sums.forEach((key, amount) -> {
                JsonObjectBuilder result = JsonBuilders.object().add("currency", "USD").add("amount", cents(amount));
                text(result, "workspace_id", key.get(0));
                text(result, "inference_geo", key.get(1));
                text(result, "speed", key.get(2));
                text(result, "cost_type", key.get(3));
                text(result, "model", key.get(4));
                text(result, "service_tier", key.get(5));
                text(result, "context_window", key.get(6));
                text(result, "token_type", key.get(7));
                text(result, "description", key.get(8));
                results.add(result);
            });
            data.add(JsonBuilders.object().add("starting_at", instant(bucket)).add("ending_at", instant(bucket + 1440)).add("results", results));
        }
        return page(data, window);
    }

    private static List<String> key(List<String> common, String[] item) {
        List<String> key = new java.util.ArrayList<>(common);
        key.addAll(item == null ? java.util.Collections.nCopies(6, null) : java.util.Arrays.asList(item));
        return key;
    }
}
