package dev.accessconsole.domain.application;

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
import jakarta.json.Json;
import jakarta.transaction.Transactional;

/** Organization limits (platform support) and workspace limits (at most the organization's; none on Default). */
@ApplicationScoped
public class LimitsService {

    /** A workspace's own limits and the organization's ceiling. */
    public record WorkspaceLimits(Workspace workspace, Limits own, Limits organization) {
    }

    @Inject
    OrganizationRepository organizations;

    @Inject
    WorkspaceRepository workspaces;

    @Inject
    AuditLog audit;

    @Transactional
    public WorkspaceLimits get(String organizationId, String workspaceId) {
        Workspace workspace = workspace(organizationId, workspaceId);
        return new WorkspaceLimits(workspace, workspace.limits(), workspace.organization().limits());
    }

    @Transactional
    public WorkspaceLimits set(Actor actor, String organizationId, String workspaceId, Limits limits) {
        requireNonNegative(limits);
        // the organization row lock keeps a concurrent change of the org limits from slipping under this check
        Organization organization = organizations.findForUpdate(organizationId).orElseThrow(() -> DomainException.notFound("organization"));
        Workspace workspace = workspace(organizationId, workspaceId);
        if (workspace.kind() == WorkspaceKind.DEFAULT) {
            throw DomainException.invalid("default_workspace_limits", "The Default workspace has no limits of its own.");
        }
        if (workspace.archived()) {
            throw DomainException.invalid("workspace_archived", "An archived workspace cannot be changed.");
        }
        String above = limits.firstAbove(organization.limits());
        if (above != null) {
            throw DomainException.invalid("limit_exceeds_organization", above + " cannot exceed the organization's limit.");
        }
        workspace.limits(limits);
        audit.record(organizationId, actor, "workspace.limits_update", "workspace", workspaceId, describe(limits));
        return new WorkspaceLimits(workspace, limits, organization.limits());
    }

    @Transactional
    public Organization setOrganizationLimits(String organizationId, String supportSubject, Limits limits) {
        requireNonNegative(limits);
        Organization organization = organizations.findForUpdate(organizationId).orElseThrow(() -> DomainException.notFound("organization"));
        organization.limits(limits);
        audit.record(organizationId, Actor.support(supportSubject),
                "organization.limits_update", "organization", organizationId, describe(limits));
        return organization;
    }

    private Workspace workspace(String organizationId, String workspaceId) {
        return workspaces.findOrDefault(organizationId, workspaceId)
                .orElseThrow(() -> DomainException.notFound("workspace"));
    }

    private static void requireNonNegative(Limits limits) {
        for (Long value : new Long[]{limits.monthlySpendCents(), limits.requestsPerMinute(), limits.inputTokensPerMinute(), limits.outputTokensPerMinute()}) {
            if (value != null && value < 0) {
                throw DomainException.invalid("invalid_limit", "Limits cannot be negative.");
            }
        }
    }

    private static String describe(Limits limits) {
        var json = Json.createObjectBuilder();
        add(json, "monthly_spend_limit_cents", limits.monthlySpendCents());
        add(json, "requests_per_minute", limits.requestsPerMinute());
        add(json, "input_tokens_per_minute", limits.inputTokensPerMinute());
        add(json, "output_tokens_per_minute", limits.outputTokensPerMinute());
        return json.build().toString();
    }

    private static void add(jakarta.json.JsonObjectBuilder json, String name, Long value) {
        if (value == null) {
            json.addNull(name);
        } else {
            json.add(name, value);
        }
    }

}
