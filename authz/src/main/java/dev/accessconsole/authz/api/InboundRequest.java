package dev.accessconsole.authz.api;

import java.security.Principal;

/**
 * What the guard reads of an inbound call, as the host's transport gives it: a header by name, and the caller the
 * container authenticated (a verified bearer token, where MicroProfile JWT runs).
 */
public interface InboundRequest {

    /** The first value of a header, or null. */
    String header(String name);

    /** The container's authenticated caller, or null. */
    Principal caller();
}
