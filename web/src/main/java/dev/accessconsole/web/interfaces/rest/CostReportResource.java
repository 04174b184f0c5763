package dev.accessconsole.web.interfaces.rest;

import dev.accessconsole.domain.model.JsonBuilders;
import dev.accessconsole.authz.api.Permission;
import dev.accessconsole.authz.api.ErrorCode;
import dev.accessconsole.authz.api.AccessContext;
import dev.accessconsole.authz.api.Permissions;
import dev.accessconsole.authz.api.RequiresPermission;
import dev.accessconsole.domain.application.PriceTable;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.accessconsole.web.interfaces.rest.ReportsResource.cents;
import static dev.accessconsole.web.interfaces.rest.ReportsResource.groups;
import static dev.accessconsole.web.interfaces.rest.ReportsResource.instant;
import static dev.accessconsole.web.interfaces.rest.ReportsResource.page;
import static dev.accessconsole.web.interfaces.rest.ReportsResource.text;
import static dev.accessconsole.web.interfaces.rest.ReportsResource.window;

/** The Admin API's cost report: daily buckets of cost in US cents (decimal strings), from the configured price table. */
@Path("/organizations/cost_report")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class CostReportResource {

    private static final Set<String> COST_GROUPS = Set.of("workspace_id", "description");

    @Inject
    ReportService reports;

    @Inject
    PriceTable prices;

    @Inject
    AccessContext access;

    @GET
    @RequiresPermission(Permissions.ORGANIZATION_READ)
    public JsonObject costReport(@QueryParam("starting_at") String startingAt, @QueryParam("ending_at") String endingAt,
                                 @QueryParam("bucket_width") String bucketWidth, @QueryParam("limit") String limit,
                                 @QueryParam("page") String page, @QueryParam("group_by[]") List<String> groupBy,
                                 @QueryParam("workspace_ids[]") List<String> workspaceIds) {
        if (bucketWidth != null && !bucketWidth.isBlank() && !bucketWidth.equals("1d")) {
            throw DomainException.invalid(ErrorCode.INVALID_BUCKET_WIDTH, "cost_report buckets are 1d.");
        }
        ReportsResource.Window window = window(startingAt, endingAt, page, limit, 1440, 7, 31);
        Set<String> groups = groups(groupBy, COST_GROUPS);
        boolean byDescription = groups.contains("description");
        var rows = reports.aggregate(access.organizationId(), access.reportScope(Permission.COST_READ), new ReportService.Query(window.from(), window.to(), 1440, workspaceIds, null, null));

        Map<Long, List<ReportService.Row>> byBucket = rows.stream()
                .collect(java.util.stream.Collectors.groupingBy(ReportService.Row::bucketStartMinute));
        JsonArrayBuilder data = JsonBuilders.array();
        for (long bucket = window.from(); bucket < window.to(); bucket += 1440) {
            Map<List<String>, BigDecimal> sums = new LinkedHashMap<>();
            for (ReportService.Row row : byBucket.getOrDefault(bucket, List.of())) {
                String workspace = groups.contains("workspace_id") ? row.workspaceId() : null;
                if (byDescription) {
                    sums.merge(java.util.Arrays.asList(workspace, row.model(), "uncached_input_tokens"), prices.inputCost(row.model(), row.inputTokens()), BigDecimal::add);
                    sums.merge(java.util.Arrays.asList(workspace, row.model(), "output_tokens"), prices.outputCost(row.model(), row.outputTokens()), BigDecimal::add);
                } else {
                    sums.merge(java.util.Arrays.asList(workspace, null, null),
                            prices.inputCost(row.model(), row.inputTokens()).add(prices.outputCost(row.model(), row.outputTokens())), BigDecimal::add);
                }
            }
            JsonArrayBuilder results = JsonBuilders.array();
            sums.forEach((key, amount) -> {
                JsonObjectBuilder result = JsonBuilders.object().add("currency", "USD").add("amount", cents(amount));
                text(result, "workspace_id", key.get(0));
                if (byDescription) {
                    String tokenType = key.get(2);
                    result.add("description", key.get(1) + (tokenType.equals("output_tokens") ? " output tokens" : " input tokens"))
                            .add("cost_type", "tokens").add("model", key.get(1)).add("token_type", tokenType);
                } else {
                    result.addNull("description").addNull("cost_type").addNull("model").addNull("token_type");
                }
                result.addNull("context_window").addNull("service_tier");
                results.add(result);
            });
            data.add(JsonBuilders.object().add("starting_at", instant(bucket)).add("ending_at", instant(bucket + 1440)).add("results", results));
        }
        return page(data, window);
    }
}
