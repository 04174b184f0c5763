package dev.accessconsole.domain.infrastructure.authz;

import dev.accessconsole.authz.api.MemberStanding;
import dev.accessconsole.authz.api.OrgRole;
import dev.accessconsole.authz.api.PrincipalKind;
import dev.accessconsole.authz.api.UserRef;
import dev.accessconsole.domain.model.AdminApiKey;
import dev.accessconsole.domain.model.Organization;
import dev.accessconsole.domain.model.OrganizationMember;
import dev.accessconsole.domain.model.Secrets;
import dev.accessconsole.domain.model.UserAccount;
import dev.accessconsole.domain.model.Workspace;
import dev.accessconsole.domain.model.WorkspaceMember;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loads what {@link StandingCache} keeps, through the second-level cache (so a miss usually reads no row either): the
 * user by natural id (issuer + subject), the organization membership by natural id (organization + user), the user's
 * explicit workspace memberships (a cached collection of cached entities), an Admin API key by its secret's hash.
 */
@ApplicationScoped
public class StandingLoader {

    @PersistenceContext(unitName = "access-console")
    EntityManager em;

    @Transactional
    public Optional<MemberStanding> memberStanding(UserRef user, String organizationId) {
        if (user.issuer() == null || user.subject() == null || organizationId == null) {
            return Optional.empty();
        }
        Session session = em.unwrap(Session.class);
        UserAccount account = session.byNaturalId(UserAccount.class)
                .using("issuer", user.issuer()).using("subject", user.subject()).load();
        if (account == null) {
            return Optional.empty();
        }
        OrganizationMember member = session.byNaturalId(OrganizationMember.class)
                .using("organization", session.getReference(Organization.class, organizationId))
                .using("user", account).load();
        if (member == null) {
            return Optional.empty();
        }
        Map<String, MemberStanding.Membership> memberships = new HashMap<>();
        for (WorkspaceMember membership : account.workspaceMemberships()) {
            Workspace workspace = membership.workspace();
            if (organizationId.equals(workspace.organizationId())) {
                memberships.put(workspace.id(), new MemberStanding.Membership(workspace.kind(), membership.role()));
            }
        }
        return Optional.of(new MemberStanding(organizationId, PrincipalKind.USER, account.id(), member.role(), memberships));
    }

    @Transactional
    public Optional<MemberStanding> adminKeyStanding(String secret) {
        if (secret == null || !secret.startsWith(Secrets.ADMIN_KEY_PREFIX) || secret.length() > 256) {
            return Optional.empty();
        }
        return em.unwrap(Session.class).byNaturalId(AdminApiKey.class).using("secretHash", Secrets.hash(secret)).loadOptional()
                .filter(key -> AdminApiKey.ACTIVE.equals(key.status()))
                .map(key -> new MemberStanding(key.organizationId(), PrincipalKind.ADMIN_API_KEY, key.id(), OrgRole.ADMIN, Map.of()));
    }

    @Transactional
    public List<String> organizationsOf(UserRef user) {
        if (user.issuer() == null || user.subject() == null) {
            return List.of();
        }
        UserAccount account = em.unwrap(Session.class).byNaturalId(UserAccount.class)
                .using("issuer", user.issuer()).using("subject", user.subject()).load();
        if (account == null) {
            return List.of();
        }
        return account.organizationMemberships().stream().map(OrganizationMember::organizationId).sorted().toList();
    }

}
