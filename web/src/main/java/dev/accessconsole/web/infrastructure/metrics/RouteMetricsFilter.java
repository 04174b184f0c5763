package dev.accessconsole.web.infrastructure.metrics;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Names the route template of the resource method that answered (its class's and its own {@code @Path}), for the request
 * latency histogram that the request id filter records around the whole request.
 */
@Provider
public class RouteMetricsFilter implements ContainerResponseFilter {

    static final String ROUTE = "dev.accessconsole.route";

    private static final Map<Method, String> TEMPLATES = new ConcurrentHashMap<>();

    @Context
    ResourceInfo resource;

    @Context
    HttpServletRequest request;

    @Override
    public void filter(ContainerRequestContext requestContext, ContainerResponseContext responseContext) {
        Method method = resource == null ? null : resource.getResourceMethod();
        if (method != null && request != null) {
            request.setAttribute(ROUTE, TEMPLATES.computeIfAbsent(method, m -> template(resource.getResourceClass(), m)));
        }
    }

    /** The template under the API application's path ({@code /v1}). */
    static String template(Class<?> type, Method method) {
        StringBuilder route = new StringBuilder("/v1");
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            Path path = c.getAnnotation(Path.class);
            if (path != null) {
                route.append(slash(path.value()));
                break;
            }
        }
        Path own = method.getAnnotation(Path.class);
        if (own != null) {
            route.append(slash(own.value()));
        }
        return route.toString();
    }

    private static String slash(String part) {
        String trimmed = part.endsWith("/") ? part.substring(0, part.length() - 1) : part;
        return trimmed.startsWith("/") ? trimmed : "/" + trimmed;
    }
}
