package dev.accessconsole.authz.api;

/** One organization role a principal holds, and where it comes from. A member may hold several (roles.md, "Several roles"). */
public record HeldRole(OrgRole role, GrantSource source) {

    public static HeldRole direct(OrgRole role) {
        return new HeldRole(role, GrantSource.DIRECT);
    }

    public String describe() {
        return source.describe(role);
    }
}
