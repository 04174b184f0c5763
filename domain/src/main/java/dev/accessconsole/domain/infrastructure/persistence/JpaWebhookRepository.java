package dev.accessconsole.domain.infrastructure.persistence;

import dev.accessconsole.domain.model.AuditEvent;
import dev.accessconsole.domain.model.Cursor;
import dev.accessconsole.domain.model.Page;
import dev.accessconsole.domain.model.PageRequest;
import dev.accessconsole.domain.model.WebhookEndpoint;
import dev.accessconsole.domain.model.WebhookRepository;
import dev.accessconsole.domain.model.WebhookStream;
import dev.accessconsole.domain.model.ServerKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class JpaWebhookRepository implements WebhookRepository {

    @PersistenceContext(unitName = "access-console")
    EntityManager em;

    @Override
    public void add(WebhookEndpoint endpoint) {
        em.persist(endpoint);
    }

    @Override
    public Optional<WebhookEndpoint> endpoint(String organizationId, String endpointId) {
        WebhookEndpoint endpoint = endpointId == null ? null : em.find(WebhookEndpoint.class, endpointId);
        return Optional.ofNullable(endpoint).filter(e -> e.organizationId().equals(organizationId));
    }

    @Override
    public Page<WebhookEndpoint> endpoints(String organizationId, PageRequest page) {
        String base = "select e from WebhookEndpoint e where e.organizationId = :org";
        return Cursor.fetch(em.createQuery(Cursor.jpql(base, "e.id", page), WebhookEndpoint.class).setParameter("org", organizationId), page);
    }

    @Override
    public void remove(WebhookEndpoint endpoint) {
        em.remove(endpoint);
    }

    @Override
    public WebhookStream stream(String organizationId, Instant now) {
        WebhookStream stream = em.find(WebhookStream.class, organizationId);
        if (stream == null) {
            stream = new WebhookStream(organizationId, now);
            em.persist(stream);
        }
        return stream;
    }

    @Override
    public List<String> streamsToServe(String node, Instant now) {
        return em.createQuery("select s.organizationId from WebhookStream s where s.leaseUntil is null or s.leaseUntil < :now"
                        + " or s.leaseOwner = :node order by s.organizationId", String.class)
                .setParameter("now", now).setParameter("node", node).getResultList();
    }

    @Override
    public boolean lease(String organizationId, String node, Instant now, Instant until) {
        return em.createQuery("update WebhookStream s set s.leaseOwner = :node, s.leaseUntil = :until where s.organizationId = :org"
                        + " and (s.leaseUntil is null or s.leaseUntil < :now or s.leaseOwner = :node)")
                .setParameter("node", node).setParameter("until", until).setParameter("org", organizationId).setParameter("now", now)
                .executeUpdate() == 1;
    }

    @Override
    public List<AuditEvent> unnumbered(String organizationId, Instant since, int limit) {
        return em.createQuery("select e from AuditEvent e where e.organizationId = :org and e.streamSeq is null and e.occurredAt >= :since"
                        + " order by e.occurredAt, e.id", AuditEvent.class)
                .setParameter("org", organizationId).setParameter("since", since).setMaxResults(limit).getResultList();
    }

    @Override
    public boolean advance(String organizationId, String node, long expected, long next) {
        return em.createQuery("update WebhookStream s set s.nextSeq = :next where s.organizationId = :org and s.nextSeq = :expected"
                        + " and s.leaseOwner = :node")
                .setParameter("next", next).setParameter("org", organizationId).setParameter("expected", expected)
                .setParameter("node", node).executeUpdate() == 1;
    }

    @Override
    public List<AuditEvent> numberedAfter(String organizationId, long seq, int limit) {
        return em.createQuery("select e from AuditEvent e where e.organizationId = :org and e.streamSeq > :seq order by e.streamSeq", AuditEvent.class)
                .setParameter("org", organizationId).setParameter("seq", seq).setMaxResults(limit).getResultList();
    }

    @Override
    public List<WebhookEndpoint> enabled(String organizationId) {
        return em.createQuery("select e from WebhookEndpoint e where e.organizationId = :org and e.state = 'enabled' order by e.id", WebhookEndpoint.class)
                .setParameter("org", organizationId).getResultList();
    }

    @Override
    public long lastNumber(String organizationId) {
        WebhookStream stream = em.find(WebhookStream.class, organizationId);
        return stream == null ? 0 : stream.nextSeq() - 1;
    }

    @Override
    public Optional<String> serverKey(String name) {
        return em.createQuery("select k.keyValue from ServerKey k where k.name = :name", String.class)
                .setParameter("name", name).getResultStream().findFirst();
    }

    @Override
    public void addServerKey(String name, String value, Instant now) {
        em.persist(new ServerKey(name, value, now));
        em.flush();
    }
}
