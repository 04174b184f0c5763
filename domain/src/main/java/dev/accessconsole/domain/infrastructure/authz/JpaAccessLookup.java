package dev.accessconsole.domain.infrastructure.authz;

import dev.accessconsole.authz.api.MemberStanding;
import dev.accessconsole.authz.api.OrgRole;
import dev.accessconsole.authz.api.PrincipalKind;
import dev.accessconsole.authz.api.UserRef;
import dev.accessconsole.authz.api.WorkspaceKind;
import dev.accessconsole.authz.api.WorkspaceRole;
import dev.accessconsole.authz.api.WorkspaceStanding;
import dev.accessconsole.authz.spi.AccessLookup;
import dev.accessconsole.domain.model.AdminApiKey;
import dev.accessconsole.domain.model.Secrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The authz SPI over JPA: a standing is the organization membership (one indexed query) and the explicit workspace
 * memberships in that organization (one more); a workspace's facts and a resource's workspace are one query each.
 */
@ApplicationScoped
public class JpaAccessLookup implements AccessLookup {

    @PersistenceContext(unitName = "access-console")
    EntityManager em;

    @Override
    public Optional<MemberStanding> memberStanding(UserRef user, String organizationId) {
        if (user.issuer() == null || user.subject() == null || organizationId == null) {
            return Optional.empty();
        }
        Optional<Object[]> member = em.createQuery("select u.id, m.role from OrganizationMember m join m.user u"
                        + " where m.organization.id = :org and u.issuer = :iss and u.subject = :sub", Object[].class)
                .setParameter("org", organizationId)
                .setParameter("iss", user.issuer())
                .setParameter("sub", user.subject())
                .getResultStream().findFirst();
        if (member.isEmpty()) {
            return Optional.empty();
        }
        String userId = (String) member.get()[0];
        Map<String, MemberStanding.Membership> memberships = new HashMap<>();
        for (Object[] row : em.createQuery("select w.id, w.kind, wm.role from WorkspaceMember wm join wm.workspace w"
                        + " where wm.user.id = :user and w.organization.id = :org", Object[].class)
                .setParameter("user", userId)
                .setParameter("org", organizationId)
                .getResultList()) {
            memberships.put((String) row[0], new MemberStanding.Membership((WorkspaceKind) row[1],
                    WorkspaceRole.fromValue((String) row[2]).orElseThrow()));
        }
        return Optional.of(new MemberStanding(organizationId, PrincipalKind.USER, userId, role(member.get()[1]), memberships));
    }

    @Override
    public Optional<MemberStanding> adminKeyStanding(String secret) {
        if (secret == null || !secret.startsWith(Secrets.ADMIN_KEY_PREFIX) || secret.length() > 256) {
            return Optional.empty();
        }
        return em.createQuery("select k.id, k.organizationId from AdminApiKey k where k.secretHash = :hash and k.status = :active", Object[].class)
                .setParameter("hash", Secrets.hash(secret))
                .setParameter("active", AdminApiKey.ACTIVE)
                .getResultStream().findFirst()
                .map(row -> new MemberStanding((String) row[1], PrincipalKind.ADMIN_API_KEY, (String) row[0], OrgRole.ADMIN, Map.of()));
    }

    @Override
    public Optional<WorkspaceStanding> workspace(String organizationId, String workspaceId) {
        if (organizationId == null || workspaceId == null) {
            return Optional.empty();
        }
        return em.createQuery("select w.id, w.kind, w.archivedAt from Workspace w where w.id = :id and w.organization.id = :org", Object[].class)
                .setParameter("id", workspaceId)
                .setParameter("org", organizationId)
                .getResultStream().findFirst()
                .map(row -> new WorkspaceStanding((String) row[0], (WorkspaceKind) row[1], row[2] != null));
    }

    @Override
    public Optional<String> workspaceOf(String resourceType, String resourceId, String organizationId) {
        String jpql = switch (resourceType) {
            case "api_key" -> "select k.workspace.id from ApiKey k where k.id = :id and k.organizationId = :org";
            default -> throw new IllegalArgumentException("unknown resource type " + resourceType);
        };
        return em.createQuery(jpql, String.class).setParameter("id", resourceId).setParameter("org", organizationId)
                .getResultStream().findFirst();
    }

    @Override
    public List<String> organizationsOf(UserRef user, int limit) {
        return em.createQuery("select m.organization.id from OrganizationMember m join m.user u"
                        + " where u.issuer = :iss and u.subject = :sub order by m.organization.id", String.class)
                .setParameter("iss", user.issuer())
                .setParameter("sub", user.subject())
                .setMaxResults(limit)
                .getResultList();
    }

    private static OrgRole role(Object value) {
        return OrgRole.fromValue((String) value).orElseThrow();
    }
}
