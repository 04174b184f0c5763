package dev.accessconsole.domain.application;

import dev.accessconsole.domain.model.UserAccount;
import dev.accessconsole.domain.model.ErrorCode;
import dev.accessconsole.domain.model.DomainException;

import java.util.regex.Pattern;

/** Checks for names and emails in requests, with the API's error codes. */
final class Names {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+$");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    private Names() {
    }

    static String require(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            throw DomainException.invalidField(field, field + " is required and cannot be blank.");
        }
        String trimmed = value.strip();
        // counted in UTF-16 code units, as the databases' columns are sized: an emoji counts two, on H2 and PostgreSQL alike
        if (trimmed.length() > maxLength) {
            throw DomainException.invalidField(field, field + " must be at most " + maxLength + " characters (UTF-16 code units).");
        }
        if (CONTROL.matcher(trimmed).find()) {
            throw DomainException.invalidField(field, field + " cannot contain control characters.");
        }
        return trimmed;
    }

    /**
     * An email as written (roles.md): no trimming, no removal of control characters; one with whitespace or a control
     * character anywhere is not a valid address.
     */
    static String email(String value) {
        if (value == null || value.length() > 320 || !UserAccount.isAddress(value) || !EMAIL.matcher(value).matches()) {
            throw DomainException.invalid(ErrorCode.INVALID_EMAIL, "email must be a valid email address (no spaces or control characters).");
        }
        return UserAccount.normalizeEmail(value);
    }
}
