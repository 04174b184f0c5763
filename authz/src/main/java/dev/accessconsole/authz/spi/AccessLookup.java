package dev.accessconsole.authz.spi;

import dev.accessconsole.authz.api.MemberStanding;
import dev.accessconsole.authz.api.UserRef;
import dev.accessconsole.authz.api.WorkspaceStanding;

import java.util.List;
import java.util.Optional;

/**
 * How the guard learns standings. Another module implements it (the domain module with JPA), as one CDI bean.
 * Each method should cost at most one indexed query.
 */
public interface AccessLookup {

    /** The user's standing in the organization, explicit workspace memberships included; empty when not a member. */
    Optional<MemberStanding> memberStanding(UserRef user, String organizationId);

    /** The standing of an active Admin API key given by its secret; empty when unknown, revoked or malformed. */
    Optional<MemberStanding> adminKeyStanding(String secret);

    /**
     * The standing of an organization's active provisioning credential (a SCIM token) given by its secret, of kind
     * {@link dev.accessconsole.authz.api.PrincipalKind#SCIM_TOKEN}; empty when unknown, revoked or malformed.
     */
    Optional<MemberStanding> provisioningStanding(String secret);

    /**
     * The organization a person's requests go to when nothing names one and they belong to several: the one whose
     * sign-in settings own their verified email's domain, if they are a member of it; empty otherwise.
     */
    Optional<String> signInOrganization(UserRef user);

    /** The facts of a workspace of the organization; empty when the organization has no such workspace. */
    Optional<WorkspaceStanding> workspace(String organizationId, String workspaceId);

    /**
     * The id of the workspace a resource of the organization lives in (the Default workspace's own id for resources
     * there); empty when the organization has no such resource, whether or not another organization does.
     */
    Optional<String> workspaceOf(String resourceType, String resourceId, String organizationId);

    /** Up to {@code limit} ids of the organizations the user belongs to (to default to the only one). */
    List<String> organizationsOf(UserRef user, int limit);
}
