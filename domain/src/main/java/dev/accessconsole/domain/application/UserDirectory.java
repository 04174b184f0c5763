package dev.accessconsole.domain.application;

import dev.accessconsole.authz.api.UserRef;
import dev.accessconsole.domain.model.OrganizationMember;
import dev.accessconsole.domain.model.OrganizationRepository;
import dev.accessconsole.domain.model.Time;
import dev.accessconsole.domain.model.UserAccount;
import dev.accessconsole.domain.model.UserRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Optional;

/** People as the identity provider knows them; a user record is created on the first authenticated call. */
@ApplicationScoped
public class UserDirectory {

    @Inject
    UserRepository users;

    @Inject
    OrganizationRepository organizations;

    @Inject
    UserRegistration registration;

    /** The user for a verified token, created (or its email and name refreshed) as needed. */
    public UserAccount ensure(UserRef identity, String email, boolean emailVerified, String name) {
        try {
            return registration.register(identity, email, emailVerified, name);
        } catch (RuntimeException raceLost) {
            // a concurrent first call inserted the same identity (unique constraint): its row is the answer
            return registration.find(identity).orElseThrow(() -> raceLost);
        }
    }

    @Transactional
    public Optional<UserAccount> find(String userId) {
        return users.find(userId);
    }

    /** The user's organizations with roles, oldest membership first. */
    @Transactional
    public List<OrganizationMember> memberships(String userId) {
        return organizations.membershipsOf(userId);
    }

    /** The transactional half of {@link #ensure}, in its own transaction so that a lost race can be retried. */
    @ApplicationScoped
    public static class UserRegistration {

        @Inject
        UserRepository users;

        @PersistenceContext(unitName = "access-console")
        EntityManager em;

        @Transactional(Transactional.TxType.REQUIRES_NEW)
        public UserAccount register(UserRef identity, String email, boolean emailVerified, String name) {
            Optional<UserAccount> existing = users.findByIdentity(identity.issuer(), identity.subject());
            if (existing.isPresent()) {
                existing.get().updateProfile(email, emailVerified, name);
                return existing.get();
            }
            String address = UserAccount.normalizeEmail(email);
            if (emailVerified && address != null) {
                // the person an identity provider provisioned by this email (SCIM) signs in for the first time: the
                // provisioned account takes their identity, with every membership made for it
                Optional<UserAccount> provisioned = em.createQuery("select u from UserAccount u where u.issuer = :provisioned and u.email = :email"
                                + " order by u.createdAt, u.id", UserAccount.class)
                        .setParameter("provisioned", UserAccount.PROVISIONED_ISSUER).setParameter("email", address)
                        .setMaxResults(1).getResultStream().findFirst();
                if (provisioned.isPresent()) {
                    provisioned.get().bind(identity.issuer(), identity.subject());
                    provisioned.get().updateProfile(email, true, name);
                    em.flush();
                    return provisioned.get();
                }
            }
            UserAccount created = new UserAccount(identity.issuer(), identity.subject(), email, emailVerified, name, Time.now());
            users.add(created);
            em.flush();
            return created;
        }

        @Transactional(Transactional.TxType.REQUIRES_NEW)
        public Optional<UserAccount> find(UserRef identity) {
            return users.findByIdentity(identity.issuer(), identity.subject());
        }
    }
}
