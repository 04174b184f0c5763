package dev.accessconsole.authz.api;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;

import java.lang.annotation.Documented;
import java.lang.annotation.Inherited;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares, on purpose, that an operation is open to every authenticated user, with no organization
 * permission (for example "who am I" or "create an organization"). The operation still refuses anonymous callers
 * itself (authz enforces it on any CDI bean); the marker exists so that default-deny checks can tell "forgotten" from "open".
 */
@Inherited
@InterceptorBinding
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface AnyAuthenticatedCaller {
}
