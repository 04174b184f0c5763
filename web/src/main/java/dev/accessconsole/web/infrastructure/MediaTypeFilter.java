package dev.accessconsole.web.infrastructure;

import dev.accessconsole.domain.model.ErrorCode;
import dev.accessconsole.web.interfaces.errors.ErrorBody;
import dev.accessconsole.web.interfaces.errors.ErrorType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The media types of a request, read before anything else reads them (api.md): a malformed {@code Accept} (a media range
 * that does not parse, a {@code q} that is no qvalue of RFC 9110) is a 400, never a 5xx; a {@code Content-Type} that
 * does not parse, or more than one, is a 400; a wildcard one ({@code *}{@code /*}, {@code application/*}) is a 415, never a
 * way past the JSON-only rule (JAX-RS would match it to any {@code @Consumes}), and so is a charset other than UTF-8
 * (JSON is UTF-8; an unknown charset failed deep in the body's reading). An {@code Accept} nothing matches stays
 * JAX-RS' 406. A servlet filter, so that RESTEasy never parses (and logs a stack trace for) a header refused here.
 */
@WebFilter(urlPatterns = {"/v1/*", "/scim/v2/*"})
public class MediaTypeFilter extends HttpFilter {

    /** A qvalue (RFC 9110 §12.4.2): 0 to 1 with at most three decimals. */
    private static final Pattern QVALUE = Pattern.compile("0(\\.[0-9]{0,3})?|1(\\.0{0,3})?");
    /** A token (RFC 9110 §5.6.2). */
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    /** A quoted-string (RFC 9110 §5.6.4). */
    private static final Pattern QUOTED = Pattern.compile("\"([\\t \\x21\\x23-\\x5B\\x5D-\\x7E\\x80-\\xFF]|\\\\[\\t \\x21-\\x7E\\x80-\\xFF])*\"");

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException {
        for (String header : Collections.list(request.getHeaders("Accept"))) {
            if (!acceptable(header)) {
                refuse(request, response, 400, "The Accept header is malformed: media ranges such as application/json, with q from 0 to 1.");
                return;
            }
        }
        for (String name : List.of("Accept-Language", "Accept-Charset", "Accept-Encoding")) {
            for (String header : Collections.list(request.getHeaders(name))) {
                if (!weighted(header)) {
                    refuse(request, response, 400, "The " + name + " header is malformed: values with q from 0 to 1.");
                    return;
                }
            }
        }
        List<String> contentTypes = Collections.list(request.getHeaders("Content-Type"));
        if (contentTypes.size() > 1) {
            refuse(request, response, 400, "Send one Content-Type header.");
            return;
        }
        if (contentTypes.size() == 1) {
            MediaType type = parse(contentTypes.get(0));
            if (type == null) {
                refuse(request, response, 400, "The Content-Type header is malformed.");
                return;
            }
            if (type.isWildcardType() || type.isWildcardSubtype()) {
                refuse(request, response, 415, "Send the body as application/json (a wildcard names no media type).");
                return;
            }
            String charset = type.getParameters().get("charset");
            if (charset != null && !charset.equalsIgnoreCase("utf-8")) {
                // JSON is UTF-8 (RFC 8259 §8.1); a charset the server may not even know is no way to send it
                refuse(request, response, 415, "Send the body as UTF-8 JSON (charset=utf-8, or no charset).");
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setCharacterEncoding("UTF-8");
        if (request.getRequestURI().startsWith("/scim/")) {
            Response scim = dev.accessconsole.web.interfaces.scim.ScimErrors.status(status, message);
            response.setContentType(String.valueOf(scim.getMediaType()));
            response.getWriter().write(String.valueOf(scim.getEntity()));
            return;
        }
        response.setContentType("application/json");
        response.getWriter().write(ErrorBody.of(ErrorType.INVALID_REQUEST, message, ErrorCode.INVALID_REQUEST.value(), Map.of(),
                RequestIds.of(request)).toString());
    }

    /** Whether every media range of an Accept header parses and each q is a qvalue. */
    static boolean acceptable(String header) {
        if (header == null) {
            return true;
        }
        for (String range : split(header, ',')) {
            if (range.isBlank()) {
                continue; // RFC 9110 allows empty list elements
            }
            Parsed type = parseStrict(range);
            if (type == null) {
                return false;
            }
            String q = type.parameters().get("q");
            if (q != null && !QVALUE.matcher(q).matches()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether a list of weighted values ({@code Accept-Language}, {@code -Charset}, {@code -Encoding}: RFC 9110 §12.5)
     * parses: each a token (or {@code *}, or a language range) with parameters of the form name=value, every q a qvalue.
     */
    static boolean weighted(String header) {
        if (header == null) {
            return true;
        }
        for (String element : split(header, ',')) {
            if (element.isBlank()) {
                continue;
            }
            List<String> parts = split(element, ';');
            if (!TOKEN.matcher(parts.get(0).strip()).matches()) {
                return false;
            }
            for (String parameter : parts.subList(1, parts.size())) {
                String trimmed = parameter.strip();
                if (trimmed.isEmpty()) {
                    continue;
                }
                int equals = trimmed.indexOf('=');
                if (equals <= 0 || !TOKEN.matcher(trimmed.substring(0, equals).strip()).matches()) {
                    return false;
                }
                String value = trimmed.substring(equals + 1).strip();
                if (trimmed.substring(0, equals).strip().equalsIgnoreCase("q") && !QVALUE.matcher(value).matches()) {
                    return false;
                }
            }
        }
        return true;
    }

    /** A media type or range, or null when it does not parse. */
    static MediaType parse(String text) {
        Parsed parsed = parseStrict(text);
        return parsed == null ? null : new MediaType(parsed.type(), parsed.subtype(), parsed.parameters());
    }

    /** A media type as RFC 9110 §8.3.1 writes it: type "/" subtype, then parameters, each a token "=" (token / quoted-string). */
    record Parsed(String type, String subtype, Map<String, String> parameters) {
    }

    static Parsed parseStrict(String text) {
        List<String> parts = split(text, ';');
        String[] name = parts.get(0).strip().split("/", -1);
        if (name.length != 2 || !TOKEN.matcher(name[0]).matches() || !TOKEN.matcher(name[1]).matches()
                || ("*".equals(name[0]) && !"*".equals(name[1]))) {
            return null;
        }
        Map<String, String> parameters = new java.util.LinkedHashMap<>();
        for (String parameter : parts.subList(1, parts.size())) {
            String trimmed = parameter.strip();
            if (trimmed.isEmpty()) {
                continue; // "parameters = *( OWS ";" OWS [ parameter ] )": an empty one is allowed
            }
            int equals = trimmed.indexOf('=');
            if (equals <= 0) {
                return null;
            }
            String key = trimmed.substring(0, equals);
            String value = trimmed.substring(equals + 1);
            if (!TOKEN.matcher(key).matches()) {
                return null;
            }
            if (value.startsWith("\"")) {
                if (!QUOTED.matcher(value).matches()) {
                    return null;
                }
                value = value.substring(1, value.length() - 1).replaceAll("\\\\(.)", "$1");
            } else if (!TOKEN.matcher(value).matches()) {
                return null;
            }
            parameters.put(key.toLowerCase(java.util.Locale.ROOT), value);
        }
        return new Parsed(name[0], name[1], parameters);
    }

    /** Splits on a separator outside quoted strings. */
    private static List<String> split(String text, char separator) {
        List<String> parts = new java.util.ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted && c == '\\' && i + 1 < text.length()) {
                current.append(c).append(text.charAt(++i));
                continue;
            }
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == separator && !quoted) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        return parts;
    }
}
