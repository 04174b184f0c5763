package dev.accessconsole.web;

import dev.accessconsole.authz.api.AccessDeclaration;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Default deny, at build time: every JAX-RS resource method of the web module declares its permission
 * ({@link RequiresPermission} on the method or its class, with names from the catalog) or is explicitly open to every
 * authenticated caller ({@link AnyAuthenticatedCaller}) or to a platform credential ({@link PlatformCredential}). Adding an unannotated endpoint fails the build here.
 */
class DefaultDenyTest {

    @Test
    void everyResourceMethodDeclaresItsPermission() throws Exception {
        List<Class<?>> resources = resourceClasses();
        assertThat(resources).as("resource classes found in target/classes").hasSizeGreaterThanOrEqualTo(5);

        List<String> undeclared = new ArrayList<>();
        List<String> unknownPermissions = new ArrayList<>();
        int operations = 0;
        for (Class<?> resource : resources) {
            for (Method method : resource.getDeclaredMethods()) {
                if (!isResourceMethod(method)) {
                    continue;
                }
                operations++;
                String name = resource.getSimpleName() + "." + method.getName();
                try {
                    // the resolver the interceptors, the web filter and the OpenAPI document use
                    if (AccessDeclaration.of(method, resource).isEmpty()) {
                        undeclared.add(name);
                    }
                } catch (IllegalStateException conflictingOrUnknown) {
                    unknownPermissions.add(name + ": " + conflictingOrUnknown.getMessage());
                }
            }
        }
        assertThat(operations).isGreaterThanOrEqualTo(10);
        assertThat(undeclared).as("resource methods with neither @RequiresPermission, @AnyAuthenticatedCaller nor @PlatformCredential").isEmpty();
        assertThat(unknownPermissions).as("conflicting declarations or permissions not in the catalog").isEmpty();
    }

    static boolean isResourceMethod(Method method) {
        if (method.isAnnotationPresent(Path.class)) {
            return true;
        }
        for (Annotation annotation : method.getAnnotations()) {
            if (annotation.annotationType().isAnnotationPresent(HttpMethod.class)) {
                return true;
            }
        }
        return false;
    }

    /** Every class of the web module's compiled output that carries @Path. */
    static List<Class<?>> resourceClasses() throws IOException {
        java.nio.file.Path classes = Paths.get("target/classes");
        List<Class<?>> found = new ArrayList<>();
        try (Stream<java.nio.file.Path> files = Files.walk(classes)) {
            for (java.nio.file.Path file : (Iterable<java.nio.file.Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
                String className = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                try {
                    Class<?> type = Class.forName(className, false, DefaultDenyTest.class.getClassLoader());
                    if (type.isAnnotationPresent(Path.class)) {
                        found.add(type);
                    }
                } catch (ClassNotFoundException | NoClassDefFoundError notLoadable) {
                    throw new AssertionError("cannot load " + className, notLoadable);
                }
            }
        }
        return found;
    }
}
