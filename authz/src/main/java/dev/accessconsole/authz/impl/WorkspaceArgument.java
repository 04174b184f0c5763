package dev.accessconsole.authz.impl;

import dev.accessconsole.authz.api.MemberStanding;
import dev.accessconsole.authz.api.WorkspaceId;
import dev.accessconsole.authz.api.WorkspaceOf;
import dev.accessconsole.authz.api.WorkspaceScoped;
import dev.accessconsole.authz.api.WorkspaceStanding;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;

/** The workspace a guarded call names: a {@link WorkspaceId} argument, or the workspace of a {@link WorkspaceOf} resource. */
interface WorkspaceArgument {

    /** The workspace in the caller's organization (facts only; visibility is the policy's to decide). */
    WorkspaceStanding resolve(AccessGuard guard, MemberStanding standing);

    static WorkspaceArgument of(Method method, Object[] arguments) {
        Annotation[][] annotations = method.getParameterAnnotations();
        for (int i = 0; i < annotations.length; i++) {
            Object value = arguments[i];
            for (Annotation annotation : annotations[i]) {
                if (annotation instanceof WorkspaceId) {
                    String id = value instanceof WorkspaceScoped scoped ? scoped.workspaceId() : value == null ? null : value.toString();
                    // absent and blank both mean the Default workspace, here as in WorkspaceScoped#workspaceId
                    String named = id == null || id.isBlank() ? null : id;
                    return (guard, standing) -> guard.workspaceFacts(standing, named);
                }
                if (annotation instanceof WorkspaceOf of) {
                    String id = value == null ? null : value.toString();
                    return (guard, standing) -> guard.workspaceOf(standing, of.value(), id);
                }
            }
        }
        return (guard, standing) -> guard.workspaceFacts(standing, null);
    }
}
