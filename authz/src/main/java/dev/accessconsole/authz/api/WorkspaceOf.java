package dev.accessconsole.authz.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a parameter holding the id of a resource that lives in a workspace (an API key, a saved prompt): the
 * workspace-level {@link RequiresPermission} is decided in that resource's workspace, which the
 * {@link dev.accessconsole.authz.spi.AccessLookup} finds. An unknown id is refused as not found.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface WorkspaceOf {

    /** The resource type, as the lookup knows it (for example {@code "api_key"}). */
    String value();
}
