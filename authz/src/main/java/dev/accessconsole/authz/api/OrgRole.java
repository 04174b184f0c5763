package dev.accessconsole.authz.api;

import java.util.Arrays;
import java.util.Optional;

/** The five organization roles, by their API values. */
public enum OrgRole {
    USER("user"),
    CLAUDE_CODE_USER("claude_code_user"),
    DEVELOPER("developer"),
    BILLING("billing"),
    ADMIN("admin");

    private final String value;

    OrgRole(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public static Optional<OrgRole> fromValue(String value) {
        return Arrays.stream(values()).filter(r -> r.value.equals(value)).findFirst();
    }

    @Override
    public String toString() {
        return value;
    }
}
