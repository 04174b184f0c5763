package dev.accessconsole.authz.api;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Guards a CDI bean method (or every method of a class) with one or more {@code resource:action}
 * permissions from {@link Permissions}. The caller must be a member of the organization of the call
 * and, for workspace-level permissions, hold them in the workspace named by the {@link WorkspaceId}
 * parameter (the Default workspace when there is none or it is null).
 *
 * <p>Outcomes: no credential → {@link AccessDeniedException.Unauthenticated}; organization or workspace the
 * caller cannot see → {@link AccessDeniedException.NotVisible}; permission missing →
 * {@link AccessDeniedException.MissingPermission}.
 */
@Inherited
@InterceptorBinding
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RequiresPermission {

    /** The permissions; by default any one of them suffices. */
    @Nonbinding
    String[] value();

    /** When true, every listed permission is required. */
    @Nonbinding
    boolean all() default false;

    /**
     * For a list of workspace-level things: the caller must hold the (workspace-level) permission in at least one
     * workspace of the organization, and the method shows only the workspaces of {@link AccessContext#scope} (usage and
     * cost: {@link AccessContext#reportScope}). The gate is the permission, as documented; no workspace argument.
     */
    @Nonbinding
    boolean inAnyWorkspace() default false;
}
