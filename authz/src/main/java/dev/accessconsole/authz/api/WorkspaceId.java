package dev.accessconsole.authz.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the method parameter (a {@code String}) that names the workspace a workspace-level
 * {@link RequiresPermission} is decided in. A null value means the organization's Default workspace.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface WorkspaceId {
}
