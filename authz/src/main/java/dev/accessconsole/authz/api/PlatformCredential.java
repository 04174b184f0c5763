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
 * Declares an operation for platform services, not organization members: the caller's token must carry the named
 * group ({@code support}: the platform's support staff; {@code gateway}: the inference gateway). Anyone else gets 403,
 * no token 401.
 */
@Inherited
@InterceptorBinding
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface PlatformCredential {

    String SUPPORT = "support";
    String GATEWAY = "gateway";

    @Nonbinding
    String value();
}
