package dev.accessconsole.domain.infrastructure.authz;

import dev.accessconsole.authz.api.MemberStanding;
import dev.accessconsole.authz.api.OrgRole;
import dev.accessconsole.authz.api.PrincipalKind;
import dev.accessconsole.authz.api.UserRef;
import dev.accessconsole.domain.model.AdminApiKey;
import dev.accessconsole.domain.model.OrganizationMember;
import dev.accessconsole.domain.model.OrganizationRepository;
import dev.accessconsole.domain.model.UserRepository;
import dev.accessconsole.domain.model.Workspace;
import dev.accessconsole.domain.model.WorkspaceMember;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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

    @Inject
    UserRepository users;

    @Inject
    OrganizationRepository organizations;

    @PersistenceContext(unitName = "access-console")
    EntityManager em;

    /** The person's standing in the organization (the caller, {@link JpaAccessLookup}, has checked the arguments). */
    @Transactional
    public Optional<MemberStanding> memberStanding(UserRef user, String organizationId) {
        return users.findByIdentity(user.issuer(), user.subject()).flatMap(account ->
                organizations.member(organizationId, account.id()).map(member -> {
                    Map<String, MemberStanding.Membership> memberships = new HashMap<>();
                    for (WorkspaceMember membership : account.workspaceMemberships()) {
                        Workspace workspace = membership.workspace();
                        if (organizationId.equals(workspace.organizationId())) {
                            memberships.put(workspace.id(), new MemberStanding.Membership(workspace.kind(), membership.role()));
                        }
                    }
                    return new MemberStanding(organizationId, PrincipalKind.USER, account.id(), member.role(), memberships);
                }));
    }

    /** An active Admin API key's standing, by its secret's hash. */
    @Transactional
    public Optional<MemberStanding> adminKeyStanding(String secretHash) {
        return em.unwrap(Session.class).byNaturalId(AdminApiKey.class).using("secretHash", secretHash).loadOptional()
                .filter(key -> AdminApiKey.ACTIVE.equals(key.status()))
                .map(key -> new MemberStanding(key.organizationId(), PrincipalKind.ADMIN_API_KEY, key.id(), OrgRole.ADMIN, Map.of()));
    }

    /** The ids of the organizations the person belongs to, sorted. */
    @Transactional
    public List<String> organizationsOf(UserRef user) {
        return users.findByIdentity(user.issuer(), user.subject())
                .map(account -> account.organizationMemberships().stream().map(OrganizationMember::organizationId).sorted().toList())
                .orElse(List.of());
    }
}
