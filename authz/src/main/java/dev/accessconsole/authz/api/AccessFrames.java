package dev.accessconsole.authz.api;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Where an HTTP request's authorization state lives while it is served: the web layer's first filter opens a frame
 * around the rest of the chain, and closes it when the request is answered. The frame holds nothing a caller can set.
 */
public final class AccessFrames {

    private AccessFrames() {
    }

    /** An open frame; closing it ends the request's authorization state on this thread. */
    public interface Frame extends AutoCloseable {
        @Override
        void close();
    }

    /** Opens the frame of {@code request} on this thread (an error dispatch of the same request keeps the open one). */
    public static Frame open(HttpServletRequest request) {
        Runnable close = dev.accessconsole.authz.impl.RequestState.open(request);
        return close::run;
    }
}
