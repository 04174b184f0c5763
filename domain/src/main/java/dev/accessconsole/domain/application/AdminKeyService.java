package dev.accessconsole.domain.application;

import dev.accessconsole.domain.model.JsonBuilders;
import dev.accessconsole.domain.model.Actor;
import dev.accessconsole.domain.model.AdminApiKey;
import dev.accessconsole.domain.model.AuditLog;
import dev.accessconsole.domain.model.Cursor;
import dev.accessconsole.domain.model.DomainException;
import dev.accessconsole.domain.model.Page;
import dev.accessconsole.domain.model.PageRequest;
import dev.accessconsole.domain.model.Time;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * Admin API keys: created, listed and revoked under admin_keys:manage, which the policy never grants an Admin API key
 * (so a key never mints or revokes its peers).
 */
@ApplicationScoped
public class AdminKeyService {

    @Inject
    AuditLog audit;

    @PersistenceContext(unitName = "access-console")
    EntityManager em;

    @Transactional
    public AdminApiKey.Created create(Actor actor, String organizationId, String name) {
        String cleanName = Names.require("name", name, ApiKeyService.MAX_NAME_LENGTH);
        AdminApiKey.Created created = AdminApiKey.create(organizationId, cleanName, actor.id(), Time.now());
        em.persist(created.key());
        audit.record(organizationId, actor, "admin_api_key.create", "admin_api_key", created.key().id(),
                JsonBuilders.object().add("name", cleanName).build().toString());
        return created;
    }

    @Transactional
    public Page<AdminApiKey> list(Actor actor, String organizationId, PageRequest page) {
        String jpql = Cursor.jpql("select k from AdminApiKey k where k.organizationId = :org", "k.id", page);
        return Cursor.fetch(em.createQuery(jpql, AdminApiKey.class).setParameter("org", organizationId), page);
    }

    @Transactional
    public AdminApiKey revoke(Actor actor, String organizationId, String keyId) {
        AdminApiKey key = em.createQuery("select k from AdminApiKey k where k.id = :id and k.organizationId = :org", AdminApiKey.class)
                .setParameter("id", keyId)
                .setParameter("org", organizationId)
                .getResultStream().findFirst()
                .orElseThrow(() -> DomainException.notFound("Admin API key"));
        if (key.revokedAt() == null) {
            key.revoke(Time.now());
            audit.record(organizationId, actor, "admin_api_key.revoke", "admin_api_key", keyId, null);
        }
        return key;
    }

    /**
     * Revokes, in the caller's transaction, every active Admin API key the person created in the organization: called
     * when they stop being an admin there (roles.md). Returns the ids revoked.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public java.util.List<String> revokeCreatedBy(String organizationId, String userId) {
        java.util.List<AdminApiKey> active = em.createQuery("select k from AdminApiKey k where k.organizationId = :org"
                        + " and k.createdById = :user and k.status = :active", AdminApiKey.class)
                .setParameter("org", organizationId)
                .setParameter("user", userId)
                .setParameter("active", AdminApiKey.ACTIVE)
                .getResultList();
        java.time.Instant now = Time.now();
        active.forEach(key -> key.revoke(now));
        return active.stream().map(AdminApiKey::id).toList();
    }
}
