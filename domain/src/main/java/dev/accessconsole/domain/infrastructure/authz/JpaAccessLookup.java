package dev.accessconsole.domain.infrastructure.authz;

import dev.accessconsole.authz.api.MemberStanding;
import dev.accessconsole.authz.api.OrgRole;
import dev.accessconsole.authz.api.PrincipalKind;
import dev.accessconsole.authz.api.UserRef;
import dev.accessconsole.authz.api.WorkspaceKind;
import dev.accessconsole.authz.api.WorkspaceRole;
import dev.accessconsole.authz.api.WorkspaceStanding;
import dev.accessconsole.authz.spi.AccessLookup;
import dev.accessconsole.domain.model.Secrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.List;
import java.util.Optional;

/**
 * The authz SPI over JPA: one indexed query per decision (organization membership, plus the requested workspace
 * and the explicit membership in it, by left joins).
 */
@ApplicationScoped
public class JpaAccessLookup implements AccessLookup {

    @PersistenceContext(unitName = "access-console")
    EntityManager em;

    @Override
    public Optional<MemberStanding> memberStanding(UserRef user, String organizationId, String workspaceId) {
        if (user.issuer() == null || user.subject() == null || organizationId == null) {
            return Optional.empty();
        }
        if (workspaceId == null) {
            return em.createQuery("select u.id, m.role from OrganizationMember m join m.user u"
                            + " where m.organization.id = :org and u.issuer = :iss and u.subject = :sub", Object[].class)
                    .setParameter("org", organizationId)
                    .setParameter("iss", user.issuer())
                    .setParameter("sub", user.subject())
                    .getResultStream().findFirst()
                    .map(row -> new MemberStanding(organizationId, PrincipalKind.USER, (String) row[0], role(row[1]), null));
        }
        return em.createQuery("select u.id, m.role, w.id, w.kind, w.archivedAt, wm.role"
                        + " from OrganizationMember m join m.user u"
                        + " left join Workspace w on w.id = :ws and w.organization = m.organization"
                        + " left join WorkspaceMember wm on wm.workspace = w and wm.user = u"
                        + " where m.organization.id = :org and u.issuer = :iss and u.subject = :sub", Object[].class)
                .setParameter("ws", workspaceId)
                .setParameter("org", organizationId)
                .setParameter("iss", user.issuer())
                .setParameter("sub", user.subject())
                .getResultStream().findFirst()
                .map(row -> new MemberStanding(organizationId, PrincipalKind.USER, (String) row[0], role(row[1]),
                        workspace(row[2], row[3], row[4], row[5])));
    }

    @Override
    public Optional<MemberStanding> adminKeyStanding(String secret, String workspaceId) {
        if (secret == null || !secret.startsWith(Secrets.ADMIN_KEY_PREFIX) || secret.length() > 256) {
            return Optional.empty();
        }
        return em.createQuery("select k.id, k.organizationId, w.id, w.kind, w.archivedAt from AdminApiKey k"
                        + " left join Workspace w on w.id = :ws and w.organization.id = k.organizationId"
                        + " where k.secretHash = :hash and k.status = 'active'", Object[].class)
                .setParameter("ws", workspaceId == null ? "" : workspaceId)
                .setParameter("hash", Secrets.hash(secret))
                .getResultStream().findFirst()
                .map(row -> new MemberStanding((String) row[1], PrincipalKind.ADMIN_API_KEY, (String) row[0], OrgRole.ADMIN,
                        workspace(row[2], row[3], row[4], null)));
    }

    @Override
    public Optional<String> workspaceOf(String resourceType, String resourceId) {
        String jpql = switch (resourceType) {
            case "api_key" -> "select k.workspace.id from ApiKey k where k.id = :id";
            default -> throw new IllegalArgumentException("unknown resource type " + resourceType);
        };
        return em.createQuery(jpql, String.class).setParameter("id", resourceId).getResultStream().findFirst();
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

    private static WorkspaceStanding workspace(Object id, Object kind, Object archivedAt, Object explicitRole) {
        if (id == null) {
            return null;
        }
        return new WorkspaceStanding((String) id, (WorkspaceKind) kind, archivedAt != null,
                explicitRole == null ? null : WorkspaceRole.fromValue((String) explicitRole).orElseThrow());
    }

}
