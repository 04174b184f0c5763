package dev.accessconsole.web.infrastructure;

import jakarta.inject.Inject;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.net.URI;

/**
 * Browser hardening on every response. The console's pages and scripts ({@code /console/…}, {@code /webjars/…}) get a
 * Content-Security-Policy that allows only this origin's files (no inline script or style, no eval, no plugins, no
 * {@code <base>}), connections to this origin and to the sign-in provider's (the page exchanges the authorization code
 * there), and no framing; every other response (the API's JSON) gets a policy that allows nothing at all. Framing is
 * refused twice ({@code frame-ancestors 'none'} and {@code X-Frame-Options: DENY}) against clickjacking; {@code nosniff}
 * keeps a JSON body from being run as a script; no {@code Referer} leaks a path with an invite id to another site.
 */
@WebFilter(urlPatterns = "/*", dispatcherTypes = {DispatcherType.REQUEST, DispatcherType.ERROR})
public class SecurityHeadersFilter extends HttpFilter {

    static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    @Inject
    SignInProvider signInProvider;

    /** Fixed by the configuration, so written once. */
    private String consolePolicy;

    @Override
    public void init() {
        consolePolicy = consolePolicy(signInProvider.issuer().map(SecurityHeadersFilter::origin).orElse(""));
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean page = path.equals("/console") || path.startsWith("/console/") || path.startsWith("/webjars/");
        response.setHeader("Content-Security-Policy", page ? consolePolicy : API_POLICY);
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        if (page) {
            response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
            response.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
            response.setHeader("Cache-Control", "no-cache");
        }
        chain.doFilter(request, response);
    }

    /** The console's policy; {@code providerOrigin} (or nothing) is where the page exchanges its authorization code. */
    static String consolePolicy(String providerOrigin) {
        String provider = providerOrigin.isEmpty() ? "" : " " + providerOrigin;
        return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
                + "connect-src 'self'" + provider + "; manifest-src 'self'; frame-ancestors 'none'; base-uri 'none'; "
                + "form-action 'self'; object-src 'none'";
    }

    /** scheme://host[:port] of a URL, or nothing for a malformed one. */
    static String origin(String url) {
        try {
            URI uri = URI.create(url);
            if (uri.getScheme() == null || uri.getHost() == null) {
                return "";
            }
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        } catch (IllegalArgumentException malformed) {
            return "";
        }
    }
}
