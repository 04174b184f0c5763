package dev.accessconsole.domain.infrastructure.persistence;

import dev.accessconsole.domain.model.DefinedRole;
import dev.accessconsole.domain.model.DefinedRoleRepository;
import dev.accessconsole.domain.model.RbacGroup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

@ApplicationScoped
public class JpaDefinedRoleRepository implements DefinedRoleRepository {

    @PersistenceContext(unitName = "access-console")
    EntityManager em;

    @Override
    public void add(DefinedRole role) {
        em.persist(role);
    }

    @Override
    public void remove(DefinedRole role) {
        em.remove(role);
    }

    @Override
    public Optional<DefinedRole> find(String organizationId, String roleId) {
        if (organizationId == null || roleId == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(em.find(DefinedRole.class, roleId)).filter(r -> organizationId.equals(r.organizationId()));
    }

    @Override
    public Optional<DefinedRole> findByName(String organizationId, String name) {
        return em.createQuery("select r from DefinedRole r where r.organizationId = :org and r.nameKey = :key", DefinedRole.class)
                .setParameter("org", organizationId).setParameter("key", RbacGroup.nameKey(name)).getResultStream().findFirst();
    }

    @Override
    public List<DefinedRole> list(String organizationId) {
        return em.createQuery("select r from DefinedRole r where r.organizationId = :org order by r.id", DefinedRole.class)
                .setParameter("org", organizationId).getResultList();
    }

    @Override
    public Map<String, DefinedRole> byIds(String organizationId, Collection<String> roleIds) {
        Map<String, DefinedRole> found = new HashMap<>();
        if (roleIds.isEmpty()) {
            return found;
        }
        em.createQuery("select r from DefinedRole r where r.organizationId = :org and r.id in :ids", DefinedRole.class)
                .setParameter("org", organizationId).setParameter("ids", List.copyOf(roleIds)).getResultList()
                .forEach(r -> found.put(r.id(), r));
        return found;
    }
}
