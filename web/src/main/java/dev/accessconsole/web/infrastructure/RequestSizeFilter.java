package dev.accessconsole.web.infrastructure;

import dev.accessconsole.domain.model.ErrorCode;
import dev.accessconsole.web.interfaces.errors.ErrorBody;
import dev.accessconsole.web.interfaces.errors.ErrorType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Collections;
import java.util.Map;

/**
 * Bounded requests: bodies up to {@value #MAX_BODY_BYTES} bytes and headers up to {@value #MAX_HEADER_BYTES} bytes in
 * all, else 413 in the API's error shape. (Undertow's own, larger limits stay as a backstop: it answers a bare 400.)
 */
@WebFilter(urlPatterns = "/*")
public class RequestSizeFilter extends HttpFilter {

    public static final long MAX_BODY_BYTES = 1024 * 1024;
    public static final long MAX_HEADER_BYTES = 64 * 1024;

    /** Thrown while reading a body (without a Content-Length) that grows past the limit. */
    public static final class BodyTooLargeException extends IOException {
        public BodyTooLargeException() {
            super("request body larger than " + MAX_BODY_BYTES + " bytes");
        }
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException {
        long headerBytes = 0;
        for (String name : Collections.list(request.getHeaderNames())) {
            for (String value : Collections.list(request.getHeaders(name))) {
                headerBytes += name.length() + value.length() + 4;
            }
        }
        if (headerBytes > MAX_HEADER_BYTES) {
            refuse(request, response, "The request headers are too large (at most 64 KiB).");
            return;
        }
        if (request.getContentLengthLong() > MAX_BODY_BYTES) {
            refuse(request, response, "The request body is too large (at most 1 MiB).");
            return;
        }
        chain.doFilter(new BoundedRequest(request), response);
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, String message) throws IOException {
        response.setStatus(413);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("connection", "close");
        response.getWriter().write(ErrorBody.of(ErrorType.REQUEST_TOO_LARGE, message, ErrorCode.REQUEST_TOO_LARGE.value(), Map.of(), RequestIds.of(request)).toString());
    }

    /** Counts what is read, for bodies sent without a length. */
    private static final class BoundedRequest extends HttpServletRequestWrapper {
        private ServletInputStream bounded;

        BoundedRequest(HttpServletRequest request) {
            super(request);
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (bounded == null) {
                ServletInputStream in = super.getInputStream();
                bounded = new ServletInputStream() {
                    private long read;

                    @Override
                    public int read() throws IOException {
                        int b = in.read();
                        if (b >= 0 && ++read > MAX_BODY_BYTES) {
                            throw new BodyTooLargeException();
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) throws IOException {
                        int n = in.read(buffer, offset, length);
                        if (n > 0 && (read += n) > MAX_BODY_BYTES) {
                            throw new BodyTooLargeException();
                        }
                        return n;
                    }

                    @Override
                    public boolean isFinished() {
                        return in.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return in.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        in.setReadListener(listener);
                    }
                };
            }
            return bounded;
        }
    }
}
