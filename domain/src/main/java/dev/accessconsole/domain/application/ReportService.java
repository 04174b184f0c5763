package dev.accessconsole.domain.application;

import dev.accessconsole.authz.api.MemberStanding;
import dev.accessconsole.authz.api.OrgRole;
import dev.accessconsole.domain.model.DomainException;
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
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Usage aggregated in the database, by time bucket, workspace, API key and model. A caller sees the rows of the
 * workspaces where it holds usage:read / cost:read: org admins and org billing every row (Claude Code spend
 * included, as Claude Code's documentation sends them there); others their Default workspace (developers) and the
 * workspaces where they are workspace developer or admin.
 */
@ApplicationScoped
public class ReportService {

    /** One aggregated row: bucket start (epoch minutes), workspace (null: Default), key, model and token sums. */
    public record Row(long bucketStartMinute, String workspaceId, String apiKeyId, String model, long inputTokens, long outputTokens) {
    }

    public record Query(long fromMinute, long toMinute, int bucketMinutes, List<String> workspaceIds, List<String> apiKeyIds,
                        List<String> models) {
    }

    @Inject
    WorkspaceRepository workspaces;

    @PersistenceContext(unitName = "access-console")
    EntityManager em;

    @Transactional
    public List<Row> aggregate(MemberStanding standing, Query query) {
        if (query.bucketMinutes() != 1 && query.bucketMinutes() != 60 && query.bucketMinutes() != 1440) {
            throw new IllegalArgumentException("bucket width");
        }
        String defaultId = workspaces.defaultWorkspace(standing.organizationId()).map(Workspace::id).orElse(null);
        Set<String> visible = visibleWorkspaces(standing, defaultId);
        // the bucket width is one of three literals, inlined so that the grouped expression is identical in select and group by
        String bucket = "(e.epochMinute / " + query.bucketMinutes() + ")";
        StringBuilder jpql = new StringBuilder("select " + bucket + ", e.workspaceId, e.apiKeyId, e.model, sum(e.inputTokens), sum(e.outputTokens)"
                + " from UsageEvent e where e.organizationId = :org and e.epochMinute >= :from and e.epochMinute < :to");
        if (visible != null) {
            jpql.append(" and e.workspaceId in :visible");
        }
        List<String> workspaceFilter = query.workspaceIds() == null ? null : query.workspaceIds().stream()
                .map(id -> id == null || id.isBlank() || id.equals("null") ? defaultId : id).toList();
        if (workspaceFilter != null && !workspaceFilter.isEmpty()) {
            jpql.append(" and e.workspaceId in :workspaces");
        }
        if (query.apiKeyIds() != null && !query.apiKeyIds().isEmpty()) {
            jpql.append(" and e.apiKeyId in :keys");
        }
        if (query.models() != null && !query.models().isEmpty()) {
            jpql.append(" and e.model in :models");
        }
        jpql.append(" group by ").append(bucket).append(", e.workspaceId, e.apiKeyId, e.model");
        TypedQuery<Object[]> q = em.createQuery(jpql.toString(), Object[].class)
                .setParameter("org", standing.organizationId())
                .setParameter("from", query.fromMinute())
                .setParameter("to", query.toMinute());
        if (visible != null) {
            q.setParameter("visible", visible.isEmpty() ? List.of("-") : visible);
        }
        if (workspaceFilter != null && !workspaceFilter.isEmpty()) {
            q.setParameter("workspaces", workspaceFilter);
        }
        if (query.apiKeyIds() != null && !query.apiKeyIds().isEmpty()) {
            q.setParameter("keys", query.apiKeyIds());
        }
        if (query.models() != null && !query.models().isEmpty()) {
            q.setParameter("models", query.models());
        }
        List<Row> rows = new ArrayList<>();
        for (Object[] r : q.getResultList()) {
            long bucketIndex = ((Number) r[0]).longValue();
            String workspaceId = (String) r[1];
            rows.add(new Row(bucketIndex * query.bucketMinutes(), workspaceId.equals(defaultId) ? null : workspaceId, (String) r[2],
                    (String) r[3], ((Number) r[4]).longValue(), ((Number) r[5]).longValue()));
        }
        return rows;
    }

    /** Null: every workspace. Otherwise the ids of the workspaces where the caller may read usage and cost. */
    private Set<String> visibleWorkspaces(MemberStanding standing, String defaultId) {
        if (standing.orgRole() == OrgRole.ADMIN || standing.orgRole() == OrgRole.BILLING) {
            return null;
        }
        Set<String> visible = new HashSet<>(em.createQuery("select wm.workspace.id from WorkspaceMember wm where wm.user.id = :user"
                        + " and wm.workspace.organization.id = :org and wm.role in ('workspace_developer', 'workspace_admin')", String.class)
                .setParameter("user", standing.principalId())
                .setParameter("org", standing.organizationId())
                .getResultList());
        if (standing.orgRole() == OrgRole.DEVELOPER && defaultId != null) {
            visible.add(defaultId);
        }
        if (visible.isEmpty()) {
            throw DomainException.permission("missing_permission", "Missing permission 'usage:read' in every workspace of the organization.");
        }
        return visible;
    }

    public static long epochMinute(Instant instant) {
        return Math.floorDiv(instant.getEpochSecond(), 60);
    }

}
