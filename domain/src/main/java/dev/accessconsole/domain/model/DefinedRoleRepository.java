package dev.accessconsole.domain.model;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An organization's custom roles (the custom role aggregate). */
public interface DefinedRoleRepository {

    void add(DefinedRole role);

    void remove(DefinedRole role);

    Optional<DefinedRole> find(String organizationId, String roleId);

    Optional<DefinedRole> findByName(String organizationId, String name);

    /** Every custom role of the organization, in id order (creation order). */
    List<DefinedRole> list(String organizationId);

    /** The organization's custom roles among {@code roleIds}, by id. */
    Map<String, DefinedRole> byIds(String organizationId, Collection<String> roleIds);
}
