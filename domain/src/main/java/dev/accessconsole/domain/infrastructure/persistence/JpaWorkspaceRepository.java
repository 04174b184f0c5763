package dev.accessconsole.domain.infrastructure.persistence;

import dev.accessconsole.authz.api.WorkspaceKind;
import dev.accessconsole.domain.model.Workspace;
import dev.accessconsole.domain.model.WorkspaceRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.Optional;

@ApplicationScoped
public class JpaWorkspaceRepository implements WorkspaceRepository {

    @PersistenceContext(unitName = "access-console")
    EntityManager em;

    @Override
    public void add(Workspace workspace) {
        em.persist(workspace);
    }

    @Override
    public Optional<Workspace> find(String organizationId, String workspaceId) {
        return em.createQuery("select w from Workspace w where w.id = :id and w.organization.id = :org", Workspace.class)
                .setParameter("id", workspaceId)
                .setParameter("org", organizationId)
                .getResultStream().findFirst();
    }

    @Override
    public Optional<Workspace> defaultWorkspace(String organizationId) {
        return em.createQuery("select w from Workspace w where w.organization.id = :org and w.kind = :kind", Workspace.class)
                .setParameter("org", organizationId)
                .setParameter("kind", WorkspaceKind.DEFAULT)
                .getResultStream().findFirst();
    }

    @Override
    public int removeMembershipsOf(String organizationId, String userId) {
        return em.createQuery("delete from WorkspaceMember wm where wm.user.id = :user"
                        + " and wm.workspace.id in (select w.id from Workspace w where w.organization.id = :org)")
                .setParameter("user", userId)
                .setParameter("org", organizationId)
                .executeUpdate();
    }
}
