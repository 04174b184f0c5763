package dev.accessconsole.web.infrastructure;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/**
 * Browser access is closed by default: {@code Access-Control-Allow-Origin} is sent only for the one origin named by
 * {@code accessconsole.cors.allowed-origin} (for example a console front end), never "*".
 */
@Provider
public class CorsFilter implements ContainerResponseFilter {

    @Inject
    @ConfigProperty(name = "accessconsole.cors.allowed-origin")
    Optional<String> allowedOrigin;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        allowedOrigin.filter(origin -> !origin.isBlank() && !origin.equals("*")).ifPresent(origin -> {
            response.getHeaders().putSingle("Access-Control-Allow-Origin", origin);
            response.getHeaders().putSingle("Vary", "Origin");
        });
    }
}
