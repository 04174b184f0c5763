package dev.accessconsole.web.infrastructure;

import dev.accessconsole.authz.api.AccessFrames;
import dev.accessconsole.authz.api.InboundRequest;
import dev.accessconsole.domain.model.Ids;
import dev.accessconsole.domain.model.RequestCorrelation;
import dev.accessconsole.web.infrastructure.metrics.ApplicationMetrics;
import dev.accessconsole.web.infrastructure.metrics.RequestRoutes;
import jakarta.inject.Inject;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Opens the request's authorization frame around the rest of the chain ({@link AccessFrames}), and gives every
 * request an id, sent back in the {@code request-id} header and named in error bodies and audit events.
 * Runs on error dispatches too, so that the mechanism's 401 carries one.
 */
@WebFilter(urlPatterns = "/*", dispatcherTypes = {DispatcherType.REQUEST, DispatcherType.ERROR})
public class RequestIds extends HttpFilter {

    @jakarta.inject.Inject
    AccessFrames frames;

    static final String ATTRIBUTE = "dev.accessconsole.request-id";
    private static final String COUNTED = "dev.accessconsole.request-counted";
    public static final String HEADER = "request-id";

    @Inject
    RequestCorrelation correlation;

    @Inject
    ApplicationMetrics metrics;

    private static final Logger LOG = Logger.getLogger("dev.accessconsole.requests");

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException {
        String requestId = of(request);
        if (!response.containsHeader(HEADER)) {
            response.setHeader(HEADER, requestId);
        }
        correlation.requestId(requestId);
        // every log line written for this request carries its id (the JSON log format prints the MDC)
        Object outer = org.jboss.logging.MDC.put("request_id", requestId);
        long began = System.nanoTime();
        try (AccessFrames.Frame frame = frames.open(request, new InboundRequest() {
            @Override
            public String header(String name) {
                return request.getHeader(name);
            }

            @Override
            public java.security.Principal caller() {
                return request.getUserPrincipal();
            }
        })) {
            chain.doFilter(request, response);
        } finally {
            answered(request, response, System.nanoTime() - began);
            if (outer == null) {
                org.jboss.logging.MDC.remove("request_id");
            } else {
                org.jboss.logging.MDC.put("request_id", outer);
            }
        }
    }

    /**
     * Counts the request (latency by route template and status) and logs, with the request id, every one refused for a
     * missing permission and every one that failed: by route template and status, never the path, a header or a body.
     */
    private void answered(HttpServletRequest request, HttpServletResponse response, long nanos) {
        // once per request: its own dispatch, or the error page's when the token mechanism refused it before any
        if (request.getAttribute(COUNTED) != null) {
            return;
        }
        request.setAttribute(COUNTED, Boolean.TRUE);
        try {
            int status = response.getStatus();
            String method = RequestRoutes.method(request);
            String route = RequestRoutes.of(request);
            metrics.request(method, route, status, nanos);
            if (status == 403 || status >= 500) {
                LOG.log(status >= 500 ? Level.WARNING : Level.INFO, "{0} {1} answered {2} in {3} ms",
                        new Object[]{method, route, Integer.toString(status), Long.toString(nanos / 1_000_000)});
            }
        } catch (RuntimeException countingFailed) {
            // counting and logging never change an answer
        }
    }

    /** The id of this request, created on first use. */
    public static String of(HttpServletRequest request) {
        if (request == null) {
            return null;
        }
        Object existing = request.getAttribute(ATTRIBUTE);
        if (existing != null) {
            return existing.toString();
        }
        String created = "req_" + Ids.next();
        request.setAttribute(ATTRIBUTE, created);
        return created;
    }
}
