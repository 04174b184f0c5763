package dev.accessconsole.authz.api;

import jakarta.interceptor.InterceptorBinding;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares an operation whose caller is authenticated by the credential it presents in the request itself (the token
 * exchange's {@code subject_token}, RFC 8693), verified by the operation: no header credential is asked for, and the
 * operation answers in its own protocol's error shape. Nothing else is granted: the operation acts for whoever the
 * presented credential proves, and for nobody without one.
 */
@Inherited
@InterceptorBinding
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface PresentedCredential {
}
