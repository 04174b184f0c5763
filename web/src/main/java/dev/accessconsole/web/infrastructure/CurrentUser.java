package dev.accessconsole.web.infrastructure;

import dev.accessconsole.authz.api.Permission;
import dev.accessconsole.authz.api.AccessDeniedException;
import dev.accessconsole.authz.api.CallerTokens;
import dev.accessconsole.domain.model.UserAccount;
import jakarta.enterprise.context.RequestScoped;

/** The signed-in person of this request (a token of a user, not of a platform service), once provisioned. */
@RequestScoped
public class CurrentUser {

    private UserAccount user;
    private boolean emailVerified;
    private boolean serviceCredential;

    void set(UserAccount user, boolean emailVerified) {
        this.user = user;
        this.emailVerified = emailVerified;
    }

    void markServiceCredential() {
        this.serviceCredential = true;
    }

    /** The signed-in user; refuses anonymous callers (401) and platform credentials (403). */
    public UserAccount require() {
        if (serviceCredential) {
            throw new AccessDeniedException.MissingPermission(Permission.ORGANIZATION_READ.value(),
                    "platform support and gateway credentials cannot act as people");
        }
        if (user == null) {
            throw new AccessDeniedException.Unauthenticated();
        }
        return user;
    }

    public boolean emailVerified() {
        return emailVerified;
    }
}
