package dev.accessconsole.domain.infrastructure.persistence;

import dev.accessconsole.domain.model.Cursor;
import dev.accessconsole.domain.model.Invite;
import dev.accessconsole.domain.model.InviteRepository;
import dev.accessconsole.domain.model.Page;
import dev.accessconsole.domain.model.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import java.time.Instant;
import java.util.Optional;

@ApplicationScoped
public class JpaInviteRepository implements InviteRepository {

    @PersistenceContext(unitName = "access-console")
    EntityManager em;

    @Override
    public void add(Invite invite) {
        em.persist(invite);
    }

    @Override
    public Optional<Invite> find(String organizationId, String inviteId) {
        return em.createQuery("select i from Invite i where i.id = :id and i.organization.id = :org", Invite.class)
                .setParameter("id", inviteId)
                .setParameter("org", organizationId)
                .getResultStream().findFirst();
    }

    @Override
    public Optional<Invite> findForAcceptance(String inviteId) {
        return Optional.ofNullable(em.find(Invite.class, inviteId, LockModeType.PESSIMISTIC_WRITE));
    }

    @Override
    public boolean hasPendingInvite(String organizationId, String email, Instant now) {
        return em.createQuery("select count(i) from Invite i where i.organization.id = :org and i.email = :email"
                        + " and i.status = 'pending' and i.expiresAt > :now", Long.class)
                .setParameter("org", organizationId)
                .setParameter("email", email)
                .setParameter("now", now)
                .getSingleResult() > 0;
    }

    @Override
    public Page<Invite> list(String organizationId, Invite.Status status, String email, Instant now, PageRequest page) {
        StringBuilder base = new StringBuilder("select i from Invite i where i.organization.id = :org");
        if (status != null) {
            // "expired" is not stored: it is a pending invite past its expiry
            base.append(switch (status) {
                case PENDING -> " and i.status = 'pending' and i.expiresAt > :now";
                case EXPIRED -> " and i.status = 'pending' and i.expiresAt <= :now";
                case ACCEPTED -> " and i.status = 'accepted'";
                case DELETED -> " and i.status = 'deleted'";
            });
        }
        if (email != null) {
            base.append(" and i.email = :email");
        }
        var query = em.createQuery(Cursor.jpql(base.toString(), "i.id", page), Invite.class).setParameter("org", organizationId);
        if (status == Invite.Status.PENDING || status == Invite.Status.EXPIRED) {
            query.setParameter("now", now);
        }
        if (email != null) {
            query.setParameter("email", email);
        }
        return Cursor.fetch(query, page);
    }
}
