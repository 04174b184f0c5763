package dev.accessconsole.web.infrastructure.metrics;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The name a request is counted and logged under: the route template JAX-RS matched ({@link RouteMetricsFilter}), or a
 * coarse name of the servlet that answered; never the request's own path (it holds ids).
 */
public final class RequestRoutes {

    private RequestRoutes() {
    }

    public static String of(HttpServletRequest request) {
        Object matched = request.getAttribute(RouteMetricsFilter.ROUTE);
        if (matched != null) {
            return matched.toString();
        }
        String path = request.getServletPath() == null ? "" : request.getServletPath();
        if (path.startsWith("/console")) {
            return "/console/*";
        }
        if (path.startsWith("/webjars")) {
            return "/webjars/*";
        }
        if (path.equals("/health") || path.startsWith("/health/")) {
            return "/health";
        }
        if (path.startsWith("/scim/v2")) {
            return "/scim/v2/*";
        }
        if (path.startsWith("/v1/")) {
            return "/v1/*"; // refused before JAX-RS matched a resource (size, media type, authentication)
        }
        return "other";
    }

    /** The method, or "other" for one outside HTTP's usual set (a label must stay bounded). */
    public static String method(HttpServletRequest request) {
        String method = request.getMethod();
        return switch (method) {
            case "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS" -> method;
            default -> "other";
        };
    }
}
