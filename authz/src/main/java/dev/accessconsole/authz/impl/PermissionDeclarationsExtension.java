package dev.accessconsole.authz.impl;

import dev.accessconsole.authz.api.Permission;
import dev.accessconsole.authz.api.PermissionDeclarations;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessBean;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * Joins what other modules declare ({@link PermissionDeclarations} beans, wherever they are in the deployment: a jar of
 * the EAR, a web module's library) to the permission catalog once the deployment is validated, before it serves
 * anything. A portable extension sees every bean archive of the deployment, where a bean of this library could not
 * see a web module's beans. A declaration that conflicts with the catalog (a built-in name, another scope) fails the
 * deployment.
 */
public class PermissionDeclarationsExtension implements Extension {

    private static final Logger LOG = Logger.getLogger(PermissionDeclarationsExtension.class.getName());

    private final List<Bean<?>> declarations = new ArrayList<>();

    void found(@Observes ProcessBean<?> event) {
        if (event.getBean().getTypes().contains(PermissionDeclarations.class)) {
            declarations.add(event.getBean());
        }
    }

    void declare(@Observes AfterDeploymentValidation validated, BeanManager beans) {
        for (Bean<?> bean : declarations) {
            PermissionDeclarations module = (PermissionDeclarations) beans.getReference(bean, PermissionDeclarations.class,
                    beans.createCreationalContext(bean));
            for (PermissionDeclarations.Declared declared : module.permissions()) {
                try {
                    Permission permission = Permission.declare(declared.name(), declared.scope(), declared.description(), module.module());
                    LOG.info(() -> "permission " + permission.value() + " (" + permission.scope().name().toLowerCase() + ") declared by module "
                            + module.module());
                } catch (RuntimeException conflict) {
                    validated.addDeploymentProblem(conflict);
                }
            }
        }
    }
}
