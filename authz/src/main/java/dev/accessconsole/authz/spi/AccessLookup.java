package dev.accessconsole.authz.spi;

import dev.accessconsole.authz.api.MemberStanding;
import dev.accessconsole.authz.api.UserRef;

import java.util.List;
import java.util.Optional;

/**
 * How the guard learns memberships. Another module implements it (the domain module with JPA), as one CDI bean.
 * Each method should cost at most one indexed query.
 */
public interface AccessLookup {

    /**
     * The user's standing in the organization, with the named workspace when {@code workspaceId} is not null.
     * Empty when the user is not a member (or the organization does not exist).
     */
    Optional<MemberStanding> memberStanding(UserRef user, String organizationId, String workspaceId);

    /** The standing of an active Admin API key given by its secret; empty when unknown, revoked or malformed. */
    Optional<MemberStanding> adminKeyStanding(String secret, String workspaceId);

    /**
     * The id of the workspace a resource lives in (the Default workspace's own id for resources there), whatever the
     * organization; empty when there is no such resource. The guard then checks the workspace is in the caller's
     * organization.
     */
    Optional<String> workspaceOf(String resourceType, String resourceId);

    /** Up to {@code limit} ids of the organizations the user belongs to (to default to the only one). */
    List<String> organizationsOf(UserRef user, int limit);
}
