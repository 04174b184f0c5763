package dev.accessconsole.domain.infrastructure.authz;

import jakarta.enterprise.inject.Stereotype;
import jakarta.inject.Singleton;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * One instance for the deployment, called without a client proxy: CDI's {@link Singleton} pseudo-scope, as a stereotype
 * so that annotated bean discovery finds it. For the beans every request calls on its way through authorization (the
 * standing cache and its lookup), where Weld's client proxy was a visible part of each request's CPU. Such a bean must be
 * thread-safe and must not take part in a cycle of injections.
 */
@Stereotype
@Singleton
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Direct {
}
