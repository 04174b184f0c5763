package dev.accessconsole.domain.model;

import java.util.Optional;

public interface InviteRepository {

    void add(Invite invite);

    Optional<Invite> find(String organizationId, String inviteId);

    /** Finds an invite in any organization and locks it: an invite is accepted once. */
    Optional<Invite> findForAcceptance(String inviteId);

    boolean hasPendingInvite(String organizationId, String email, java.time.Instant now);

    /** Invites in any of {@code statuses} (all four: no status condition), with any of {@code roles} (empty: any role). */
    Page<Invite> list(String organizationId, java.util.Set<Invite.Status> statuses, java.util.Set<String> roles, String email,
                      java.time.Instant now, PageRequest page);
}
