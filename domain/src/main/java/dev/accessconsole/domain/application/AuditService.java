package dev.accessconsole.domain.application;

import dev.accessconsole.domain.model.JsonBuilders;
import dev.accessconsole.authz.api.AccessRefused;
import dev.accessconsole.domain.model.AuditEvent;
import dev.accessconsole.domain.model.Cursor;
import dev.accessconsole.domain.model.Page;
import dev.accessconsole.domain.model.PageRequest;
import dev.accessconsole.domain.model.RequestCorrelation;
import dev.accessconsole.domain.model.Time;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.time.Instant;

/** The audit log: reading it, and recording every refusal the guard reports. */
@ApplicationScoped
public class AuditService {

    public record Filter(String actorId, String action, String targetId, String outcome, Instant startingAt, Instant endingAt) {
    }

    @PersistenceContext(unitName = "access-console")
    EntityManager em;

    @Inject
    RequestCorrelation correlation;

    @Transactional
    public Page<AuditEvent> list(String organizationId, Filter filter, PageRequest page) {
        StringBuilder base = new StringBuilder("select e from AuditEvent e where e.organizationId = :org");
        if (filter.actorId() != null) {
            base.append(" and e.actorId = :actor");
        }
        if (filter.action() != null) {
            base.append(" and e.action = :action");
        }
        if (filter.targetId() != null) {
            base.append(" and e.targetId = :target");
        }
        if (filter.outcome() != null) {
            base.append(" and e.outcome = :outcome");
        }
        if (filter.startingAt() != null) {
            base.append(" and e.occurredAt >= :start");
        }
        if (filter.endingAt() != null) {
            base.append(" and e.occurredAt < :end");
        }
        var query = em.createQuery(Cursor.jpql(base.toString(), "e.id", page), AuditEvent.class).setParameter("org", organizationId);
        if (filter.actorId() != null) {
            query.setParameter("actor", filter.actorId());
        }
        if (filter.action() != null) {
            query.setParameter("action", filter.action());
        }
        if (filter.targetId() != null) {
            query.setParameter("target", filter.targetId());
        }
        if (filter.outcome() != null) {
            query.setParameter("outcome", filter.outcome());
        }
        if (filter.startingAt() != null) {
            query.setParameter("start", filter.startingAt());
        }
        if (filter.endingAt() != null) {
            query.setParameter("end", filter.endingAt());
        }
        return Cursor.fetch(query, page);
    }

    /** Records a refused request in the organization it named, in a transaction of its own (the request has none to keep). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void onRefusal(@Observes AccessRefused refused) {
        if (refused.organizationId() == null || refused.organizationId().length() > 36) {
            return;
        }
        String details = JsonBuilders.object()
                .add("permission", refused.permission() == null ? "" : refused.permission())
                .add("error_code", refused.errorCode() == null ? "" : refused.errorCode())
                .add("workspace_id", refused.workspaceId() == null ? "" : refused.workspaceId())
                .add("reason", refused.reason() == null ? "" : refused.reason())
                .build().toString();
        String actor = refused.principalRef();
        em.persist(new AuditEvent(refused.organizationId(), switch (refused.principalKind()) {
                    case USER -> "user";
                    case ADMIN_API_KEY -> "admin_api_key";
                    case SCIM_TOKEN -> "scim_token";
                },
                actor == null ? null : actor.length() > 64 ? actor.substring(0, 64) : actor, "access.denied", "permission",
                refused.permission(), refused.outcome(), details, RequestCorrelation.of(correlation), Time.now()));
    }
}
