package dev.accessconsole.domain.infrastructure.authz;

import dev.accessconsole.domain.model.AdminApiKey;
import dev.accessconsole.domain.model.DefinedRole;
import dev.accessconsole.domain.model.OrganizationMember;
import dev.accessconsole.domain.model.RbacGroup;
import dev.accessconsole.domain.model.RbacGroupMember;
import dev.accessconsole.domain.model.ScimToken;
import dev.accessconsole.domain.model.UserAccount;
import dev.accessconsole.domain.model.Workspace;
import dev.accessconsole.domain.model.WorkspaceMember;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.persistence.PostPersist;
import jakarta.persistence.PostRemove;
import jakarta.persistence.PostUpdate;

import java.util.Set;

/**
 * The entity listener of everything a standing is made of (organization memberships, workspace memberships, group
 * memberships, groups and their roles, custom roles, workspaces, Admin API keys, SCIM tokens): any insert, update or delete marks exactly the
 * standings it can change, when its transaction commits (a group's change: every standing of its organization). Being
 * the persistence unit's default listener (META-INF/orm.xml), not a call in each service, no write path can forget it;
 * every other entity passes through untouched; bulk JPQL updates, which skip listeners, are not used on these entities.
 */
public class StandingInvalidation {

    @PostPersist
    @PostUpdate
    @PostRemove
    void changed(Object entity) {
        Set<StandingCache.Key> keys;
        if (entity instanceof OrganizationMember member) {
            UserAccount user = member.user();
            // the standing in that organization, and the list of organizations (a caller naming none)
            keys = Set.of(new StandingCache.UserKey(user.issuer(), user.subject(), member.organizationId()),
                    new StandingCache.UserKey(user.issuer(), user.subject(), null));
        } else if (entity instanceof WorkspaceMember membership) {
            UserAccount user = membership.user();
            keys = Set.of(new StandingCache.UserKey(user.issuer(), user.subject(), membership.workspace().organizationId()));
        } else if (entity instanceof AdminApiKey key) {
            keys = Set.of(new StandingCache.AdminKeyKey(key.secretHash()));
        } else if (entity instanceof RbacGroupMember member) {
            UserAccount user = member.user();
            keys = Set.of(new StandingCache.UserKey(user.issuer(), user.subject(), member.organizationId()));
        } else if (entity instanceof RbacGroup group) {
            // its roles or its existence changed: any member's standing may hold it (group members are few enough to
            // mark one by one only when they are; a mark of the organization drops them all at once)
            keys = Set.of(new StandingCache.OrganizationKey(group.organizationId()));
        } else if (entity instanceof DefinedRole role) {
            // a custom role's permissions changed (or it was made or removed): any member's standing may hold it
            keys = Set.of(new StandingCache.OrganizationKey(role.organizationId()));
        } else if (entity instanceof Workspace workspace) {
            keys = Set.of(new StandingCache.WorkspaceKey(workspace.organizationId(), workspace.id()));
        } else if (entity instanceof ScimToken token) {
            keys = Set.of(new StandingCache.ProvisioningKey(token.secretHash()));
        } else {
            return;
        }
        CDI.current().select(StandingCache.class).get().invalidate(keys);
    }
}
