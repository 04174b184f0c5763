package dev.accessconsole.authz.policy;

import dev.accessconsole.authz.api.Permission;
import dev.accessconsole.authz.api.PermissionDeclarations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

import java.util.logging.Logger;

/**
 * Joins what other modules declare ({@link PermissionDeclarations} beans) to the permission catalog when the
 * application starts, before it serves anything: from then on their permissions are enforced, listed and granted like
 * the built-in ones. A declaration that conflicts with the catalog (a built-in name, another scope) stops the start.
 */
@ApplicationScoped
public class PermissionCatalog {

    private static final Logger LOG = Logger.getLogger(PermissionCatalog.class.getName());

    void declare(@Observes @Initialized(ApplicationScoped.class) Object started, @Any Instance<PermissionDeclarations> modules) {
        for (PermissionDeclarations module : modules) {
            for (PermissionDeclarations.Declared declared : module.permissions()) {
                Permission permission = Permission.declare(declared.name(), declared.scope(), declared.description(), module.module());
                LOG.info(() -> "permission " + permission.value() + " (" + permission.scope().name().toLowerCase() + ") declared by module "
                        + module.module());
            }
        }
    }
}
