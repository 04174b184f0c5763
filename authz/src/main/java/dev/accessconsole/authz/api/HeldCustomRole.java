package dev.accessconsole.authz.api;

/** A custom role a principal holds, and where it comes from (a group carrying it). */
public record HeldCustomRole(CustomRole role, GrantSource source) {

    /** The role as it is held, in words: "custom role Auditor through group Compliance". */
    public String describe() {
        return switch (source.type()) {
            case RBAC_GROUP -> "custom role " + role.name() + " through group " + source.name();
            default -> "custom role " + role.name();
        };
    }
}
