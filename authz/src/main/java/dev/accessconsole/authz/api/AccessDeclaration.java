package dev.accessconsole.authz.api;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What an operation declares about who may call it: permissions ({@link RequiresPermission}), any signed-in person
 * ({@link AnyAuthenticatedCaller}), a platform credential ({@link PlatformCredential}) or an organization's provisioning
 * credential ({@link ProvisioningCredential}), or the credential presented in the request ({@link PresentedCredential}). {@link #of} is the one
 * resolver of these declarations (method first, then class, walking up past proxy subclasses); the interceptors, the
 * web filter, the OpenAPI document and the default-deny test all use it. Two declarations on the same level conflict
 * and are refused.
 */
public sealed interface AccessDeclaration {

    /** The declaration in words, as documented per operation ({@code x-required-permissions}). */
    List<String> documented();

    /**
     * Permissions from the catalog: any one of them, or all when {@code all}; held in the workspace of the call, or, when
     * {@code anyWorkspace}, in at least one workspace (a list's gate).
     */
    record Permissions(List<Permission> permissions, boolean all, boolean anyWorkspace) implements AccessDeclaration {
        public Permissions(List<Permission> permissions, boolean all) {
            this(permissions, all, false);
        }

        public Permissions {
            if (permissions.isEmpty()) {
                throw new IllegalStateException("@RequiresPermission names no permission");
            }
            permissions = List.copyOf(permissions);
        }

        @Override
        public List<String> documented() {
            return permissions.stream().map(Permission::value).toList();
        }
    }

    /** Open to every signed-in person (not to platform credentials nor Admin API keys). */
    record AnyAuthenticated() implements AccessDeclaration {
        @Override
        public List<String> documented() {
            return List.of("authenticated");
        }
    }

    /** For a platform service whose token carries {@code group}. */
    record Platform(String group) implements AccessDeclaration {
        @Override
        public List<String> documented() {
            return List.of("platform:" + group);
        }
    }

    /** For the credential presented in the request itself (the token exchange), which the operation verifies. */
    record Presented() implements AccessDeclaration {
        @Override
        public List<String> documented() {
            return List.of("presented_token");
        }
    }

    /** For an organization's provisioning credential (its SCIM token) only. */
    record Provisioning() implements AccessDeclaration {
        @Override
        public List<String> documented() {
            return List.of("provisioning");
        }
    }

    /**
     * The declaration that governs {@code method} when called on an instance of {@code type} (null: the method's
     * declaring class); empty when there is none (default deny then refuses the call).
     *
     * @throws IllegalStateException for conflicting declarations or a permission not in the catalog
     */
    static Optional<AccessDeclaration> of(Method method, Class<?> type) {
        // resolved once per (type, method): the answer is a function of the code, and this runs on every call; the
        // type's table is found by ClassValue, the method in it by identity first (the interceptors pass the same Method)
        return Resolved.BY_TYPE.get(type == null ? method.getDeclaringClass() : type)
                .computeIfAbsent(method, m -> resolve(m, type));
    }

    /** The memo of {@link #of}: a table per type, bounded by the code's methods (it ends with the class loader). */
    final class Resolved {
        private static final ClassValue<java.util.concurrent.ConcurrentMap<Method, Optional<AccessDeclaration>>> BY_TYPE =
                new ClassValue<>() {
                    @Override
                    protected java.util.concurrent.ConcurrentMap<Method, Optional<AccessDeclaration>> computeValue(Class<?> type) {
                        return new java.util.concurrent.ConcurrentHashMap<>();
                    }
                };

        private Resolved() {
        }
    }

    private static Optional<AccessDeclaration> resolve(Method method, Class<?> type) {
        Optional<AccessDeclaration> onMethod = onElement(method.getAnnotations(), method.toString());
        if (onMethod.isPresent()) {
            return onMethod;
        }
        Optional<AccessDeclaration> onDeclaringClass = onElement(method.getDeclaringClass().getAnnotations(), method.getDeclaringClass().getName());
        if (onDeclaringClass.isPresent()) {
            return onDeclaringClass;
        }
        for (Class<?> t = type; t != null && t != Object.class; t = t.getSuperclass()) {
            Optional<AccessDeclaration> onType = onElement(t.getAnnotations(), t.getName());
            if (onType.isPresent()) {
                return onType;
            }
        }
        return Optional.empty();
    }

    private static Optional<AccessDeclaration> onElement(Annotation[] annotations, String where) {
        List<AccessDeclaration> found = new ArrayList<>();
        for (Annotation annotation : annotations) {
            if (annotation instanceof RequiresPermission required) {
                found.add(new Permissions(Arrays.stream(required.value())
                        .map(name -> Permission.fromValue(name).orElseThrow(() ->
                                new IllegalStateException("Unknown permission '" + name + "' in @RequiresPermission on " + where)))
                        .toList(), required.all(), required.inAnyWorkspace()));
            } else if (annotation instanceof AnyAuthenticatedCaller) {
                found.add(new AnyAuthenticated());
            } else if (annotation instanceof PlatformCredential platform) {
                found.add(new Platform(platform.value()));
            } else if (annotation instanceof ProvisioningCredential) {
                found.add(new Provisioning());
            } else if (annotation instanceof PresentedCredential) {
                found.add(new Presented());
            }
        }
        if (found.size() > 1) {
            throw new IllegalStateException("Conflicting access declarations on " + where + ": " + found);
        }
        return found.stream().findFirst();
    }
}
