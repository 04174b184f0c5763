package dev.accessconsole.domain.application;

import dev.accessconsole.domain.model.JsonBuilders;
import dev.accessconsole.authz.api.AccessDecisions;
import dev.accessconsole.domain.model.ErrorCode;
import dev.accessconsole.authz.api.WorkspaceKind;
import dev.accessconsole.domain.model.Actor;
import dev.accessconsole.domain.model.AuditLog;
import dev.accessconsole.domain.model.DomainException;
import dev.accessconsole.domain.model.Limits;
import dev.accessconsole.domain.model.Organization;
import dev.accessconsole.domain.model.OrganizationRepository;
import dev.accessconsole.domain.model.Workspace;
import dev.accessconsole.domain.model.WorkspaceRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import dev.accessconsole.domain.model.SpendLimit;
import jakarta.transaction.Transactional;

/** Organization limits (platform support) and workspace limits (at most the organization's; none on Default). */
@ApplicationScoped
public class LimitsService {

    @Inject
    AccessDecisions decisions;

    /** A workspace's own limits and the organization's ceiling. */
    public record WorkspaceLimits(Workspace workspace, Limits own, Limits organization) {
    }

    @Inject
    OrganizationRepository organizations;

    @Inject
    WorkspaceRepository workspaces;

    @Inject
    AuditLog audit;

    @Inject
    SpendLimitService spendLimits;

    @Transactional
    public WorkspaceLimits get(String organizationId, String workspaceId) {
        Workspace workspace = workspace(organizationId, workspaceId);
        return new WorkspaceLimits(workspace, own(workspace), organizationLimits(workspace.organization()));
    }

    /** A workspace's limits with its monthly spend limit from the spend-limit store. */
    private Limits own(Workspace workspace) {
        return workspace.limits().withMonthlySpend(spendLimits.monthlyCents(workspace.organization().id(), SpendLimit.Scope.workspace(workspace.id())));
    }

    /** The organization's limits with its monthly spend limit from the spend-limit store. */
    public Limits organizationLimits(Organization organization) {
        return organization.limits().withMonthlySpend(spendLimits.monthlyCents(organization.id(), SpendLimit.Scope.organization(organization.id())));
    }

    @Transactional
    public WorkspaceLimits set(Actor actor, String organizationId, String workspaceId, Limits limits) {
        requireNonNegative(limits);
        // the organization row lock keeps a concurrent change of the org limits from slipping under this check
        Organization organization = organizations.findForUpdate(organizationId).orElseThrow(() -> DomainException.notFound("organization"));
        Workspace workspace = workspace(organizationId, workspaceId);
        if (!decisions.hasOwnLimits(workspace.kind())) {
            throw DomainException.invalid(ErrorCode.DEFAULT_WORKSPACE_LIMITS, "The Default workspace has no limits of its own.");
        }
        if (workspace.archived()) {
            throw DomainException.invalid(ErrorCode.WORKSPACE_ARCHIVED, "An archived workspace cannot be changed.");
        }
        Limits ceiling = organizationLimits(organization);
        String above = limits.firstAbove(ceiling);
        if (above != null) {
            throw DomainException.invalid(ErrorCode.LIMIT_EXCEEDS_ORGANIZATION, above + " cannot exceed the organization's limit.");
        }
        workspace.limits(limits.withMonthlySpend(null));
        spendLimits.setMonthly(organizationId, SpendLimit.Scope.workspace(workspace.id()), limits.monthlySpendCents());
        audit.record(organizationId, actor, "workspace.limits_update", "workspace", workspaceId, describe(limits).build().toString());
        return new WorkspaceLimits(workspace, limits, ceiling);
    }

    /** The organization's new limits, and the workspaces whose limits were lowered to stay within them. */
    public record OrganizationLimits(Organization organization, Limits limits, List<String> workspacesLowered) {
    }

    /**
     * Sets the organization's limits. Workspace limits stay at most the organization's (roles.md): lowering the
     * organization's lowers every workspace limit above the new value, in the same transaction, under the same lock.
     */
    @Transactional
    public OrganizationLimits setOrganizationLimits(String organizationId, String supportSubject, Limits limits) {
        requireNonNegative(limits);
        Organization organization = organizations.findForUpdate(organizationId).orElseThrow(() -> DomainException.notFound("organization"));
        organization.limits(limits.withMonthlySpend(null));
        Actor support = Actor.support(supportSubject);
        List<String> lowered = new ArrayList<>();
        List<Workspace> withLimits = new ArrayList<>(workspaces.withLimits(organizationId));
        for (Workspace workspace : workspaces.withMonthlySpendLimit(organizationId)) {
            if (withLimits.stream().noneMatch(w -> w.id().equals(workspace.id()))) {
                withLimits.add(workspace);
            }
        }
        // the workspaces' own limits as they were, before the ceiling's spend limit lowers their monthly spend in the store
        Map<String, Limits> before = new java.util.HashMap<>();
        withLimits.forEach(w -> before.put(w.id(), own(w)));
        spendLimits.setMonthly(organizationId, SpendLimit.Scope.organization(organizationId), limits.monthlySpendCents());
        for (Workspace workspace : withLimits) {
            Limits own = before.get(workspace.id());
            Limits capped = own.cappedAt(limits);
            if (!capped.equals(own)) {
                workspace.limits(capped.withMonthlySpend(null));
                lowered.add(workspace.id());
                audit.record(organizationId, support, "workspace.limits_lowered", "workspace", workspace.id(), describe(capped).build().toString());
            }
        }
        audit.record(organizationId, support, "organization.limits_update", "organization", organizationId,
                describe(limits).add("workspaces_lowered", JsonBuilders.array(lowered)).build().toString());
        return new OrganizationLimits(organization, limits, lowered);
    }

    private Workspace workspace(String organizationId, String workspaceId) {
        return workspaces.findOrDefault(organizationId, workspaceId)
                .orElseThrow(() -> DomainException.notFound("workspace"));
    }

    private static void requireNonNegative(Limits limits) {
        for (Long value : new Long[]{limits.monthlySpendCents(), limits.requestsPerMinute(), limits.inputTokensPerMinute(), limits.outputTokensPerMinute()}) {
            if (value != null && value < 0) {
                throw DomainException.invalid(ErrorCode.INVALID_LIMIT, "Limits cannot be negative.");
            }
        }
    }

    private static jakarta.json.JsonObjectBuilder describe(Limits limits) {
        var json = JsonBuilders.object();
        add(json, "monthly_spend_limit_cents", limits.monthlySpendCents());
        add(json, "requests_per_minute", limits.requestsPerMinute());
        add(json, "input_tokens_per_minute", limits.inputTokensPerMinute());
        add(json, "output_tokens_per_minute", limits.outputTokensPerMinute());
        return json;
    }

    private static void add(jakarta.json.JsonObjectBuilder json, String name, Long value) {
        if (value == null) {
            json.addNull(name);
        } else {
            json.add(name, value);
        }
    }

}
