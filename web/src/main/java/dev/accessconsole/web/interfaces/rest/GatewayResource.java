package dev.accessconsole.web.interfaces.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import dev.accessconsole.domain.model.ErrorCode;
import dev.accessconsole.authz.api.PlatformCredential;
import dev.accessconsole.domain.application.GatewayService;
import dev.accessconsole.domain.model.DomainException;
import dev.accessconsole.domain.model.Time;
import dev.accessconsole.domain.model.UsageDetail;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.Duration;
import java.time.Instant;

/** What the inference gateway calls: verify an API key, report usage. */
@Path("/gateway")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@PlatformCredential(PlatformCredential.GATEWAY)
public class GatewayResource {

    /** {@code workspace_id}: for a workload's exchanged token, the workspace it is about to be used in. */
    public record VerifyRequest(@Schema(maxLength = 256) String key, @Schema(maxLength = 40) String workspaceId) {
        @Override
        public String toString() {
            return "VerifyRequest[key=…]";
        }
    }

    /** A key: its id, workspace (null: Default) and organization. A workload's exchanged token: its service account and the workspaces it may use. */
    public record VerifiedJson(String type, String apiKeyId, String workspaceId, String organizationId, String serviceAccountId,
                               java.util.List<String> workspaceIds) {
    }

    /**
     * {@code occurred_at} is accepted as another name for {@code timestamp}. Beyond the plain token counts, the event carries
     * what a Messages API response's {@code usage} says (cache writes by lifetime, cache reads, web search requests, service
     * tier, speed, inference geo) and its context window; left out, they are those of a plain request.
     */
    public record UsageEventRequest(@Schema(maxLength = 100) String eventId, @Schema(maxLength = 40) String apiKeyId, @Schema(maxLength = 100) String model,
                                    @Schema(minimum = "0", maximum = "100000000") Long inputTokens,
                                    @Schema(minimum = "0", maximum = "100000000") Long outputTokens, @Schema(maxLength = 64) String timestamp,
                                    @Schema(maxLength = 64) String occurredAt,
                                    @Schema(minimum = "0", maximum = "100000000") Long cacheReadInputTokens,
                                    CacheCreation cacheCreation, ServerToolUse serverToolUse,
                                    @Schema(enumeration = {"standard", "batch", "priority", "priority_on_demand", "flex", "flex_discount"}) String serviceTier,
                                    @Schema(enumeration = {"0-200k", "200k-1M"}) String contextWindow,
                                    @Schema(enumeration = {"global", "us", "not_available"}) String inferenceGeo,
                                    @Schema(enumeration = {"standard", "fast"}) String speed) {
    }

    /** Cache writes by lifetime, as the Messages API's usage names them. */
    public record CacheCreation(@JsonbProperty("ephemeral_1h_input_tokens") @Schema(minimum = "0", maximum = "100000000") Long ephemeral1hInputTokens,
                                @JsonbProperty("ephemeral_5m_input_tokens") @Schema(minimum = "0", maximum = "100000000") Long ephemeral5mInputTokens) {
    }

    public record ServerToolUse(@Schema(minimum = "0", maximum = "100000000") Long webSearchRequests) {
    }

    public record UsageEventJson(String type, String eventId, boolean duplicate, String apiKeyId, String model, long inputTokens,
                                 long outputTokens, Instant timestamp, long cacheReadInputTokens, CacheCreation cacheCreation,
                                 ServerToolUse serverToolUse, String serviceTier, String contextWindow, String inferenceGeo, String speed) {
    }

    private static final long MAX_TOKENS = 100_000_000L;

    @Inject
    GatewayService gateway;

    /** An active, usable key answers its id, workspace and organization; anything else is 401 with no hint why. */
    @POST
    @Path("/api_keys/verify")
    public VerifiedJson verify(VerifyRequest body) {
        VerifyRequest request = Params.body(body);
        if (request.key() != null && request.key().startsWith(dev.accessconsole.domain.model.Secrets.FEDERATED_TOKEN_PREFIX)) {
            var workload = gateway.verifyWorkload(request.key(), Params.blankToNull(request.workspaceId())).orElseThrow(DomainException::invalidApiKey);
            return new VerifiedJson("federated_token_verification", null, workload.workspaceId(), workload.organizationId(),
                    workload.serviceAccountId(), workload.workspaceIds());
        }
        var verified = gateway.verify(request.key()).orElseThrow(DomainException::invalidApiKey);
        return new VerifiedJson("api_key_verification", verified.apiKeyId(), verified.defaultWorkspace() ? null : verified.workspaceId(),
                verified.organizationId(), null, null);
    }

    /** Records usage once per event_id: a retry answers the first recording with duplicate=true and counts nothing. */
    @POST
    @Path("/usage_events")
    public UsageEventJson recordUsage(UsageEventRequest body) {
        UsageEventRequest request = Params.body(body);
        String eventId = required("event_id", request.eventId(), 100);
        String apiKeyId = required("api_key_id", request.apiKeyId(), 40);
        String model = required("model", request.model(), 100);
        long input = tokens("input_tokens", request.inputTokens());
        long output = tokens("output_tokens", request.outputTokens());
        String when = request.timestamp() != null ? request.timestamp() : request.occurredAt();
        Instant at = when == null ? null : Params.time("timestamp", when);
        // usage is reported as it happens: at most a year late, never ahead of the clock (beyond a little skew)
        Instant now = Time.now();
        if (at != null && (at.isBefore(now.minus(Duration.ofDays(366))) || at.isAfter(now.plus(Duration.ofMinutes(5))))) {
            throw DomainException.invalid(ErrorCode.INVALID_TIMESTAMP, "timestamp must be within the last 366 days and not in the future.");
        }
        UsageDetail plain = UsageDetail.PLAIN;
        CacheCreation cache = request.cacheCreation();
        UsageDetail detail = new UsageDetail(
                request.serviceTier() == null ? plain.serviceTier() : request.serviceTier(),
                request.contextWindow() == null ? plain.contextWindow() : request.contextWindow(),
                request.inferenceGeo() == null ? plain.inferenceGeo() : request.inferenceGeo(),
                request.speed() == null ? plain.speed() : request.speed(),
                optionalTokens("cache_creation.ephemeral_1h_input_tokens", cache == null ? null : cache.ephemeral1hInputTokens()),
                optionalTokens("cache_creation.ephemeral_5m_input_tokens", cache == null ? null : cache.ephemeral5mInputTokens()),
                optionalTokens("cache_read_input_tokens", request.cacheReadInputTokens()),
                optionalTokens("server_tool_use.web_search_requests", request.serverToolUse() == null ? null : request.serverToolUse().webSearchRequests()));
        var recorded = gateway.record(eventId, apiKeyId, model, input, output, at, detail);
        var event = recorded.event();
        UsageDetail recordedDetail = event.detail();
        return new UsageEventJson("usage_event", event.eventId(), recorded.duplicate(), event.apiKeyId(), event.model(),
                event.inputTokens(), event.outputTokens(), event.occurredAt(), recordedDetail.cacheReadTokens(),
                new CacheCreation(recordedDetail.cacheCreation1hTokens(), recordedDetail.cacheCreation5mTokens()),
                new ServerToolUse(recordedDetail.webSearchRequests()), recordedDetail.serviceTier(), recordedDetail.contextWindow(),
                recordedDetail.inferenceGeo(), recordedDetail.speed());
    }

    private static long optionalTokens(String field, Long value) {
        return value == null ? 0 : tokens(field, value);
    }

    private static String required(String field, String value, int max) {
        if (value == null || value.isBlank() || value.length() > max) {
            throw DomainException.invalidField(field, field + " is required (at most " + max + " characters).");
        }
        return value;
    }

    private static long tokens(String field, Long value) {
        if (value == null || value < 0 || value > MAX_TOKENS) {
            throw DomainException.invalidField(field, field + " must be a whole number from 0 to " + MAX_TOKENS + ".");
        }
        return value;
    }

}
