package dev.accessconsole.domain.infrastructure.persistence;

import dev.accessconsole.domain.model.Cursor;
import dev.accessconsole.domain.model.FederationIssuer;
import dev.accessconsole.domain.model.FederationRepository;
import dev.accessconsole.domain.model.FederationRule;
import dev.accessconsole.domain.model.FederationToken;
import dev.accessconsole.domain.model.Page;
import dev.accessconsole.domain.model.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class JpaFederationRepository implements FederationRepository {

    @PersistenceContext
    EntityManager em;

    @Override
    public void add(FederationIssuer issuer) {
        em.persist(issuer);
    }

    @Override
    public Optional<FederationIssuer> issuer(String organizationId, String issuerId) {
        FederationIssuer issuer = issuerId == null ? null : em.find(FederationIssuer.class, issuerId);
        return Optional.ofNullable(issuer).filter(i -> i.organizationId().equals(organizationId));
    }

    @Override
    public Page<FederationIssuer> issuers(String organizationId, boolean includeArchived, PageRequest page) {
        String base = "select i from FederationIssuer i where i.organizationId = :org" + (includeArchived ? "" : " and i.stamps.archivedAt is null");
        return Cursor.fetch(em.createQuery(Cursor.jpql(base, "i.id", page), FederationIssuer.class).setParameter("org", organizationId), page);
    }

    @Override
    public List<FederationIssuer> issuersByUrl(String issuerUrl) {
        return em.createQuery("select i from FederationIssuer i where i.issuerUrl = :url and i.stamps.archivedAt is null order by i.id", FederationIssuer.class)
                .setParameter("url", issuerUrl).getResultList();
    }

    @Override
    public List<FederationIssuer> dueForPolling(Instant now) {
        return em.createQuery("select i from FederationIssuer i where i.stamps.archivedAt is null and i.jwksPollingDisabledAt is null"
                        + " and i.jwksType <> :inline and (i.nextPollAt is null or i.nextPollAt <= :now) order by i.id", FederationIssuer.class)
                .setParameter("inline", FederationIssuer.JwksType.INLINE).setParameter("now", now).setMaxResults(100).getResultList();
    }

    @Override
    public void add(FederationRule rule) {
        em.persist(rule);
    }

    @Override
    public Optional<FederationRule> rule(String organizationId, String ruleId) {
        FederationRule rule = ruleId == null ? null : em.find(FederationRule.class, ruleId);
        return Optional.ofNullable(rule).filter(r -> r.organizationId().equals(organizationId));
    }

    @Override
    public Page<FederationRule> rules(String organizationId, String issuerId, boolean includeArchived, PageRequest page) {
        String base = "select r from FederationRule r where r.organizationId = :org" + (includeArchived ? "" : " and r.stamps.archivedAt is null")
                + (issuerId == null ? "" : " and r.issuerId = :issuer");
        var query = em.createQuery(Cursor.jpql(base, "r.id", page), FederationRule.class).setParameter("org", organizationId);
        if (issuerId != null) {
            query.setParameter("issuer", issuerId);
        }
        return Cursor.fetch(query, page);
    }

    @Override
    public List<FederationRule> activeRules(String issuerId) {
        return em.createQuery("select r from FederationRule r where r.issuerId = :issuer and r.stamps.archivedAt is null order by r.id", FederationRule.class)
                .setParameter("issuer", issuerId).getResultList();
    }

    @Override
    public boolean firstUse(String issuerId, String jti, Instant expiresAt) {
        // expired entries go first, so that the table holds only what can still be replayed
        em.createNativeQuery("delete from federation_seen_jti where issuer_id = ?1 and expires_at < ?2")
                .setParameter(1, issuerId).setParameter(2, dev.accessconsole.domain.model.Time.now()).executeUpdate();
        Number seen = (Number) em.createNativeQuery("select count(*) from federation_seen_jti where issuer_id = ?1 and jti = ?2")
                .setParameter(1, issuerId).setParameter(2, jti).getSingleResult();
        if (seen.longValue() > 0) {
            return false;
        }
        // a concurrent first use of the same jti fails this insert on the primary key: one of the two wins
        em.createNativeQuery("insert into federation_seen_jti (issuer_id, jti, expires_at) values (?1, ?2, ?3)")
                .setParameter(1, issuerId).setParameter(2, jti).setParameter(3, expiresAt).executeUpdate();
        return true;
    }

    @Override
    public void add(FederationToken token) {
        em.persist(token);
    }

    @Override
    public Optional<FederationToken> tokenBySecretHash(String secretHash) {
        return em.unwrap(org.hibernate.Session.class).byNaturalId(FederationToken.class).using("secretHash", secretHash).loadOptional();
    }
}
