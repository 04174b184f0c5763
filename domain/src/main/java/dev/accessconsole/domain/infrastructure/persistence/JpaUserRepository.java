package dev.accessconsole.domain.infrastructure.persistence;

import dev.accessconsole.domain.model.UserAccount;
import dev.accessconsole.domain.model.UserRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.Optional;

@ApplicationScoped
public class JpaUserRepository implements UserRepository {

    @PersistenceContext(unitName = "access-console")
    EntityManager em;

    @Override
    public void add(UserAccount user) {
        em.persist(user);
    }

    @Override
    public Optional<UserAccount> find(String userId) {
        return Optional.ofNullable(em.find(UserAccount.class, userId));
    }

    @Override
    public Optional<UserAccount> findByIdentity(String issuer, String subject) {
        return em.unwrap(org.hibernate.Session.class).byNaturalId(UserAccount.class)
                .using("issuer", issuer).using("subject", subject).loadOptional();
    }
}
