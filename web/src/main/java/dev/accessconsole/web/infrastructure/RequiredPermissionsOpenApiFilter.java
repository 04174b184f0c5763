package dev.accessconsole.web.infrastructure;

import dev.accessconsole.authz.api.AnyAuthenticatedCaller;
import dev.accessconsole.authz.api.PlatformCredential;
import dev.accessconsole.authz.api.RequiresPermission;
import dev.accessconsole.authz.impl.RequiresPermissionInterceptor;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Operation;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;

/**
 * Adds {@code x-required-permissions} to every operation, read from the same annotations the interceptor enforces,
 * so documentation and enforcement cannot drift apart. Operation ids arrive as {@code Class_method}
 * (operationIdStrategy=CLASS_METHOD); the filter resolves them in the resources package and leaves the method name.
 */
public class RequiredPermissionsOpenApiFilter implements OASFilter {

    static final String RESOURCES_PACKAGE = "dev.accessconsole.web.interfaces.rest.";
    public static final String EXTENSION = "x-required-permissions";

    @Override
    public Operation filterOperation(Operation operation) {
        String operationId = operation.getOperationId();
        if (operationId == null || !operationId.contains("_")) {
            return operation;
        }
        String className = operationId.substring(0, operationId.indexOf('_'));
        String methodName = operationId.substring(operationId.indexOf('_') + 1);
        try {
            Class<?> type = Class.forName(RESOURCES_PACKAGE + className, false, getClass().getClassLoader());
            Method method = Arrays.stream(type.getMethods()).filter(m -> m.getName().equals(methodName)).findFirst().orElse(null);
            if (method == null) {
                return operation;
            }
            operation.addExtension(EXTENSION, requiredPermissions(method, type));
            operation.setOperationId(methodName);
        } catch (ClassNotFoundException notOurs) {
            // an operation of another package: leave it as it is
        }
        return operation;
    }

    /** The permissions an operation requires; {@code ["authenticated"]} for one open to every signed-in caller, {@code ["platform:<group>"]} for platform services. */
    public static List<String> requiredPermissions(Method method, Class<?> type) {
        RequiresPermission required = RequiresPermissionInterceptor.findAnnotation(method, null);
        if (required == null) {
            required = type.getAnnotation(RequiresPermission.class);
        }
        if (required != null) {
            return List.of(required.value());
        }
        if (method.isAnnotationPresent(AnyAuthenticatedCaller.class) || type.isAnnotationPresent(AnyAuthenticatedCaller.class)) {
            return List.of("authenticated");
        }
        PlatformCredential platform = method.isAnnotationPresent(PlatformCredential.class)
                ? method.getAnnotation(PlatformCredential.class) : type.getAnnotation(PlatformCredential.class);
        if (platform != null) {
            return List.of("platform:" + platform.value());
        }
        return List.of();
    }
}
