package dev.accessconsole.authz.api;

import jakarta.interceptor.InterceptorBinding;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares an operation for an organization's provisioning credential (its identity provider's SCIM token) and for
 * nothing else: no person, no Admin API key, no platform credential acts here, and a provisioning credential acts
 * nowhere else. The credential names its organization; no credential: 401; any other: 403.
 */
@Inherited
@InterceptorBinding
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface ProvisioningCredential {
}
