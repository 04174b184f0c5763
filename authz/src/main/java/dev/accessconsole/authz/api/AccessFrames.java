package dev.accessconsole.authz.api;

/**
 * Where a request's authorization state lives while it is served ({@code @Inject AccessFrames}): the host's first
 * filter opens a frame around the rest of the chain and closes it when the request is answered. The frame holds nothing
 * a caller can set. Without a frame (a guarded bean called outside a request the host framed) the state is a
 * request-scoped bean.
 */
public interface AccessFrames {

    /** An open frame; closing it ends the request's authorization state on this thread. */
    interface Frame extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Opens the frame of {@code request} on this thread; {@code key} is the transport's own request object, so that a
     * second dispatch of the same request (an error page) keeps the frame already open.
     */
    Frame open(Object key, InboundRequest request);
}
