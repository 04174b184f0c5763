package dev.accessconsole.authz.impl;

import dev.accessconsole.authz.api.MemberStanding;
import dev.accessconsole.authz.api.RequestRefused;
import jakarta.enterprise.context.RequestScoped;
import dev.accessconsole.authz.api.InboundRequest;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;

/**
 * The one piece of request state authz keeps: the inbound request, the caller's token as first resolved, the standing the
 * guard loaded, and the refusals already reported. An HTTP request keeps it in a frame on its thread, opened by the
 * host's first filter ({@link dev.accessconsole.authz.api.AccessFrames}) — Weld's lookup of a request-scoped bean
 * was a visible part of each request's CPU. Anywhere else (a guarded bean called outside an HTTP request) it is this
 * request-scoped bean. Nothing outside authz can read or change it.
 */
@RequestScoped
public class RequestState {

    private static final ThreadLocal<RequestState> FRAME = new ThreadLocal<>();

    private Object key;
    private InboundRequest request;
    private Optional<JsonWebToken> token;
    private MemberStanding standing;
    private final Set<RequestRefused> reported = Collections.newSetFromMap(new IdentityHashMap<>());

    /** The state of the HTTP request this thread is serving, if a frame is open. */
    static RequestState framed() {
        return FRAME.get();
    }

    /** Opens a frame for a request on this thread; an open frame of the same request (an error dispatch) is kept. */
    static Runnable open(Object key, InboundRequest request) {
        RequestState previous = FRAME.get();
        if (previous != null && previous.key == key) {
            return () -> { };
        }
        RequestState state = new RequestState();
        state.key = key;
        state.request = request;
        FRAME.set(state);
        return () -> {
            if (previous == null) {
                FRAME.remove();
            } else {
                FRAME.set(previous);
            }
        };
    }

    InboundRequest request() {
        return request;
    }

    Optional<JsonWebToken> token() {
        return token;
    }

    void rememberToken(Optional<JsonWebToken> token) {
        this.token = token;
    }

    MemberStanding standing() {
        return standing;
    }

    void establish(MemberStanding standing) {
        this.standing = standing;
    }

    /** True the first time a refusal is seen, so a refusal passing through nested guarded calls is reported once. */
    boolean firstReport(RequestRefused refusal) {
        return reported.add(refusal);
    }
}
