package dev.accessconsole.web.infrastructure;

import dev.accessconsole.domain.model.JsonBuilders;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * What the console page needs before anyone signs in: how to sign in. Public by nature (a sign-in page shows it to
 * everyone) and never secret: the provider's issuer, public endpoints, client id and scope, and whether this server
 * offers the development sign-in (only a build with the dev sign-in, on a server given the dev key, does).
 * Access decisions stay with the API the page then calls.
 */
@WebServlet(urlPatterns = "/console/config.json")
public class ConsoleConfigServlet extends HttpServlet {

    /** The servlet of the development sign-in, present only in development builds (web/src/dev). */
    static final String DEV_SIGN_IN = "/console/dev-sign-in";

    @Inject
    SignInProvider signInProvider;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        JsonObjectBuilder config = JsonBuilders.object();
        signInProvider.endpoints().ifPresentOrElse(endpoints -> {
            JsonObjectBuilder oidc = JsonBuilders.object()
                    .add("issuer", endpoints.issuer())
                    .add("authorization_endpoint", endpoints.authorization())
                    .add("token_endpoint", endpoints.token())
                    .add("client_id", signInProvider.clientId())
                    .add("scope", signInProvider.scope());
            if (endpoints.endSession() != null) {
                oidc.add("end_session_endpoint", endpoints.endSession());
            }
            config.add("oidc", oidc);
        }, () -> config.addNull("oidc"));
        config.add("dev_sign_in", Boolean.TRUE.equals(getServletContext().getAttribute(DEV_SIGN_IN)));
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(config.build().toString());
    }
}
