package dev.accessconsole.web.interfaces.rest.json;

import dev.accessconsole.domain.model.Invite;

import java.time.Instant;
import java.util.List;

/** An invite as the Admin API shows it; status is computed now, so a lapsed invite reads "expired". */
public record InviteJson(String id, String type, String email, String role, Instant invitedAt, Instant expiresAt,
                         String status, Instant acceptedAt, List<String> rbacGroupIds) {

    public static InviteJson of(Invite invite, Instant now) {
        return new InviteJson(invite.id(), "invite", invite.email(), invite.role().value(), invite.invitedAt(),
                invite.expiresAt(), invite.status(now).value(), invite.acceptedAt(), invite.rbacGroupIds());
    }
}
