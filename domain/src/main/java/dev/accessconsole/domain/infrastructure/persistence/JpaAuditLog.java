package dev.accessconsole.domain.infrastructure.persistence;

import dev.accessconsole.domain.model.Actor;
import dev.accessconsole.domain.model.AuditEvent;
import dev.accessconsole.domain.model.AuditLog;
import dev.accessconsole.domain.model.RequestCorrelation;
import dev.accessconsole.domain.model.Time;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

@ApplicationScoped
public class JpaAuditLog implements AuditLog {

    @PersistenceContext(unitName = "access-console")
    EntityManager em;

    @Inject
    RequestCorrelation correlation;

    @Override
    public void record(String organizationId, Actor actor, String action, String targetType, String targetId, String details) {
        em.persist(new AuditEvent(organizationId, actor.kindName(), actor.id(), action, targetType, targetId, "success",
                details, RequestCorrelation.of(correlation), Time.now()));
    }

    @Override
    @jakarta.transaction.Transactional(jakarta.transaction.Transactional.TxType.REQUIRES_NEW)
    public void recordRefusal(String organizationId, Actor actor, String action, String targetType, String targetId, String details) {
        em.persist(new AuditEvent(organizationId, actor.kindName(), actor.id(), action, targetType, targetId, "denied",
                details, RequestCorrelation.of(correlation), Time.now()));
    }
}
