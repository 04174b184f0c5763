package dev.accessconsole.web.infrastructure;

import dev.accessconsole.web.interfaces.errors.ErrorResponses;
import dev.accessconsole.web.interfaces.errors.ErrorType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Refuses the NUL character anywhere in a request (path, query, JSON body, raw or escaped as \u0000): no field of this
 * API takes one, and PostgreSQL cannot store one in text, so it would otherwise surface as a database error.
 */
@Provider
@PreMatching
public class NulCharacterFilter implements ContainerRequestFilter {

    @Context
    HttpServletRequest servletRequest;

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        String rawPath = request.getUriInfo().getRequestUri().getRawPath();
        String rawQuery = request.getUriInfo().getRequestUri().getRawQuery();
        boolean nul = containsEncodedNul(rawPath) || containsEncodedNul(rawQuery);
        if (!nul && request.hasEntity()) {
            byte[] body = readAtMost(request.getEntityStream(), RequestSizeFilter.MAX_BODY_BYTES + 1);
            nul = containsNul(body);
            request.setEntityStream(new ByteArrayInputStream(body));
        }
        if (nul) {
            request.abortWith(ErrorResponses.of(servletRequest, ErrorType.INVALID_REQUEST,
                    "The request contains a NUL character, which no field accepts.", "invalid_character"));
        }
    }

    private static boolean containsEncodedNul(String raw) {
        return raw != null && raw.contains("%00");
    }

    private static boolean containsNul(byte[] body) {
        for (byte b : body) {
            if (b == 0) {
                return true;
            }
        }
        return new String(body, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT).contains("\\u0000");
    }

    private static byte[] readAtMost(InputStream in, long limit) throws IOException {
        return in.readNBytes((int) Math.min(Integer.MAX_VALUE, limit));
    }
}
