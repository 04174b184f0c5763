package dev.accessconsole.authz.impl;

import dev.accessconsole.authz.api.AccessFrames;
import dev.accessconsole.authz.api.InboundRequest;
import jakarta.enterprise.context.ApplicationScoped;

/** {@link AccessFrames}: a frame is the request's {@link RequestState} on the serving thread. */
@ApplicationScoped
public class RequestFrames implements AccessFrames {

    @Override
    public Frame open(Object key, InboundRequest request) {
        Runnable close = RequestState.open(key, request);
        return close::run;
    }
}
