package dev.accessconsole.web.interfaces.errors;

import dev.accessconsole.web.interfaces.rest.GatewayResource;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A key that does not verify: 401, the same answer whatever the reason. */
@Provider
public class InvalidApiKeyMapper implements ExceptionMapper<GatewayResource.InvalidApiKey> {

    @Context
    HttpServletRequest request;

    @Override
    public Response toResponse(GatewayResource.InvalidApiKey invalid) {
        return ErrorResponses.of(request, ErrorType.AUTHENTICATION, "Invalid API key.", "invalid_api_key");
    }
}
