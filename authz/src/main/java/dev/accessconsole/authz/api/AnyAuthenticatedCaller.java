package dev.accessconsole.authz.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares, on purpose, that an operation is open to every authenticated user, with no organization
 * permission (for example "who am I" or "create an organization"). The operation still refuses anonymous callers
 * through {@link CallerIdentity}; the marker exists so that default-deny checks can tell "forgotten" from "open".
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface AnyAuthenticatedCaller {
}
