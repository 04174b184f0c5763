package dev.accessconsole.web.interfaces.rest;

import dev.accessconsole.domain.model.ErrorCode;
import dev.accessconsole.authz.api.OrgRole;
import dev.accessconsole.authz.api.WorkspaceRole;
import dev.accessconsole.domain.model.DomainException;
import dev.accessconsole.domain.model.PageRequest;

import java.util.ArrayList;
import java.time.Instant;
import java.util.List;

/** Parses query parameters and bodies by hand, so that every bad value is a clear 400 rather than JAX-RS' 404. */
final class Params {

    private Params() {
    }

    static PageRequest page(String limit, String afterId, String beforeId) {
        int size = PageRequest.DEFAULT_LIMIT;
        if (limit != null && !limit.isBlank()) {
            try {
                size = Integer.parseInt(limit.trim());
            } catch (NumberFormatException notANumber) {
                throw DomainException.invalid(ErrorCode.INVALID_LIMIT, "limit must be a whole number between 1 and " + PageRequest.MAX_LIMIT + ".");
            }
        }
        return new PageRequest(blankToNull(afterId), blankToNull(beforeId), size);
    }

    static <T> T body(T body) {
        if (body == null) {
            throw DomainException.invalid(ErrorCode.MISSING_BODY, "A JSON body is required.");
        }
        return body;
    }

    static OrgRole orgRole(String value) {
        if (value == null) {
            throw DomainException.invalid(ErrorCode.INVALID_ROLE, "role is required: one of user, claude_code_user, developer, billing, admin.");
        }
        return OrgRole.fromValue(value).orElseThrow(() -> DomainException.invalid(ErrorCode.INVALID_ROLE,
                "role must be one of user, claude_code_user, developer, billing, admin."));
    }

    static List<OrgRole> orgRoles(List<String> values) {
        List<OrgRole> roles = new ArrayList<>();
        for (String value : values(values)) {
            roles.add(orgRole(value));
        }
        return roles;
    }

    /**
     * The values of a list filter however it was spelled ({@code name[]=a&name[]=b}, {@code name=a,b}), trimmed, blanks
     * dropped, in order.
     */
    @SafeVarargs
    static List<String> values(List<String>... spellings) {
        List<String> values = new ArrayList<>();
        for (List<String> spelling : spellings) {
            if (spelling == null) {
                continue;
            }
            for (String value : spelling) {
                for (String part : value.split(",")) {
                    if (!part.isBlank()) {
                        values.add(part.trim());
                    }
                }
            }
        }
        return values;
    }

    static WorkspaceRole workspaceRole(String value) {
        return WorkspaceRole.fromValue(value == null ? "" : value).orElseThrow(() -> DomainException.invalid(ErrorCode.INVALID_WORKSPACE_ROLE,
                "workspace_role must be one of " + WorkspaceRole.assignableValues() + "."));
    }

    static boolean flag(String value, String name) {
        if (value == null || value.isBlank()) {
            return false;
        }
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw DomainException.invalidField(name, name + " must be true or false.");
        };
    }

    /** The earliest and latest times the API accepts anywhere (a year 1970 to 9999 window, the same on every database). */
    static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    /** An RFC 3339 time (UTC "Z" or an offset), within the years 1970 to 9999; anything else is a 400 naming the field. */
    static Instant time(String field, String value) {
        Instant parsed;
        try {
            parsed = java.time.OffsetDateTime.parse(value.trim(), java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (RuntimeException notRfc3339) {
            throw DomainException.invalidField(field, field + " must be an RFC 3339 time such as 2026-01-01T00:00:00Z.");
        }
        if (parsed.isBefore(EARLIEST) || parsed.isAfter(LATEST)) {
            throw DomainException.invalidField(field, field + " must be between 1970-01-01T00:00:00Z and 9999-12-31T23:59:59Z.");
        }
        return parsed;
    }

    /** A required text field of a body: 400 naming it when absent or blank. */
    static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw DomainException.invalidField(field, field + " is required.");
        }
        return value.trim();
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
