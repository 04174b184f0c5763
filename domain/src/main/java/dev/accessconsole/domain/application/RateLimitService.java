package dev.accessconsole.domain.application;

import dev.accessconsole.domain.model.ErrorCode;
import dev.accessconsole.domain.model.Actor;
import dev.accessconsole.domain.model.DomainException;
import dev.accessconsole.domain.model.Limits;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The Admin API's rate limits, mapped onto the product's limits: one rate-limit group, every model, whose limiters are
 * the per-minute limits (requests, input tokens, output tokens). Organization values are set by platform support;
 * workspace overrides by workspace:manage through {@link LimitsService}, never above the organization's.
 */
@ApplicationScoped
public class RateLimitService {

    /** The one rate-limit entry of an organization: every model, in one model group. */
    public static final String RATE_LIMIT_ID = "ratelimit_all_models";
    public static final String GROUP_ID = "all_models";
    public static final String GROUP_NAME = "All models";

    /** A limiter type and how it reads a {@link Limits} value. */
    public enum Limiter {
        REQUESTS_PER_MINUTE("requests_per_minute", Limits::requestsPerMinute),
        INPUT_TOKENS_PER_MINUTE("input_tokens_per_minute", Limits::inputTokensPerMinute),
        OUTPUT_TOKENS_PER_MINUTE("output_tokens_per_minute", Limits::outputTokensPerMinute);

        private final String type;
        private final Function<Limits, Long> read;

        Limiter(String type, Function<Limits, Long> read) {
            this.type = type;
            this.read = read;
        }

        public String type() {
            return type;
        }

        Long of(Limits limits) {
            return limits == null ? null : read.apply(limits);
        }

        static Limiter ofType(String type) {
            for (Limiter limiter : values()) {
                if (limiter.type.equals(type)) {
                    return limiter;
                }
            }
            throw DomainException.invalidField("limits", "type must be one of requests_per_minute, input_tokens_per_minute,"
                    + " output_tokens_per_minute: the limiters this product enforces.");
        }
    }

    /** One limiter's value in an entry; for a workspace, its source and the organization's value. */
    public record Value(String type, long value, Long organizationValue, boolean fromWorkspace) {
    }

    /** One rate-limit entry: the group's models and its limiter values. */
    public record Entry(String rateLimitId, String workspaceId, List<String> models, List<Value> limits) {
    }

    @Inject
    LimitsService limitsService;

    @Inject
    PriceTable prices;

    @Inject
    OrganizationService organizations;

    /** The organization's entries: the one model group, unless a filter names another group type or a model it lacks. */
    @Transactional
    public List<Entry> organization(String organizationId, String groupType, String model) {
        if (!matches(groupType, model)) {
            if (model != null) {
                throw DomainException.notFound("rate limit for model " + model);
            }
            return List.of();
        }
        Limits limits = organizations.get(organizationId).limits();
        List<Value> values = new ArrayList<>();
        for (Limiter limiter : Limiter.values()) {
            Long value = limiter.of(limits);
            if (value != null) {
                values.add(new Value(limiter.type(), value, null, false));
            }
        }
        return List.of(new Entry(RATE_LIMIT_ID, null, prices.models(), values));
    }

    /** A workspace's entries: its overrides, and with {@code inherited} the organization's values it does not override. */
    @Transactional
    public List<Entry> workspace(String organizationId, String workspaceId, String groupType, boolean inherited) {
        if (!matches(groupType, null)) {
            return List.of();
        }
        LimitsService.WorkspaceLimits limits = limitsService.get(organizationId, workspaceId);
        Entry entry = entry(limits, inherited);
        return entry.limits().isEmpty() && !inherited ? List.of() : List.of(entry);
    }

    /** Sets (a number) or clears (null) the named limiters of a workspace; the others keep their value. */
    @Transactional
    public Entry set(Actor actor, String organizationId, String workspaceId, String rateLimitId, Map<String, Long> changes) {
        if (!RATE_LIMIT_ID.equals(rateLimitId)) {
            throw DomainException.notFound("rate limit");
        }
        if (changes.isEmpty() || changes.size() > 16) {
            throw DomainException.invalidField("limits", "limits names 1 to 16 limiters to set or clear.");
        }
        Map<Limiter, Long> named = new LinkedHashMap<>();
        changes.forEach((type, value) -> named.put(Limiter.ofType(type), value));
        Limits own = limitsService.get(organizationId, workspaceId).own();
        Limits next = new Limits(own == null ? null : own.monthlySpendCents(),
                named.containsKey(Limiter.REQUESTS_PER_MINUTE) ? named.get(Limiter.REQUESTS_PER_MINUTE) : Limiter.REQUESTS_PER_MINUTE.of(own),
                named.containsKey(Limiter.INPUT_TOKENS_PER_MINUTE) ? named.get(Limiter.INPUT_TOKENS_PER_MINUTE) : Limiter.INPUT_TOKENS_PER_MINUTE.of(own),
                named.containsKey(Limiter.OUTPUT_TOKENS_PER_MINUTE) ? named.get(Limiter.OUTPUT_TOKENS_PER_MINUTE) : Limiter.OUTPUT_TOKENS_PER_MINUTE.of(own));
        return entry(limitsService.set(actor, organizationId, workspaceId, next), false);
    }

    private Entry entry(LimitsService.WorkspaceLimits limits, boolean inherited) {
        List<Value> values = new ArrayList<>();
        for (Limiter limiter : Limiter.values()) {
            Long own = limiter.of(limits.own());
            Long organization = limiter.of(limits.organization());
            if (own != null) {
                values.add(new Value(limiter.type(), own, organization, true));
            } else if (inherited && organization != null) {
                values.add(new Value(limiter.type(), organization, organization, false));
            }
        }
        return new Entry(RATE_LIMIT_ID, limits.workspace().id(), prices.models(), values);
    }

    private boolean matches(String groupType, String model) {
        if (groupType != null && !groupType.equals("model_group")) {
            if (!List.of("batch", "files", "skills", "token_count", "web_search").contains(groupType)) {
                throw DomainException.invalid(ErrorCode.INVALID_REQUEST,
                        "group_type must be one of batch, files, model_group, skills, token_count, web_search.");
            }
            return false;
        }
        return model == null || prices.models().contains(model);
    }
}
