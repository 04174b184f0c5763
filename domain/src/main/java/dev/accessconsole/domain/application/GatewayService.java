package dev.accessconsole.domain.application;

import dev.accessconsole.domain.model.ErrorCode;
import dev.accessconsole.authz.api.WorkspaceKind;
import dev.accessconsole.authz.api.AccessDecisions;
import dev.accessconsole.domain.model.ApiKey;
import dev.accessconsole.domain.model.DomainException;
import dev.accessconsole.domain.model.OrganizationMember;
import dev.accessconsole.domain.model.OrganizationRepository;
import dev.accessconsole.domain.model.Secrets;
import dev.accessconsole.domain.model.Time;
import dev.accessconsole.domain.model.UsageDetail;
import dev.accessconsole.domain.model.UsageEvent;
import dev.accessconsole.domain.model.WorkspaceMember;
import dev.accessconsole.domain.model.WorkspaceRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.Optional;

/**
 * What the inference gateway asks: is this key good right now, and here is usage to count. A key is good when it
 * is active, its workspace is not archived, and, for a key bound to a member, that member still belongs to the
 * organization and can still enter the workspace. A good key is refused while a spend limit that applies to it is reached.
 */
@ApplicationScoped
public class GatewayService {

    @Inject
    AccessDecisions decisions;

    public record VerifiedKey(String apiKeyId, String workspaceId, String organizationId, boolean defaultWorkspace) {
    }

    public record Recorded(UsageEvent event, boolean duplicate) {
    }

    @Inject
    OrganizationRepository organizations;

    @Inject
    WorkspaceRepository workspaces;

    @Inject
    UsageRecorder recorder;

    @Inject
    MemberRoles memberRoles;

    @Inject
    dev.accessconsole.domain.model.ServiceAccountRepository serviceAccounts;

    @Inject
    ServiceAccountService serviceAccountService;

    @Inject
    SpendLimitService spendLimits;

    @Inject
    FederationService federation;

    /** A workload's exchanged token: its service account, organization, and the workspaces it may use ({@code workspaceId} among them when asked). */
    public record VerifiedWorkload(String tokenId, String serviceAccountId, String organizationId, java.util.List<String> workspaceIds,
                                   String workspaceId) {
    }

    /**
     * An access token a workload exchanged (federation), as it stands now; with {@code workspaceId}, good only when that
     * workspace is one of its rule's that its service account may use, and refused (429) while a spend limit of that
     * workspace or the organization is reached.
     */
    @Transactional
    public Optional<VerifiedWorkload> verifyWorkload(String secret, String workspaceId) {
        Optional<FederationService.VerifiedToken> token = federation.verify(secret);
        if (token.isEmpty() || (workspaceId != null && !token.get().workspaceIds().contains(workspaceId))) {
            return Optional.empty();
        }
        FederationService.VerifiedToken verified = token.get();
        if (workspaceId != null) {
            spendLimits.requireNotReached(verified.organizationId(), java.util.List.of(
                    dev.accessconsole.domain.model.SpendLimit.Scope.organization(verified.organizationId()),
                    dev.accessconsole.domain.model.SpendLimit.Scope.workspace(workspaceId)));
        }
        return Optional.of(new VerifiedWorkload(verified.tokenId(), verified.serviceAccountId(), verified.organizationId(), verified.workspaceIds(),
                workspaceId));
    }

    @PersistenceContext(unitName = "access-console")
    EntityManager em;

    @Transactional
    public Optional<VerifiedKey> verify(String secret) {
        if (secret == null || !secret.startsWith(Secrets.API_KEY_PREFIX) || secret.length() > 256) {
            return Optional.empty();
        }
        // the key by its natural id, the secret's hash (one indexed read)
        Optional<ApiKey> key = em.unwrap(org.hibernate.Session.class).byNaturalId(ApiKey.class).using("secretHash", Secrets.hash(secret)).loadOptional()
                .filter(this::usable);
        // a good key whose spend limit (its member's, its workspace's, its organization's) is reached this period: 429
        key.ifPresent(k -> spendLimits.requireNotReached(k.organizationId(), SpendLimitService.scopesOf(k)));
        return key.map(k -> new VerifiedKey(k.id(), k.workspace().id(), k.organizationId(), k.workspace().kind() == WorkspaceKind.DEFAULT));
    }

    private boolean usable(ApiKey key) {
        if (key.status() != ApiKey.Status.ACTIVE || key.workspace().archived()) {
            return false;
        }
        if (key.expiresAt() != null && !key.expiresAt().isAfter(Time.now())) {
            return false;
        }
        if (key.serviceAccountId() != null) {
            // a service account's key acts for it: usable while the account may use the key's workspace, decided now
            return serviceAccounts.find(key.organizationId(), key.serviceAccountId())
                    .map(account -> serviceAccountService.mayUse(account, key.workspace())).orElse(false);
        }
        if (key.boundUserId() == null) {
            return true;
        }
        Optional<OrganizationMember> member = organizations.member(key.organizationId(), key.boundUserId());
        if (member.isEmpty()) {
            return false;
        }
        var explicit = workspaces.explicitMember(key.workspace().id(), key.boundUserId()).map(WorkspaceMember::role).orElse(null);
        return decisions.mayUse(memberRoles.of(member.get()), key.workspace().kind(), explicit);
    }

    /**
     * Counts an event once per organization: a retry (same event id, same usage) answers the first recording and adds
     * nothing; the same event id with different usage is a conflict (409), never silently dropped. {@code occurredAt}
     * null means now (and a retry without a time is not compared on it). The event is attributed to the account behind the
     * key as it is now: its bound member, or its service account.
     */
    public Recorded record(String eventId, String apiKeyId, String model, long inputTokens, long outputTokens, Instant occurredAt) {
        return record(eventId, apiKeyId, model, inputTokens, outputTokens, occurredAt, UsageDetail.PLAIN);
    }

    public Recorded record(String eventId, String apiKeyId, String model, long inputTokens, long outputTokens, Instant occurredAt,
                           UsageDetail detail) {
        ApiKey key = recorder.key(apiKeyId).orElseThrow(() -> DomainException.invalid(ErrorCode.UNKNOWN_API_KEY, "api_key_id names no API key."));
        Instant at = (occurredAt == null ? Time.now() : occurredAt).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        UsageEvent event = new UsageEvent(eventId, key.organizationId(), key.workspace().id(), key.id(), model, inputTokens, outputTokens, at,
                detail, key.boundUserId(), key.serviceAccountId());
        for (int attempt = 1; ; attempt++) {
            try {
                return new Recorded(recorder.insert(event), false);
            } catch (RuntimeException failed) {
                // a concurrent or earlier report with this event id won; it is the one that counts
                Optional<UsageEvent> existing = recorder.find(key.organizationId(), eventId);
                if (existing.isPresent()) {
                    if (!existing.get().sameUsageAs(event, occurredAt != null)) {
                        throw DomainException.conflict("event_id " + eventId + " was already reported with different usage.");
                    }
                    return new Recorded(existing.get(), true);
                }
                // not this event: another event made the day's first sums row at the same moment; that row is there now
                if (attempt == 3) {
                    throw failed;
                }
            }
        }
    }

    /** The transactional steps of {@link #record}, each in its own transaction so a lost insert race can be answered. */
    @ApplicationScoped
    public static class UsageRecorder {

        @PersistenceContext(unitName = "access-console")
        EntityManager em;

        @Transactional(Transactional.TxType.REQUIRES_NEW)
        public Optional<ApiKey> key(String apiKeyId) {
            return Optional.ofNullable(em.find(ApiKey.class, apiKeyId));
        }

        @Transactional(Transactional.TxType.REQUIRES_NEW)
        public Optional<UsageEvent> find(String organizationId, String eventId) {
            return Optional.ofNullable(em.find(UsageEvent.class, new UsageEvent.Key(organizationId, eventId)));
        }

        @Transactional(Transactional.TxType.REQUIRES_NEW)
        public UsageEvent insert(UsageEvent event) {
            UsageEvent existing = em.find(UsageEvent.class, new UsageEvent.Key(event.organizationId(), event.eventId()));
            if (existing != null) {
                throw new IllegalStateException("duplicate event " + event.eventId());
            }
            em.persist(event);
            em.flush();
            // the day's sums, in the same transaction: an update, or the day's first row (a concurrent first insert
            // fails this transaction on the primary key, and record() tries again)
            long day = Math.floorDiv(event.epochMinute(), 1440);
            var detail = event.detail();
            int updated = em.createQuery("update UsageDaily d set d.inputTokens = d.inputTokens + :in, d.outputTokens = d.outputTokens + :out,"
                            + " d.cacheCreation1hTokens = d.cacheCreation1hTokens + :c1h, d.cacheCreation5mTokens = d.cacheCreation5mTokens + :c5m,"
                            + " d.cacheReadTokens = d.cacheReadTokens + :cr, d.webSearchRequests = d.webSearchRequests + :ws_req,"
                            + " d.events = d.events + 1 where d.organizationId = :org and d.epochDay = :day and d.workspaceId = :ws"
                            + " and d.apiKeyId = :key and d.model = :model and d.serviceTier = :tier and d.contextWindow = :cw"
                            + " and d.inferenceGeo = :geo and d.speed = :speed and d.accountId = :account and d.serviceAccountId = :sa")
                    .setParameter("in", event.inputTokens()).setParameter("out", event.outputTokens())
                    .setParameter("c1h", detail.cacheCreation1hTokens()).setParameter("c5m", detail.cacheCreation5mTokens())
                    .setParameter("cr", detail.cacheReadTokens()).setParameter("ws_req", detail.webSearchRequests())
                    .setParameter("org", event.organizationId()).setParameter("day", day).setParameter("ws", event.workspaceId())
                    .setParameter("key", event.apiKeyId()).setParameter("model", event.model())
                    .setParameter("tier", detail.serviceTier()).setParameter("cw", detail.contextWindow())
                    .setParameter("geo", detail.inferenceGeo()).setParameter("speed", detail.speed())
                    .setParameter("account", event.accountId()).setParameter("sa", event.serviceAccountId())
                    .executeUpdate();
            if (updated == 0) {
                em.persist(new dev.accessconsole.domain.model.UsageDaily(event, day));
                em.flush();
            }
            return event;
        }
    }
}
