package dev.accessconsole.authz.impl;

import dev.accessconsole.authz.api.Permission;
import dev.accessconsole.authz.api.RequiresPermission;
import dev.accessconsole.authz.api.WorkspaceId;
import dev.accessconsole.authz.api.WorkspaceOf;
import dev.accessconsole.authz.api.WorkspaceScoped;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;

/**
 * Enforces {@link RequiresPermission}. Runs before {@code @Transactional} (PLATFORM_BEFORE + 200) so that a
 * refused call opens no transaction.
 */
@RequiresPermission({})
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class RequiresPermissionInterceptor {

    @Inject
    AccessGuard guard;

    @AroundInvoke
    public Object enforce(InvocationContext invocation) throws Exception {
        Method method = invocation.getMethod();
        RequiresPermission required = findAnnotation(method, invocation.getTarget());
        if (required == null) {
            // bound through a stereotype or inheritance we cannot read: refuse rather than allow
            throw new IllegalStateException("@RequiresPermission not readable on " + method);
        }
        guard.authorize(permissions(required), required.all(), workspaceArgument(method, invocation.getParameters()));
        return invocation.proceed();
    }

    /** The annotation on the method, else on its class (walking up past CDI proxy subclasses). */
    public static RequiresPermission findAnnotation(Method method, Object target) {
        RequiresPermission onMethod = method.getAnnotation(RequiresPermission.class);
        if (onMethod != null) {
            return onMethod;
        }
        RequiresPermission onDeclaringClass = method.getDeclaringClass().getAnnotation(RequiresPermission.class);
        if (onDeclaringClass != null) {
            return onDeclaringClass;
        }
        for (Class<?> type = target == null ? null : target.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
            RequiresPermission onType = type.getAnnotation(RequiresPermission.class);
            if (onType != null) {
                return onType;
            }
        }
        return null;
    }

    /** The typed permissions of an annotation; an unknown name is a programming error, refused loudly. */
    public static List<Permission> permissions(RequiresPermission required) {
        return Arrays.stream(required.value())
                .map(name -> Permission.fromValue(name)
                        .orElseThrow(() -> new IllegalStateException("Unknown permission '" + name + "' in @RequiresPermission")))
                .toList();
    }

    /** The workspace the call names: a {@link WorkspaceId} argument, or the workspace of a {@link WorkspaceOf} resource. */
    private String workspaceArgument(Method method, Object[] arguments) {
        Annotation[][] annotations = method.getParameterAnnotations();
        for (int i = 0; i < annotations.length; i++) {
            for (Annotation annotation : annotations[i]) {
                Object value = arguments[i];
                if (annotation instanceof WorkspaceId) {
                    if (value instanceof WorkspaceScoped scoped) {
                        return scoped.workspaceId();
                    }
                    return value == null ? null : value.toString();
                }
                if (annotation instanceof WorkspaceOf of) {
                    return guard.workspaceOf(of.value(), value == null ? null : value.toString());
                }
            }
        }
        return null;
    }
}
