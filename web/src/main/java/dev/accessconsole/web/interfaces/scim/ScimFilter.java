package dev.accessconsole.web.interfaces.scim;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SCIM filters as identity providers send them for look-ups (RFC 7644 §3.4.2.2): {@code attribute eq "value"} comparisons
 * joined by {@code and}, operator and attribute names in any case. Each attribute maps to one canonical name of the
 * resource ({@code userName}, {@code externalId}, {@code emails.value} → {@code userName}, {@code displayName}, {@code id});
 * anything else is a 400 {@code invalidFilter}.
 */
final class ScimFilter {

    private static final Pattern COMPARISON = Pattern.compile(
            "\\s*([A-Za-z][A-Za-z0-9._:$-]*(?:\\[[^\\]]*\\])?(?:\\.[A-Za-z][A-Za-z0-9_$-]*)?)\\s+(eq)\\s+\"((?:[^\"\\\\]|\\\\.)*)\"\\s*",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern AND = Pattern.compile("\\s+and\\s+", Pattern.CASE_INSENSITIVE);

    private ScimFilter() {
    }

    /** The equalities of a filter by canonical attribute; empty for no filter. {@code known}: canonical name by lower-case spelling. */
    static Map<String, String> parse(String filter, Map<String, String> known) {
        Map<String, String> equal = new LinkedHashMap<>();
        if (filter == null || filter.isBlank()) {
            return equal;
        }
        for (String part : AND.split(filter.trim())) {
            Matcher comparison = COMPARISON.matcher(part);
            if (!comparison.matches()) {
                throw new Scim.Error(400, "invalidFilter", "Only 'attribute eq \"value\"' comparisons joined by 'and' are supported.");
            }
            String attribute = known.get(normalize(comparison.group(1)));
            if (attribute == null) {
                throw new Scim.Error(400, "invalidFilter", "Filtering on " + comparison.group(1) + " is not supported.");
            }
            String value = comparison.group(3).replaceAll("\\\\(.)", "$1");
            String before = equal.putIfAbsent(attribute, value);
            if (before != null && !before.equals(value)) {
                equal.put(attribute, null); // two different values for one attribute: nothing matches
            }
        }
        return equal;
    }

    /** An attribute path without its schema URN prefix and with a simple value filter dropped: {@code emails[type eq "work"].value} → {@code emails.value}. */
    static String normalize(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        if (lower.startsWith("urn:ietf:params:scim:schemas:core:2.0:user:") || lower.startsWith("urn:ietf:params:scim:schemas:core:2.0:group:")) {
            lower = lower.substring(lower.lastIndexOf(':') + 1);
        }
        return lower.replaceAll("\\[[^\\]]*\\]", "");
    }
}
