package dev.accessconsole.authz.api;

/** The HTTP request headers the guard reads besides the bearer token. */
public final class RequestHeaders {

    /** An Admin API key ({@code sk-ant-admin01-…}). */
    public static final String API_KEY = "x-api-key";

    /** The organization a caller in several organizations acts on (answered on responses too). */
    public static final String ORGANIZATION = "anthropic-organization-id";

    private RequestHeaders() {
    }
}
