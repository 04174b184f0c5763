package dev.accessconsole.web.interfaces.rest.json;

import dev.accessconsole.domain.application.SpendLimitService;
import dev.accessconsole.domain.model.Actor;
import dev.accessconsole.domain.model.Money;
import dev.accessconsole.domain.model.SpendLimit;
import dev.accessconsole.domain.model.SpendLimitIncreaseRequest;
import dev.accessconsole.domain.model.UserAccount;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** A spend limit in the official API's shape ({@code BetaSpendLimit}); amounts in US dollars as decimal strings. */
public record SpendLimitJson(String type, String id, String amount, String currency, boolean isEnabled, String period,
                             Map<String, Object> scope, Instant createdAt, Instant updatedAt) {

    public static final String CURRENCY = "USD";

    public static SpendLimitJson of(SpendLimit limit) {
        return new SpendLimitJson("spend_limit", limit.id(), Money.format(limit.amountCents()), CURRENCY, limit.enabled(),
                limit.period().value(), scope(limit.scope()), limit.createdAt(), limit.updatedAt());
    }

    /** A scope as the official union writes it: {@code {"type":"workspace","workspace_id":…}}. */
    public static Map<String, Object> scope(SpendLimit.Scope scope) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", scope.type().value());
        switch (scope.type()) {
            case WORKSPACE -> json.put("workspace_id", scope.id());
            case USER -> json.put("user_id", scope.id());
            default -> {
            }
        }
        return json;
    }

    /** An actor of the official union: a member ({@code user_actor}) or an API key ({@code scoped_api_key_actor}). */
    public static Map<String, Object> actor(SpendLimitService.SpendActor actor) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", actor.type());
        if (actor.user() != null) {
            json.put("user_id", actor.user().id());
            json.put("deleted", false);
            json.put("email_address", actor.user().email());
            json.put("name", actor.user().name());
        } else {
            json.put("scoped_api_key_id", actor.id());
        }
        return json;
    }

    static Map<String, Object> actor(Actor actor, UserAccount user) {
        if (actor == null) {
            return null;
        }
        if (user != null) {
            return actor(SpendLimitService.SpendActor.user(user));
        }
        return actor(SpendLimitService.SpendActor.apiKey(actor.id()));
    }

    /** An actor's applying limit ({@code BetaSpendSummary}). */
    public record Summary(Map<String, Object> actor, String amount, String currency, String period, String periodToDateSpend,
                          Map<String, Object> scope, Map<String, Object> source, String spendLimitId) {

        public static Summary of(SpendLimitService.Summary summary) {
            SpendLimit limit = summary.applying().limit();
            return new Summary(SpendLimitJson.actor(summary.actor()), Money.format(limit.amountCents()), CURRENCY, limit.period().value(),
                    Money.format(summary.applying().spentCents()), SpendLimitJson.scope(summary.scope()), SpendLimitJson.scope(limit.scope()), limit.id());
        }
    }

    /**
     * An increase request ({@code BetaSpendLimitIncreaseRequest}; with {@code spend_limit} the approve answer), and this
     * product's own fields: the limit it asks about, the amount asked, the reason, the amount approved.
     */
    public record IncreaseRequest(String type, String id, Map<String, Object> actor, Instant createdAt, String period, Instant resolvedAt,
                                  Map<String, Object> resolvedBy, Summary spendSummary, String status, String spendLimitId,
                                  String requestedAmount, String reason, String approvedAmount, String periodToDateSpendWhenAsked,
                                  SpendLimitJson spendLimit) {

        public static IncreaseRequest of(SpendLimitService.IncreaseRequest view) {
            SpendLimitIncreaseRequest request = view.request();
            return new IncreaseRequest("spend_limit_increase_request", request.id(),
                    SpendLimitJson.actor(Actor.user(request.requesterId()), view.requester()), request.createdAt(), request.period().value(),
                    request.resolvedAt(), SpendLimitJson.actor(request.resolvedBy(), view.resolver()), view.summary().map(Summary::of).orElse(null),
                    request.status().value(), request.spendLimitId(), Money.format(request.requestedAmountCents()), request.reason(),
                    Money.format(request.approvedAmountCents()), Money.format(request.spendCents()),
                    view.limit().map(SpendLimitJson::of).orElse(null));
        }
    }

    /** A member's own view: a limit that applies to them, what has been spent against it, whether it is reached and until when. */
    public record Mine(SpendLimitJson spendLimit, String periodToDateSpend, boolean reached, Instant resetsAt) {

        public static Mine of(SpendLimitService.Spend spend) {
            return new Mine(SpendLimitJson.of(spend.limit()), Money.format(spend.spentCents()), spend.reached(), spend.resetsAt());
        }
    }
}
