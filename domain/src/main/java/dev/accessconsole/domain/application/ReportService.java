package dev.accessconsole.domain.application;

import dev.accessconsole.authz.api.WorkspaceScope;
import dev.accessconsole.domain.infrastructure.persistence.WorkspaceScopes;
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
 * workspaces of the scope the policy derives for usage:read / cost:read (org admins and billing: every row, Claude Code
 * spend included, as Claude Code's documentation sends them there).
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

    /** Aggregates the usage of the organization's workspaces in {@code scope} (where the policy grants the caller usage:read or cost:read). */
    @Transactional
    public List<Row> aggregate(String organizationId, WorkspaceScope scope, Query query) {
        if (query.bucketMinutes() != 1 && query.bucketMinutes() != 60 && query.bucketMinutes() != 1440) {
            throw new IllegalArgumentException("bucket width");
        }
        String defaultId = workspaces.defaultWorkspace(organizationId).map(Workspace::id).orElse(null);
        // whole UTC days are read from the daily sums (thousands of rows for a month, not every event); anything finer, or
        // a window that does not start and end on a day boundary, from the events
        boolean daily = query.bucketMinutes() == 1440 && query.fromMinute() % 1440 == 0 && query.toMinute() % 1440 == 0;
        // the bucket width is one of three literals, inlined so that the grouped expression is identical in select and group by
        String bucket = daily ? "e.epochDay" : "(e.epochMinute / " + query.bucketMinutes() + ")";
        StringBuilder jpql = new StringBuilder("select " + bucket + ", e.workspaceId, e.apiKeyId, e.model, sum(e.inputTokens), sum(e.outputTokens)"
                + (daily ? " from UsageDaily e where e.organizationId = :org and e.epochDay >= :from and e.epochDay < :to"
                : " from UsageEvent e where e.organizationId = :org and e.epochMinute >= :from and e.epochMinute < :to"));
        if (!scope.isAll()) {
            jpql.append(" and e.workspaceId in (select w.id from Workspace w where w.organization.id = :org")
                    .append(WorkspaceScopes.predicate("w", scope)).append(")");
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
        TypedQuery<Object[]> q = WorkspaceScopes.bind(em.createQuery(jpql.toString(), Object[].class), scope)
                .setParameter("org", organizationId)
                .setParameter("from", daily ? query.fromMinute() / 1440 : query.fromMinute())
                .setParameter("to", daily ? query.toMinute() / 1440 : query.toMinute());
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

    public static long epochMinute(Instant instant) {
        return Math.floorDiv(instant.getEpochSecond(), 60);
    }

}
