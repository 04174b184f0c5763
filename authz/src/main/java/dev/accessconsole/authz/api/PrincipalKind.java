package dev.accessconsole.authz.api;

/**
 * Who acts in an organization: a signed-in member, an Admin API key acting as an admin with restrictions, or the
 * organization's provisioning credential (a SCIM token), which holds no role and acts only where
 * {@link ProvisioningCredential} is declared.
 */
public enum PrincipalKind {
    USER,
    ADMIN_API_KEY,
    SCIM_TOKEN
}
