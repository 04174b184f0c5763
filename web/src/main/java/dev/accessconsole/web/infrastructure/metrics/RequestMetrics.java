package dev.accessconsole.web.infrastructure.metrics;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * Times every request from the first filter to the last byte's commit, and records it under the route template JAX-RS
 * matched ({@link RouteMetricsFilter}), or under a coarse name of the servlet that answered; never the request's path.
 */
@WebFilter(urlPatterns = "/*")
public class RequestMetrics extends HttpFilter {

    @Inject
    ApplicationMetrics metrics;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException {
        long began = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            try {
                metrics.request(method(request.getMethod()), route(request), response.getStatus(), System.nanoTime() - began);
            } catch (RuntimeException metricsFailed) {
                // counting never changes an answer
            }
        }
    }

    private static String route(HttpServletRequest request) {
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

    private static String method(String method) {
        return switch (method) {
            case "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS" -> method;
            default -> "other";
        };
    }
}
