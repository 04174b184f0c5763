package dev.accessconsole.it.probe;

import dev.accessconsole.authz.api.AccessContext;
import dev.accessconsole.authz.api.Permissions;
import dev.accessconsole.authz.api.RequiresPermission;
import dev.accessconsole.authz.api.WorkspaceId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** A bean of "another team's module": it knows nothing of the web module, only the authz annotations. */
@ApplicationScoped
public class MemberReport {

    @Inject
    AccessContext access;

    @RequiresPermission(Permissions.MEMBERS_MANAGE)
    public String organizationForAdmins() {
        return access.organizationId();
    }

    @RequiresPermission(Permissions.API_KEYS_MANAGE)
    public String keysIn(@WorkspaceId String workspaceId) {
        return "keys of " + (workspaceId == null ? "default" : workspaceId);
    }
}
