package dev.accessconsole.authz.api;

/**
 * What kind of refusal a request met: a transport maps each kind to one status and error type (the web module: 400,
 * 401, 403, 404, 409, 413, 429, 503, 500). The library's own refusals and a host's rules (the host's error codes) share
 * these kinds.
 */
public enum RefusalKind {
    INVALID_REQUEST, AUTHENTICATION, PERMISSION, NOT_FOUND, CONFLICT, REQUEST_TOO_LARGE, RATE_LIMIT, SERVICE_UNAVAILABLE, INTERNAL
}
