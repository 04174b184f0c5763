package dev.accessconsole.domain.infrastructure.authz;

import dev.accessconsole.authz.api.WorkspaceStanding;
import dev.accessconsole.domain.model.Workspace;
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

import dev.accessconsole.authz.api.HeldRole;
import dev.accessconsole.domain.model.RbacGroupRepository;
import dev.accessconsole.domain.model.ScimToken;
import dev.accessconsole.domain.model.SignInDomain;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loads what {@link StandingCache} keeps, from the database (nothing decides access from Hibernate's second-level cache,
 * which is off): the user by natural id (issuer + subject), the organization membership by natural id (organization +
 * user), the user's explicit workspace memberships, an Admin API key by its secret's hash, a workspace's kind and state,
 * an API key's workspace.
 */
@ApplicationScoped
public class StandingLoader {

    @Inject
    UserRepository users;

    @Inject
    OrganizationRepository organizations;

    @PersistenceContext(unitName = "access-console")
    EntityManager em;

    @Inject
    RbacGroupRepository groups;

    @Inject
    dev.accessconsole.domain.application.MemberRoles memberRoles;

    /**
     * The person's standing in the organization (the caller, {@link JpaAccessLookup}, has checked the arguments): their
     * direct role and their groups' roles, explicit workspace memberships, and when their sessions were last ended; none
     * while they are suspended.
     */
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
                    List<HeldRole> roles = new ArrayList<>();
                    roles.add(HeldRole.direct(member.role()));
                    roles.addAll(groups.groupRoles(organizationId, account.id()));
                    return new MemberStanding(organizationId, PrincipalKind.USER, account.id(), roles, memberRoles.customRoles(organizationId, account.id()),
                            memberships, member.sessionsNotBefore());
                }));
    }

    /** An active SCIM token's standing, by its secret's hash: it holds no role; it acts only where provisioning is declared. */
    @Transactional
    public Optional<MemberStanding> provisioningStanding(String secretHash) {
        return em.createQuery("select t from ScimToken t where t.secretHash = :hash and t.revokedAt is null", ScimToken.class)
                .setParameter("hash", secretHash).getResultStream().findFirst()
                .map(token -> new MemberStanding(token.organizationId(), PrincipalKind.SCIM_TOKEN, token.id(), List.of(), Map.of(), 0));
    }

    /** The organization owning the person's verified email domain, if they are an active member of it. */
    @Transactional
    public Optional<String> signInOrganization(UserRef user) {
        return users.findByIdentity(user.issuer(), user.subject())
                .filter(account -> account.emailVerified() && account.email() != null && account.email().indexOf('@') > 0)
                .flatMap(account -> Optional.ofNullable(em.find(SignInDomain.class, account.email().substring(account.email().lastIndexOf('@') + 1)))
                        .map(SignInDomain::organizationId)
                        .filter(organizationId -> organizations.member(organizationId, account.id()).isPresent()));
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
                .map(account -> account.organizationMemberships().stream().filter(m -> !m.suspended())
                        .map(OrganizationMember::organizationId).sorted().toList())
                .orElse(List.of());
    }

    /** What the guard reads of a workspace of the organization: its kind and whether it is archived. */
    @Transactional
    public Optional<WorkspaceStanding> workspace(String organizationId, String workspaceId) {
        return Optional.ofNullable(em.find(Workspace.class, workspaceId))
                .filter(w -> organizationId.equals(w.organizationId()))
                .map(w -> new WorkspaceStanding(w.id(), w.kind(), w.archived()));
    }

    /** The organization and workspace an API key is in ({organization id, workspace id}); empty for no such key. */
    @Transactional
    public Optional<String[]> apiKeyWorkspace(String apiKeyId) {
        return em.createQuery("select k.organizationId, k.workspace.id from ApiKey k where k.id = :id", Object[].class)
                .setParameter("id", apiKeyId).getResultStream().findFirst()
                .map(row -> new String[]{(String) row[0], (String) row[1]});
    }
}
