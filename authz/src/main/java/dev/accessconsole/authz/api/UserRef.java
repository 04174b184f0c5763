package dev.accessconsole.authz.api;

/** A person as the identity provider names them: token issuer and subject. */
public record UserRef(String issuer, String subject) {
}
