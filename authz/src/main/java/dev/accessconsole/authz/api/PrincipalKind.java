package dev.accessconsole.authz.api;

/** Who acts in an organization: a signed-in member, or an Admin API key acting as an admin with restrictions. */
public enum PrincipalKind {
    USER,
    ADMIN_API_KEY
}
