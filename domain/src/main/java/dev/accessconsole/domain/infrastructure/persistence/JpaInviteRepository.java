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
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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
    public Page<Invite> list(String organizationId, Set<Invite.Status> statuses, Set<String> roles, String email, Instant now, PageRequest page) {
        StringBuilder base = new StringBuilder("select i from Invite i where i.organization.id = :org");
        boolean needsNow = false;
        if (statuses.size() < Invite.Status.values().length) {
            // "expired" is not stored: it is a pending invite past its expiry
            List<String> any = new ArrayList<>();
            for (Invite.Status status : statuses) {
                any.add(switch (status) {
                    case PENDING -> "(i.status = :pending and i.expiresAt > :now)";
                    case EXPIRED -> "(i.status = :pending and i.expiresAt <= :now)";
                    case ACCEPTED -> "i.status = :accepted";
                    case DELETED -> "i.status = :deleted";
                });
                needsNow |= status == Invite.Status.PENDING || status == Invite.Status.EXPIRED;
            }
            base.append(any.isEmpty() ? " and 1 = 0" : " and (" + String.join(" or ", any) + ")");
        }
        if (!roles.isEmpty()) {
            base.append(" and i.role in :roles");
        }
        if (email != null) {
            base.append(" and i.email = :email");
        }
        var query = em.createQuery(Cursor.jpql(base.toString(), "i.id", page), Invite.class).setParameter("org", organizationId);
        for (Invite.Status status : statuses) {
            switch (status) {
                case PENDING, EXPIRED -> query.setParameter("pending", Invite.Status.PENDING.value());
                case ACCEPTED -> query.setParameter("accepted", Invite.Status.ACCEPTED.value());
                case DELETED -> query.setParameter("deleted", Invite.Status.DELETED.value());
            }
        }
        if (statuses.size() < Invite.Status.values().length && needsNow) {
            query.setParameter("now", now);
        }
        if (!roles.isEmpty()) {
            query.setParameter("roles", roles);
        }
        if (email != null) {
            query.setParameter("email", email);
        }
        return Cursor.fetch(query, page);
    }
}
