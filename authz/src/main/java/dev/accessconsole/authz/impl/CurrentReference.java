package dev.accessconsole.authz.impl;

import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;

/**
 * A bean the request path asks for on every call, asked of Weld as little as is safe: whether it resolves at all is a
 * fact of the deployment (asked once); a normal-scoped bean's client proxy stands for the current context's instance
 * on every call (taken once); a bean of any other scope is asked for on every call. Weld's resolution and reference
 * building were a visible part of each request's CPU.
 */
public final class CurrentReference<T> {

    private volatile Boolean resolvable;
    private volatile T proxy;

    /** The current reference, or null when no such bean exists in this deployment. */
    public T get(Instance<T> instance, BeanManager beans) {
        T cached = proxy;
        if (cached != null) {
            return cached;
        }
        if (resolvable == null) {
            resolvable = instance.isResolvable();
        }
        if (!resolvable) {
            return null;
        }
        Instance.Handle<T> handle = instance.getHandle();
        T reference = handle.get();
        if (beans.isNormalScope(handle.getBean().getScope())) {
            proxy = reference;
        }
        return reference;
    }
}
