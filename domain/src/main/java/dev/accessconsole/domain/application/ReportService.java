package dev.accessconsole.domain.application;

import dev.accessconsole.authz.api.WorkspaceScope;
import dev.accessconsole.domain.infrastructure.persistence.WorkspaceScopes;
import dev.accessconsole.domain.model.ApiKey;
import dev.accessconsole.domain.model.UserAccount;
import dev.accessconsole.domain.model.Workspace;
import dev.accessconsole.domain.model.WorkspaceRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Usage aggregated in the database, by time bucket and every dimension the Admin API's usage report groups by. A caller
 * sees the rows of the workspaces of the scope the policy derives for usage:read / cost:read (org admins and billing:
 * every row, Claude Code spend included, as Claude Code's documentation sends them there).
 */
@ApplicationScoped
public class ReportService {

    /** What a report groups and filters by: its name in the API and the property of the usage entities. */
    public enum Dimension {
        API_KEY_ID("apiKeyId"), WORKSPACE_ID("workspaceId"), MODEL("model"), SERVICE_TIER("serviceTier"),
        CONTEXT_WINDOW("contextWindow"), INFERENCE_GEO("inferenceGeo"), SPEED("speed"), ACCOUNT_ID("accountId"),
        SERVICE_ACCOUNT_ID("serviceAccountId");

        private final String property;
        private final String value;

        Dimension(String property) {
            this.property = property;
            this.value = name().toLowerCase(java.util.Locale.ROOT);
        }

        /** As the API spells it: {@code api_key_id}, {@code service_tier}, … (written once per row field of a report) */
        public String value() {
            return value;
        }

        public static java.util.Optional<Dimension> fromValue(String value) {
            return Arrays.stream(values()).filter(d -> d.value().equals(value)).findFirst();
        }
    }

    /** Token and request sums. */
    public record Sums(long uncachedInputTokens, long outputTokens, long cacheCreation1hTokens, long cacheCreation5mTokens,
                       long cacheReadTokens, long webSearchRequests) {
        public Sums plus(Sums other) {
            return new Sums(uncachedInputTokens + other.uncachedInputTokens, outputTokens + other.outputTokens,
                    cacheCreation1hTokens + other.cacheCreation1hTokens, cacheCreation5mTokens + other.cacheCreation5mTokens,
                    cacheReadTokens + other.cacheReadTokens, webSearchRequests + other.webSearchRequests);
        }
    }

    /**
     * One aggregated row: bucket start (epoch minutes), the value of every dimension (the workspace null for Default, the
     * account and service account null when the key has none) and the sums.
     */
    public record Row(long bucketStartMinute, Map<Dimension, String> dimensions, Sums sums) {
        public String get(Dimension dimension) {
            return dimensions.get(dimension);
        }
    }

    /**
     * The buckets [from, to) of the given width, the dimensions the rows are told apart by (the others are summed over and
     * null in the rows: a report groups in the database by what it shows, no finer), and the values each dimension is
     * restricted to (absent or empty: any).
     */
    public record Query(long fromMinute, long toMinute, int bucketMinutes, Set<Dimension> dimensions, Map<Dimension, List<String>> filters) {
        public Query {
            dimensions = dimensions == null || dimensions.isEmpty() ? EnumSet.noneOf(Dimension.class) : EnumSet.copyOf(dimensions);
            filters = filters == null ? Map.of() : Map.copyOf(filters);
        }
    }

    /**
     * One Claude Code actor's day: a member ({@code user_actor}, by email) or an API key ({@code api_actor}, by name), with
     * its usage and estimated cost (US cents) by model, models sorted.
     */
    public record ClaudeCodeActor(String type, String emailAddress, String apiKeyName, Map<String, ModelUsage> byModel) {
    }

    /** What one actor used of one model in a day, and what it is estimated to cost in US cents. */
    public record ModelUsage(Sums sums, java.math.BigDecimal costCents) {
        ModelUsage plus(ModelUsage other) {
            return new ModelUsage(sums.plus(other.sums), costCents.add(other.costCents));
        }
    }

    @Inject
    WorkspaceRepository workspaces;

    @Inject
    PriceTable prices;

    @PersistenceContext(unitName = "access-console")
    EntityManager em;

    private static final String SUMS = "sum(e.inputTokens), sum(e.outputTokens), sum(e.cacheCreation1hTokens), sum(e.cacheCreation5mTokens),"
            + " sum(e.cacheReadTokens), sum(e.webSearchRequests)";

    /** Aggregates the usage of the organization's workspaces in {@code scope} (where the policy grants the caller usage:read or cost:read). */
    @Transactional
    public List<Row> aggregate(String organizationId, WorkspaceScope scope, Query query) {
        return aggregate(organizationId, scope, query, workspaces.defaultWorkspace(organizationId).map(Workspace::id).orElse(null));
    }

    private List<Row> aggregate(String organizationId, WorkspaceScope scope, Query query, String defaultId) {
        if (query.bucketMinutes() != 1 && query.bucketMinutes() != 60 && query.bucketMinutes() != 1440) {
            throw new IllegalArgumentException("bucket width");
        }
        // whole UTC days are read from the daily sums (thousands of rows for a month, not every event); anything finer, or
        // a window that does not start and end on a day boundary, from the events
        boolean daily = query.bucketMinutes() == 1440 && query.fromMinute() % 1440 == 0 && query.toMinute() % 1440 == 0;
        // the bucket width is one of three literals, inlined so that the grouped expression is identical in select and group by
        String bucket = daily ? "e.epochDay" : "(e.epochMinute / " + query.bucketMinutes() + ")";
        List<Dimension> grouped = List.copyOf(query.dimensions());
        String dimensions = grouped.stream().map(d -> ", e." + d.property).collect(Collectors.joining());
        StringBuilder jpql = new StringBuilder("select " + bucket + dimensions + ", " + SUMS
                + (daily ? " from UsageDaily e where e.organizationId = :org and e.epochDay >= :from and e.epochDay < :to"
                : " from UsageEvent e where e.organizationId = :org and e.epochMinute >= :from and e.epochMinute < :to"));
        if (!scope.isAll()) {
            jpql.append(" and e.workspaceId in (select w.id from Workspace w where w.organization.id = :org")
                    .append(WorkspaceScopes.predicate("w", scope)).append(")");
        }
        Map<Dimension, List<String>> filters = new EnumMap<>(Dimension.class);
        query.filters().forEach((dimension, values) -> {
            if (values != null && !values.isEmpty()) {
                filters.put(dimension, dimension == Dimension.WORKSPACE_ID
                        // the Default workspace shows as null in reports, and is named so in the filter
                        ? values.stream().map(id -> id == null || id.isBlank() || id.equals("null") ? defaultId : id).toList()
                        : List.copyOf(values));
            }
        });
        filters.keySet().forEach(d -> jpql.append(" and e.").append(d.property).append(" in :f_").append(d.property));
        jpql.append(" group by ").append(bucket).append(dimensions);
        TypedQuery<Object[]> q = WorkspaceScopes.bind(em.createQuery(jpql.toString(), Object[].class), scope)
                .setParameter("org", organizationId)
                .setParameter("from", daily ? query.fromMinute() / 1440 : query.fromMinute())
                .setParameter("to", daily ? query.toMinute() / 1440 : query.toMinute());
        filters.forEach((d, values) -> q.setParameter("f_" + d.property, values));
        List<Row> rows = new ArrayList<>();
        int n = grouped.size();
        for (Object[] r : q.getResultList()) {
            long bucketIndex = ((Number) r[0]).longValue();
            Map<Dimension, String> values = new EnumMap<>(Dimension.class);
            for (int i = 0; i < n; i++) {
                Dimension d = grouped.get(i);
                String value = (String) r[1 + i];
                boolean none = value == null || value.isEmpty() || (d == Dimension.WORKSPACE_ID && value.equals(defaultId));
                values.put(d, none ? null : value);
            }
            rows.add(new Row(bucketIndex * query.bucketMinutes(), Collections.unmodifiableMap(values), new Sums(
                    number(r[n + 1]), number(r[n + 2]), number(r[n + 3]), number(r[n + 4]), number(r[n + 5]), number(r[n + 6]))));
        }
        return rows;
    }

    /**
     * One UTC day of the Claude Code workspace, by actor: a key bound to a member (Claude Code sign-in) is that member, any
     * other key is itself. Only rows of {@code scope} (where the policy lets the caller read usage). A member is named by
     * email only to a caller who may know who is in the organization ({@code mayNameMembers}, members:manage) or to the
     * member themself; to anyone else a member's usage shows as that of their bound key, named without personal data.
     * Sorted by actor, so that pages are stable.
     */
    @Transactional
    public List<ClaudeCodeActor> claudeCodeDay(String organizationId, WorkspaceScope scope, long epochDay, boolean mayNameMembers,
                                               String callerId) {
        String claudeCode = workspaces.claudeCodeWorkspace(organizationId).map(Workspace::id).orElse(null);
        if (claudeCode == null) {
            return List.of();
        }
        String defaultId = workspaces.defaultWorkspace(organizationId).map(Workspace::id).orElse(null);
        List<Row> rows = aggregate(organizationId, scope, new Query(epochDay * 1440, (epochDay + 1) * 1440, 1440,
                EnumSet.of(Dimension.API_KEY_ID, Dimension.ACCOUNT_ID, Dimension.MODEL, Dimension.SERVICE_TIER, Dimension.CONTEXT_WINDOW),
                Map.of(Dimension.WORKSPACE_ID, List.of(claudeCode))), defaultId);
        Map<String, ClaudeCodeActor> actors = new TreeMap<>();
        for (Row row : rows) {
            String account = row.get(Dimension.ACCOUNT_ID);
            UserAccount user = account == null ? null : em.find(UserAccount.class, account);
            ClaudeCodeActor actor;
            if (user != null && (mayNameMembers || user.id().equals(callerId))) {
                actor = actors.computeIfAbsent("user:" + user.email() + ":" + user.id(),
                        k -> new ClaudeCodeActor("user_actor", user.email(), null, new TreeMap<>()));
            } else {
                ApiKey key = em.find(ApiKey.class, row.get(Dimension.API_KEY_ID));
                String name = key == null ? row.get(Dimension.API_KEY_ID) : key.name();
                actor = actors.computeIfAbsent("key:" + name + ":" + row.get(Dimension.API_KEY_ID),
                        k -> new ClaudeCodeActor("api_actor", null, name, new TreeMap<>()));
            }
            actor.byModel().merge(row.get(Dimension.MODEL), new ModelUsage(row.sums(), prices.cost(row.get(Dimension.MODEL),
                    row.get(Dimension.SERVICE_TIER), row.get(Dimension.CONTEXT_WINDOW), row.sums())), ModelUsage::plus);
        }
        return List.copyOf(actors.values());
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    public static long epochMinute(Instant instant) {
        return Math.floorDiv(instant.getEpochSecond(), 60);
    }

}
