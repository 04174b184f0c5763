package dev.accessconsole.domain.infrastructure.authz;

import dev.accessconsole.authz.api.MemberStanding;
import dev.accessconsole.authz.api.OrgRole;
import dev.accessconsole.authz.api.PrincipalKind;
import dev.accessconsole.authz.api.UserRef;
import dev.accessconsole.authz.api.WorkspaceStanding;
import dev.accessconsole.authz.spi.AccessLookup;
import dev.accessconsole.domain.model.AdminApiKey;
import dev.accessconsole.domain.model.ApiKey;
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
 * The authz SPI over JPA, read through the second-level cache: a standing is the user (natural id issuer + subject),
 * the organization membership (natural id organization + user) and the user's explicit workspace memberships (a cached
 * collection of cached entities); an Admin API key is its natural id, the secret's hash. Every one of these entries is
 * invalidated by the transaction that changes it, on every node, so a cached standing is never stale; a warm request
 * reads no row. A transaction that finds everything cached opens no database connection.
 */
@ApplicationScoped
public class JpaAccessLookup implements AccessLookup {

    @PersistenceContext(unitName = "access-console")
    EntityManager em;

    @Override
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

    @Override
    @Transactional
    public Optional<MemberStanding> adminKeyStanding(String secret) {
        if (secret == null || !secret.startsWith(Secrets.ADMIN_KEY_PREFIX) || secret.length() > 256) {
            return Optional.empty();
        }
        return em.unwrap(Session.class).byNaturalId(AdminApiKey.class).using("secretHash", Secrets.hash(secret)).loadOptional()
                .filter(key -> AdminApiKey.ACTIVE.equals(key.status()))
                .map(key -> new MemberStanding(key.organizationId(), PrincipalKind.ADMIN_API_KEY, key.id(), OrgRole.ADMIN, Map.of()));
    }

    @Override
    @Transactional
    public Optional<WorkspaceStanding> workspace(String organizationId, String workspaceId) {
        if (organizationId == null || workspaceId == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(em.find(Workspace.class, workspaceId))
                .filter(w -> organizationId.equals(w.organizationId()))
                .map(w -> new WorkspaceStanding(w.id(), w.kind(), w.archived()));
    }

    @Override
    @Transactional
    public Optional<String> workspaceOf(String resourceType, String resourceId, String organizationId) {
        if (!"api_key".equals(resourceType)) {
            throw new IllegalArgumentException("unknown resource type " + resourceType);
        }
        if (resourceId == null || organizationId == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(em.find(ApiKey.class, resourceId))
                .filter(k -> organizationId.equals(k.organizationId()))
                .map(k -> k.workspace().id());
    }

    @Override
    @Transactional
    public List<String> organizationsOf(UserRef user, int limit) {
        if (user.issuer() == null || user.subject() == null) {
            return List.of();
        }
        UserAccount account = em.unwrap(Session.class).byNaturalId(UserAccount.class)
                .using("issuer", user.issuer()).using("subject", user.subject()).load();
        if (account == null) {
            return List.of();
        }
        return account.organizationMemberships().stream().map(OrganizationMember::organizationId).sorted().limit(limit).toList();
    }

}
