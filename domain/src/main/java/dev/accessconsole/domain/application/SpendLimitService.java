package dev.accessconsole.domain.application;

import dev.accessconsole.authz.api.AccessDecisions;
import dev.accessconsole.authz.api.MemberStanding;
import dev.accessconsole.authz.api.Permissions;
import dev.accessconsole.authz.api.WorkspaceScope;
import dev.accessconsole.domain.model.ApiKey;
import dev.accessconsole.domain.model.Actor;
import dev.accessconsole.domain.model.AuditLog;
import dev.accessconsole.domain.model.DomainException;
import dev.accessconsole.domain.model.ErrorCode;
import dev.accessconsole.domain.model.JsonBuilders;
import dev.accessconsole.domain.model.Money;
import dev.accessconsole.domain.model.OrganizationMember;
import dev.accessconsole.domain.model.OrganizationRepository;
import dev.accessconsole.domain.model.SpendLimit;
import dev.accessconsole.domain.model.SpendLimit.Scope;
import dev.accessconsole.domain.model.SpendLimit.ScopeType;
import dev.accessconsole.domain.model.SpendLimitIncreaseRequest;
import dev.accessconsole.domain.model.SpendLimitRepository;
import dev.accessconsole.domain.model.SpendPeriod;
import dev.accessconsole.domain.model.Time;
import dev.accessconsole.domain.model.UserAccount;
import dev.accessconsole.domain.model.Workspace;
import dev.accessconsole.domain.model.WorkspaceRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Spend limits (roles.md, "Spend limits"): one store for every cap (the organization's, a workspace's, a member's; per UTC
 * day, ISO week or month), what has been spent against each this period (the daily usage sums priced by the price table),
 * the gateway's question "has a limit that applies to this key been reached?", each actor's applying limit, and the
 * increase requests members make and admins resolve. Spend is read from the database on every question: no node holds a
 * copy that could be stale.
 */
@ApplicationScoped
public class SpendLimitService {

    /** What the caller may do with limits: their standing, and where the policy lets them see cost and manage workspaces. */
    public record Authority(MemberStanding standing, WorkspaceScope costRead, WorkspaceScope workspaceManage) {
    }

    /** A limit and what has been spent against it this period (cents, fractional), and when the period ends. */
    public record Spend(SpendLimit limit, BigDecimal spentCents, Instant resetsAt) {
        public boolean reached() {
            return limit.enabled() && spentCents.compareTo(BigDecimal.valueOf(limit.amountCents())) >= 0;
        }

        /** What is left before the cap (negative once passed); unlimited for a limit that is not enabled. */
        BigDecimal remaining() {
            return limit.enabled() ? BigDecimal.valueOf(limit.amountCents()).subtract(spentCents) : BigDecimal.valueOf(Long.MAX_VALUE);
        }
    }

    /** Who spends: a member (their own keys) or an API key that belongs to no one. */
    public record SpendActor(String type, String id, UserAccount user) {
        public static SpendActor user(UserAccount user) {
            return new SpendActor("user_actor", user.id(), user);
        }

        public static SpendActor apiKey(String apiKeyId) {
            return new SpendActor("scoped_api_key_actor", apiKeyId, null);
        }
    }

    /** An actor's applying limit: of those that apply to it in a period, the one with the least left. */
    public record Summary(SpendActor actor, Scope scope, Spend applying) {
    }

    /** A request and, while its limit exists, what applies now. */
    public record IncreaseRequest(SpendLimitIncreaseRequest request, UserAccount requester, UserAccount resolver, Optional<Summary> summary,
                                  Optional<SpendLimit> limit) {
    }

    @Inject
    SpendLimitRepository limits;

    @Inject
    WorkspaceRepository workspaces;

    @Inject
    OrganizationRepository organizations;

    @Inject
    AccessDecisions decisions;

    @Inject
    AuditLog audit;

    @Inject
    PriceTable prices;

    @PersistenceContext(unitName = "access-console")
    EntityManager em;

    // ------------------------------------------------------------------------------------------------------- reading

    /** What the policy lets this caller see and change: where it reads cost (as reports show it) and where it manages workspaces. */
    public Authority authority(MemberStanding standing) {
        return new Authority(standing, decisions.reportScope(standing, dev.accessconsole.authz.api.Permission.COST_READ),
                decisions.scope(standing, dev.accessconsole.authz.api.Permission.WORKSPACE_MANAGE));
    }

    /** The limits the caller may see, by id: the organization's, those of workspaces where it reads cost, and members' (its own, or all with cost:read everywhere). */
    @Transactional
    public List<SpendLimit> list(String organizationId, Authority authority, Set<ScopeType> types, String workspaceId) {
        return limits.all(organizationId).stream()
                .filter(l -> types.isEmpty() || types.contains(l.scope().type()))
                .filter(l -> workspaceId == null || (l.scope().type() == ScopeType.WORKSPACE && l.scope().id().equals(workspaceId)))
                .filter(l -> visible(organizationId, authority, l)).toList();
    }

    @Transactional
    public SpendLimit get(String organizationId, Authority authority, String spendLimitId) {
        return limits.find(organizationId, spendLimitId).filter(l -> visible(organizationId, authority, l))
                .orElseThrow(() -> DomainException.notFound(ErrorCode.SPEND_LIMIT_NOT_FOUND, "spend limit"));
    }

    private boolean visible(String organizationId, Authority authority, SpendLimit limit) {
        return switch (limit.scope().type()) {
            case ORGANIZATION -> true;
            case WORKSPACE -> workspaces.find(organizationId, limit.scope().id())
                    .map(w -> authority.costRead().includes(w.kind(), w.id())).orElse(false);
            case USER -> authority.costRead().isAll() || limit.scope().id().equals(authority.standing().principalId());
        };
    }

    // ------------------------------------------------------------------------------------------------------ changing

    /**
     * Sets the limit of a scope and period (an upsert; amount null keeps it without a cap). Admins set any; a workspace's
     * also its workspace admins, never above the organization's limit of the same period. Lowering the organization's
     * lowers every workspace limit of that period above it, in the same transaction.
     */
    @Transactional
    public SpendLimit set(Actor actor, String organizationId, Authority authority, Scope requested, SpendPeriod period, Long amountCents) {
        Scope scope = authorizeChange(organizationId, authority, requested);
        // the organization row lock orders every change of an organization's limits (the ceiling and the workspaces under it)
        organizations.findForUpdate(organizationId).orElseThrow(() -> DomainException.notFound("organization"));
        SpendLimit limit = store(organizationId, scope, period, amountCents);
        audit.record(organizationId, actor, "spend_limit.set", "spend_limit", limit.id(), describe(limit).build().toString());
        return limit;
    }

    /** The store's one write path: the ceiling checked, the limit written, workspaces under a lowered ceiling lowered. */
    private SpendLimit store(String organizationId, Scope scope, SpendPeriod period, Long amountCents) {
        Instant now = Time.now();
        if (scope.type() == ScopeType.WORKSPACE && amountCents != null) {
            Long ceiling = limits.find(organizationId, Scope.organization(organizationId), period).map(SpendLimit::amountCents).orElse(null);
            if (ceiling != null && amountCents > ceiling) {
                throw DomainException.invalid(ErrorCode.LIMIT_EXCEEDS_ORGANIZATION,
                        "A workspace's " + period.value() + " spend limit cannot exceed the organization's (" + Money.format(ceiling) + ").");
            }
        }
        SpendLimit limit = limits.findForUpdate(organizationId, scope, period).orElse(null);
        if (limit == null) {
            limit = new SpendLimit(organizationId, scope, period, amountCents, now);
            limits.add(limit);
        } else {
            limit.amountCents(amountCents, now);
        }
        if (scope.type() == ScopeType.ORGANIZATION && amountCents != null) {
            for (SpendLimit under : limits.all(organizationId)) {
                if (under.scope().type() == ScopeType.WORKSPACE && under.period() == period && under.enabled() && under.amountCents() > amountCents) {
                    under.amountCents(amountCents, now);
                    audit.record(organizationId, Actor.support("spend-limit-ceiling"), "spend_limit.lowered", "spend_limit", under.id(),
                            describe(under).build().toString());
                }
            }
        }
        return limit;
    }

    @Transactional
    public SpendLimit delete(Actor actor, String organizationId, Authority authority, String spendLimitId) {
        SpendLimit limit = get(organizationId, authority, spendLimitId);
        authorizeChange(organizationId, authority, limit.scope());
        limits.remove(limit);
        audit.record(organizationId, actor, "spend_limit.delete", "spend_limit", limit.id(), describe(limit).build().toString());
        return limit;
    }

    /** Who may change a scope's limits (the policy's answers): admins any; a workspace's also whoever manages that workspace. */
    private Scope authorizeChange(String organizationId, Authority authority, Scope scope) {
        boolean admin = decisions.holdsAdmin(authority.standing().heldRoles());
        switch (scope.type()) {
            case ORGANIZATION -> {
                if (!admin) {
                    throw DomainException.missingPermission(ErrorCode.MISSING_PERMISSION, Permissions.WORKSPACE_MANAGE,
                            "Only admins set the organization's spend limits.");
                }
                return Scope.organization(organizationId);
            }
            case USER -> {
                if (!admin) {
                    throw DomainException.missingPermission(ErrorCode.MISSING_PERMISSION, Permissions.WORKSPACE_MANAGE,
                            "Only admins set a member's spend limits.");
                }
                OrganizationMember member = organizations.member(organizationId, scope.id())
                        .orElseThrow(() -> DomainException.invalid(ErrorCode.NOT_AN_ORGANIZATION_MEMBER, "user_id names no member of this organization."));
                return Scope.user(member.user().id());
            }
            default -> {
                Workspace workspace = workspaces.find(organizationId, scope.id())
                        .filter(w -> admin || authority.costRead().includes(w.kind(), w.id()) || authority.workspaceManage().includes(w.kind(), w.id()))
                        .orElseThrow(() -> DomainException.notFound("workspace"));
                if (!admin && !authority.workspaceManage().includes(workspace.kind(), workspace.id())) {
                    throw DomainException.missingPermission(ErrorCode.MISSING_PERMISSION, Permissions.WORKSPACE_MANAGE,
                            "Setting a workspace's spend limit needs workspace:manage in that workspace.");
                }
                if (!decisions.hasOwnLimits(workspace.kind())) {
                    throw DomainException.invalid(ErrorCode.DEFAULT_WORKSPACE_LIMITS, "The Default workspace has no limits of its own.");
                }
                if (workspace.archived()) {
                    throw DomainException.invalid(ErrorCode.WORKSPACE_ARCHIVED, "An archived workspace cannot be changed.");
                }
                return Scope.workspace(workspace.id());
            }
        }
    }

    // ------------------------------------------------------------------------- the workspace limits page (monthly spend)

    /** A scope's monthly spend limit in cents (the workspace limits page shows it with the rate limits); null: none. */
    public Long monthlyCents(String organizationId, Scope scope) {
        return limits.find(organizationId, scope, SpendPeriod.MONTHLY).map(SpendLimit::amountCents).orElse(null);
    }

    /**
     * Sets or clears (null) a monthly spend limit from the workspace limits page or platform support, checked and
     * lowered as {@link #set} does; the caller holds the organization's row lock and records the audit event.
     */
    public void setMonthly(String organizationId, Scope scope, Long amountCents) {
        if (amountCents == null) {
            limits.findForUpdate(organizationId, scope, SpendPeriod.MONTHLY).ifPresent(limits::remove);
        } else {
            store(organizationId, scope, SpendPeriod.MONTHLY, amountCents);
        }
    }

    // ------------------------------------------------------------------------------------------------ spend and caps

    /** What has been spent against the limit in the period holding {@code at}, in cents. */
    public Spend spend(SpendLimit limit, Instant at) {
        return new Spend(limit, spentCents(limit.organizationId(), limit.scope(), limit.period(), at), limit.period().resetsAt(at));
    }

    private BigDecimal spentCents(String organizationId, Scope scope, SpendPeriod period, Instant at) {
        String where = switch (scope.type()) {
            case ORGANIZATION -> "";
            case WORKSPACE -> " and d.workspaceId = :id";
            case USER -> " and d.accountId = :id";
        };
        var query = em.createQuery("select d.model, d.serviceTier, d.contextWindow, sum(d.inputTokens), sum(d.outputTokens),"
                        + " sum(d.cacheCreation1hTokens), sum(d.cacheCreation5mTokens), sum(d.cacheReadTokens), sum(d.webSearchRequests)"
                        + " from UsageDaily d where d.organizationId = :org and d.epochDay >= :from and d.epochDay < :to" + where
                        + " group by d.model, d.serviceTier, d.contextWindow", Object[].class)
                .setParameter("org", organizationId)
                .setParameter("from", period.start(at).toEpochDay())
                .setParameter("to", period.resetsAt(at).getEpochSecond() / 86_400);
        if (scope.type() != ScopeType.ORGANIZATION) {
            query.setParameter("id", scope.id());
        }
        BigDecimal total = BigDecimal.ZERO;
        for (Object[] row : query.getResultList()) {
            total = total.add(prices.cost((String) row[0], (String) row[1], (String) row[2], new ReportService.Sums(
                    number(row[3]), number(row[4]), number(row[5]), number(row[6]), number(row[7]), number(row[8]))));
        }
        return total;
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    /** The scopes whose limits apply to a key: its organization, its workspace, and the member it is bound to. */
    public static List<Scope> scopesOf(ApiKey key) {
        List<Scope> scopes = new ArrayList<>(List.of(Scope.organization(key.organizationId()), Scope.workspace(key.workspace().id())));
        if (key.boundUserId() != null) {
            scopes.add(Scope.user(key.boundUserId()));
        }
        return scopes;
    }

    /**
     * The first limit on these scopes that has been reached this period (the member's, then the workspace's, then the
     * organization's), or empty: the gateway refuses a key while one is. One indexed read when the organization has no limits.
     */
    @Transactional
    public Optional<Spend> reached(String organizationId, List<Scope> scopes) {
        Instant now = Time.now();
        List<SpendLimit> applying = limits.onScopes(organizationId, scopes).stream().filter(SpendLimit::enabled)
                .sorted(Comparator.comparing((SpendLimit l) -> -l.scope().type().ordinal()).thenComparing(l -> l.period().ordinal())).toList();
        for (SpendLimit limit : applying) {
            Spend spend = spend(limit, now);
            if (spend.reached()) {
                return Optional.of(spend);
            }
        }
        return Optional.empty();
    }

    /** Refuses (429, {@link #refusal}) while a limit on these scopes is reached: the gateway's check of a key or a workload's token. */
    @Transactional
    public void requireNotReached(String organizationId, List<Scope> scopes) {
        reached(organizationId, scopes).ifPresent(spend -> {
            throw refusal(spend);
        });
    }

    /** The refusal the gateway answers while a limit is reached: 429 {@code enforced_spend_limit_reached}, naming the limit, its spend and when it resets. */
    private static DomainException refusal(Spend spend) {
        SpendLimit limit = spend.limit();
        Map<String, String> details = new LinkedHashMap<>();
        details.put("spend_limit_id", limit.id());
        details.put("scope_type", limit.scope().type().value());
        if (limit.scope().type() != ScopeType.ORGANIZATION) {
            details.put(limit.scope().type() == ScopeType.WORKSPACE ? "workspace_id" : "user_id", limit.scope().id());
        }
        details.put("period", limit.period().value());
        details.put("amount", Money.format(limit.amountCents()));
        details.put("period_to_date_spend", Money.format(spend.spentCents()));
        details.put("resets_at", spend.resetsAt().toString());
        return DomainException.refused(ErrorCode.ENFORCED_SPEND_LIMIT_REACHED, "The " + limit.period().value() + " spend limit of "
                + (limit.scope().type() == ScopeType.ORGANIZATION ? "the organization" : "this " + limit.scope().type().value())
                + " ($" + Money.format(limit.amountCents()) + ") has been reached; it resets at " + spend.resetsAt() + ".", details);
    }

    // ------------------------------------------------------------------------------------------------------- effective

    /**
     * Each actor's applying limit per period: members (their own keys, in the Claude Code workspace) and keys that belong
     * to no one (in their workspace); an actor no limit applies to is left out. Members by id, then keys by id.
     */
    @Transactional
    public List<Summary> effective(String organizationId, Authority authority, Set<SpendPeriod> periods, Set<String> userIds) {
        List<SpendLimit> all = limits.all(organizationId);
        if (all.isEmpty()) {
            return List.of();
        }
        Instant now = Time.now();
        Map<String, Spend> spends = new HashMap<>();
        String claudeCode = workspaces.claudeCodeWorkspace(organizationId).map(Workspace::id).orElse(null);
        List<Summary> summaries = new ArrayList<>();
        List<OrganizationMember> members = em.createQuery("select m from OrganizationMember m join fetch m.user u where m.organization.id = :org"
                + " and m.suspendedAt is null order by u.id", OrganizationMember.class).setParameter("org", organizationId).getResultList();
        for (OrganizationMember member : members) {
            String userId = member.user().id();
            if (!userIds.isEmpty() && !userIds.contains(userId)) {
                continue;
            }
            if (!authority.costRead().isAll() && !userId.equals(authority.standing().principalId())) {
                continue;
            }
            List<Scope> scopes = new ArrayList<>(List.of(Scope.user(userId), Scope.organization(organizationId)));
            if (claudeCode != null) {
                scopes.add(Scope.workspace(claudeCode));
            }
            applying(all, scopes, periods, now, spends).forEach(s -> summaries.add(new Summary(SpendActor.user(member.user()), Scope.user(userId), s)));
        }
        if (userIds.isEmpty()) {
            List<ApiKey> keys = em.createQuery("select k from ApiKey k join fetch k.workspace where k.organizationId = :org and k.boundUserId is null"
                    + " and k.status = :active order by k.id", ApiKey.class).setParameter("org", organizationId)
                    .setParameter("active", ApiKey.Status.ACTIVE.value()).getResultList();
            for (ApiKey key : keys) {
                if (!authority.costRead().includes(key.workspace().kind(), key.workspace().id())) {
                    continue;
                }
                applying(all, scopesOf(key), periods, now, spends)
                        .forEach(s -> summaries.add(new Summary(SpendActor.apiKey(key.id()), Scope.workspace(key.workspace().id()), s)));
            }
        }
        return summaries;
    }

    /** Per period, the limit on these scopes with the least left (enabled ones first). */
    private List<Spend> applying(List<SpendLimit> all, Collection<Scope> scopes, Set<SpendPeriod> periods, Instant now, Map<String, Spend> spends) {
        Map<SpendPeriod, Spend> tightest = new LinkedHashMap<>();
        for (SpendLimit limit : all) {
            if (!scopes.contains(limit.scope()) || (!periods.isEmpty() && !periods.contains(limit.period()))) {
                continue;
            }
            Spend spend = spends.computeIfAbsent(limit.id(), id -> spend(limit, now));
            tightest.merge(limit.period(), spend, (a, b) -> a.remaining().compareTo(b.remaining()) <= 0 ? a : b);
        }
        return tightest.values().stream().sorted(Comparator.comparing(s -> s.limit().period().ordinal())).toList();
    }

    /** The caller's own applying limits (each limit on their scopes, any period): what the console shows a member. */
    @Transactional
    public List<Spend> mine(String organizationId, String userId, String workspaceId) {
        Instant now = Time.now();
        return limits.onScopes(organizationId, ownScopes(organizationId, userId, workspaceId)).stream().map(l -> spend(l, now)).toList();
    }

    /**
     * The scopes whose limits a member meets: their own, the organization's, the Claude Code workspace's (their own keys),
     * the workspaces they are an explicit member of, and {@code workspaceId} (one they can see) when given.
     */
    private List<Scope> ownScopes(String organizationId, String userId, String workspaceId) {
        List<Scope> scopes = new ArrayList<>(List.of(Scope.user(userId), Scope.organization(organizationId)));
        workspaces.claudeCodeWorkspace(organizationId).ifPresent(w -> scopes.add(Scope.workspace(w.id())));
        em.createQuery("select m.workspace.id from WorkspaceMember m where m.user.id = :user and m.workspace.organization.id = :org", String.class)
                .setParameter("user", userId).setParameter("org", organizationId).getResultList()
                .forEach(id -> scopes.add(Scope.workspace(id)));
        if (workspaceId != null) {
            scopes.add(Scope.workspace(workspaceId));
        }
        return scopes.stream().distinct().toList();
    }

    // ----------------------------------------------------------------------------------------------- increase requests

    /**
     * A member asks for more (an Admin API key may ask for the organization's limits, as a key actor): the request records the limit that caps them (in {@code workspaceId} when given, which they
     * must see; of {@code period} when given): a reached one first, else the one with the least left.
     */
    @Transactional
    public IncreaseRequest ask(Actor actor, String organizationId, String workspaceId, SpendPeriod period, Long requestedCents, String reason) {
        Instant now = Time.now();
        Spend capping = limits.onScopes(organizationId, ownScopes(organizationId, actor.id(), workspaceId)).stream()
                .filter(SpendLimit::enabled).filter(l -> period == null || l.period() == period)
                .map(l -> spend(l, now))
                .min(Comparator.comparing((Spend s) -> !s.reached()).thenComparing(Spend::remaining))
                .orElseThrow(() -> DomainException.invalid(ErrorCode.NO_SPEND_LIMIT_APPLIES, "No spend limit applies to you" + (period == null ? "" : " for this period") + "."));
        boolean pending = limits.requests(organizationId, List.of(actor.id()), List.of(SpendLimitIncreaseRequest.Status.PENDING)).stream()
                .anyMatch(r -> r.spendLimitId().equals(capping.limit().id()));
        if (pending) {
            throw DomainException.invalid(ErrorCode.SPEND_LIMIT_INCREASE_REQUEST_PENDING, "You already asked for an increase of this limit; an admin has not answered yet.");
        }
        SpendLimitIncreaseRequest request = new SpendLimitIncreaseRequest(organizationId, actor.id(), capping.limit(),
                capping.spentCents().setScale(0, java.math.RoundingMode.HALF_UP).longValueExact(), requestedCents, reason, now);
        limits.add(request);
        audit.record(organizationId, actor, "spend_limit_increase_request.create", "spend_limit_increase_request", request.id(),
                JsonBuilders.object().add("spend_limit_id", capping.limit().id()).add("period", capping.limit().period().value()).build().toString());
        return view(request);
    }

    @Transactional
    public List<IncreaseRequest> requests(String organizationId, Collection<String> requesterIds, Collection<SpendLimitIncreaseRequest.Status> statuses) {
        return limits.requests(organizationId, requesterIds, statuses).stream().map(this::view).toList();
    }

    @Transactional
    public IncreaseRequest request(String organizationId, String requestId) {
        return view(find(organizationId, requestId, false));
    }

    /** Approves a pending request: its limit is set to {@code amountCents} (of {@code period} when given, on the same scope). */
    @Transactional
    public IncreaseRequest approve(Actor actor, String organizationId, String requestId, long amountCents, SpendPeriod period) {
        organizations.findForUpdate(organizationId).orElseThrow(() -> DomainException.notFound("organization"));
        SpendLimitIncreaseRequest request = find(organizationId, requestId, true);
        SpendLimit limit = limits.find(organizationId, request.spendLimitId()).orElse(null);
        request.approve(actor, amountCents, Time.now());
        if (limit != null) {
            SpendLimit set = store(organizationId, limit.scope(), period == null ? limit.period() : period, amountCents);
            audit.record(organizationId, actor, "spend_limit.set", "spend_limit", set.id(), describe(set).add("increase_request_id", request.id()).build().toString());
        }
        audit.record(organizationId, actor, "spend_limit_increase_request.approve", "spend_limit_increase_request", request.id(),
                JsonBuilders.object().add("amount", Money.format(amountCents)).build().toString());
        return view(request);
    }

    @Transactional
    public IncreaseRequest deny(Actor actor, String organizationId, String requestId) {
        SpendLimitIncreaseRequest request = find(organizationId, requestId, true);
        request.deny(actor, Time.now());
        audit.record(organizationId, actor, "spend_limit_increase_request.deny", "spend_limit_increase_request", request.id(), "{}");
        return view(request);
    }

    private SpendLimitIncreaseRequest find(String organizationId, String requestId, boolean forUpdate) {
        return (forUpdate ? limits.findRequestForUpdate(organizationId, requestId) : limits.findRequest(organizationId, requestId))
                .orElseThrow(() -> DomainException.notFound(ErrorCode.SPEND_LIMIT_INCREASE_REQUEST_NOT_FOUND, "spend limit increase request"));
    }

    private IncreaseRequest view(SpendLimitIncreaseRequest request) {
        UserAccount requester = em.find(UserAccount.class, request.requesterId());
        Optional<SpendLimit> limit = limits.find(request.organizationId(), request.spendLimitId());
        Optional<Summary> summary = limit.map(l -> new Summary(requester == null ? SpendActor.apiKey(request.requesterId()) : SpendActor.user(requester),
                Scope.user(request.requesterId()), spend(l, Time.now())));
        Actor resolvedBy = request.resolvedBy();
        UserAccount resolver = resolvedBy == null || resolvedBy.isAdminApiKey() ? null : em.find(UserAccount.class, resolvedBy.id());
        return new IncreaseRequest(request, requester, resolver, summary, limit);
    }

    private static jakarta.json.JsonObjectBuilder describe(SpendLimit limit) {
        var json = JsonBuilders.object().add("scope_type", limit.scope().type().value()).add("scope_id", limit.scope().id())
                .add("period", limit.period().value());
        if (limit.amountCents() == null) {
            json.addNull("amount");
        } else {
            json.add("amount", Money.format(limit.amountCents()));
        }
        return json;
    }
}
