package dev.accessconsole.authz.api;

/**
 * Where a held role comes from, so that every answer can name it ("developer through group Engineering"): the member's
 * direct role, a group of the organization, or what a credential acts as (an Admin API key acts as an admin).
 */
public record GrantSource(Type type, String id, String name) {

    public enum Type {
        /** The member's own role, as the Admin API's user object shows it. */
        DIRECT,
        /** A role carried by a group the member belongs to. */
        RBAC_GROUP,
        /** The role a credential acts with (an Admin API key: admin). */
        CREDENTIAL
    }

    public static final GrantSource DIRECT = new GrantSource(Type.DIRECT, null, null);
    public static final GrantSource CREDENTIAL = new GrantSource(Type.CREDENTIAL, null, null);

    public static GrantSource group(String groupId, String groupName) {
        return new GrantSource(Type.RBAC_GROUP, groupId, groupName);
    }

    /** The role as it is held, in words: "org role developer", "developer through group Engineering". */
    public String describe(OrgRole role) {
        return switch (type) {
            case DIRECT -> "org role " + role.value();
            case RBAC_GROUP -> role.value() + " through group " + name;
            case CREDENTIAL -> "org role " + role.value() + " (the credential's)";
        };
    }
}
