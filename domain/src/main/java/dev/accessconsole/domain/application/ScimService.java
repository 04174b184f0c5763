package dev.accessconsole.domain.application;

import dev.accessconsole.domain.model.ErrorCode;
import dev.accessconsole.authz.api.OrgRole;
import dev.accessconsole.authz.api.AccessDecisions;
import dev.accessconsole.domain.model.Actor;
import dev.accessconsole.domain.model.ApiKeyRepository;
import dev.accessconsole.domain.model.AuditLog;
import dev.accessconsole.domain.model.DomainException;
import dev.accessconsole.domain.model.JsonBuilders;
import dev.accessconsole.domain.model.Organization;
import dev.accessconsole.domain.model.OrganizationMember;
import dev.accessconsole.domain.model.OrganizationRepository;
import dev.accessconsole.domain.model.RbacGroup;
import dev.accessconsole.domain.model.RbacGroupMember;
import dev.accessconsole.domain.model.RbacGroupRepository;
import dev.accessconsole.domain.model.Time;
import dev.accessconsole.domain.model.UserAccount;
import dev.accessconsole.domain.model.UserRepository;
import dev.accessconsole.domain.model.WorkspaceRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * SCIM 2.0 provisioning of an organization's people and groups by its identity provider (roles.md, "SCIM 2.0"). A SCIM
 * User is an organization member ({@code userName}: their email, compared as emails are); creating one makes the person
 * a member with the default role; {@code active:false} suspends them (they hold nothing, are not listed by the Admin API,
 * their sessions end, keys bound to them are archived, Admin API keys they created are revoked), {@code active:true}
 * brings them back with the default role and their groups, deletion removes them. A SCIM Group is a {@code scim} group.
 * Each change takes effect on every node before it is answered (the standings it touches are marked when it commits).
 */
@ApplicationScoped
public class ScimService {

    @Inject
    AccessDecisions decisions;

    /** A person as SCIM sees them. */
    public record ScimUser(OrganizationMember member, UserAccount account, List<RbacGroup> groups) {
    }

    /** What a SCIM request says of a person; null fields are not given (PATCH) or cleared (PUT: the caller decides). */
    public record UserInput(String userName, String externalId, String givenName, String familyName, String displayName, Boolean active) {
    }

    /** A page of SCIM results (1-based startIndex, as SCIM counts). */
    public record Listed<T>(List<T> resources, long totalResults, int startIndex) {
    }

    /** A group as SCIM sees it, with its members. */
    public record ScimGroup(RbacGroup group, List<RbacGroupMember> members) {
    }

    @Inject
    OrganizationRepository organizations;

    @Inject
    UserRepository users;

    @Inject
    RbacGroupRepository groups;

    @Inject
    WorkspaceRepository workspaces;

    @Inject
    ApiKeyRepository apiKeys;

    @Inject
    AdminKeyService adminKeys;

    @Inject
    MemberService memberService;

    @Inject
    MemberRoles memberRoles;

    @Inject
    GroupService groupService;

    @Inject
    IdentityProviderService identity;

    @Inject
    AuditLog audit;

    @PersistenceContext(unitName = "access-console")
    EntityManager em;

    // ---------------------------------------------------------------------------------------------------------------
    // Users

    @Transactional
    public Listed<ScimUser> users(String organizationId, String userName, String externalId, int startIndex, int count) {
        String email = UserAccount.emailKey(userName);
        long total = organizations.count(organizationId, email, externalId);
        List<ScimUser> found = count == 0 ? List.of() : organizations.search(organizationId, email, externalId, startIndex - 1, count).stream()
                .map(m -> new ScimUser(m, m.user(), List.of())).toList();
        return new Listed<>(found, total, startIndex);
    }

    @Transactional
    public ScimUser user(String organizationId, String userId) {
        OrganizationMember member = member(organizationId, userId);
        return new ScimUser(member, member.user(), groups.groupsOf(organizationId, userId));
    }

    @Transactional
    public ScimUser createUser(Actor actor, String organizationId, UserInput input) {
        String email = Names.email(input.userName());
        Organization organization = organizations.findForUpdate(organizationId).orElseThrow(() -> DomainException.notFound("organization"));
        if (organizations.anyMemberByEmail(organizationId, email).isPresent()) {
            throw DomainException.conflict("A user with userName " + email + " already exists in this organization.");
        }
        Instant now = Time.now();
        UserAccount account = accountFor(email, displayName(input), now);
        OrgRole role = identity.defaultRole(organizationId);
        OrganizationMember member = new OrganizationMember(organization, account, role, OrganizationMember.JoinedBy.SCIM, now);
        member.scimAttributes(attributes(input, null), now);
        organizations.addMember(member);
        audit.record(organizationId, actor, "member.provision", "user", account.id(), JsonBuilders.object()
                .add("email", email).add("role", role.value()).add("active", !Boolean.FALSE.equals(input.active())).build().toString());
        if (Boolean.FALSE.equals(input.active())) {
            suspend(actor, organizationId, member);
        }
        return new ScimUser(member, account, List.of());
    }

    /**
     * Replaces (PUT) or patches (PATCH) a person's attributes and, when {@code active} is given, suspends or brings them
     * back. {@code replace}: attributes not given are cleared (userName stays required).
     */
    @Transactional
    public ScimUser changeUser(Actor actor, String organizationId, String userId, UserInput input, boolean replace) {
        organizations.findForUpdate(organizationId).orElseThrow(() -> DomainException.notFound("organization"));
        OrganizationMember member = member(organizationId, userId);
        Instant now = Time.now();
        if (input.userName() != null) {
            String email = Names.email(input.userName());
            if (!email.equals(member.user().email())) {
                // the identity provider renamed the person: only an account it provisioned (never signed in) follows
                if (!member.user().unbound()) {
                    throw DomainException.invalidField("userName", "userName cannot change once the person signed in: it is their verified email.");
                }
                if (organizations.anyMemberByEmail(organizationId, email).isPresent()) {
                    throw DomainException.conflict("A user with userName " + email + " already exists in this organization.");
                }
                member.user().updateProfile(email, true, null);
            }
        } else if (replace) {
            throw DomainException.invalidField("userName", "userName is required.");
        }
        member.scimAttributes(attributes(input, replace ? null : member.scimAttributes()), now);
        member.user().provisionedName(displayName(input));
        if (input.active() != null && input.active() == member.suspended()) {
            if (input.active()) {
                OrgRole role = identity.defaultRole(organizationId);
                member.reactivate(role, now);
                audit.record(organizationId, actor, "member.reactivate", "user", userId,
                        JsonBuilders.object().add("role", role.value()).build().toString());
            } else {
                suspend(actor, organizationId, member);
            }
        }
        return new ScimUser(member, member.user(), groups.groupsOf(organizationId, userId));
    }

    /** Removes the person from the organization (the removal rules apply: nobody removes the last admin). */
    @Transactional
    public void deleteUser(Actor actor, String organizationId, String userId) {
        organizations.findForUpdate(organizationId).orElseThrow(() -> DomainException.notFound("organization"));
        OrganizationMember member = member(organizationId, userId);
        JsonObjectBuilder details = JsonBuilders.object().add("role", member.role().value());
        memberService.leave(actor, organizationId, member, details);
        organizations.removeMember(member);
        memberRoles.requireAdminHolder(organizationId, ErrorCode.LAST_ADMIN);
        audit.record(organizationId, actor, "member.remove", "user", userId, details.build().toString());
    }

    /**
     * Suspension (SCIM active:false): the person holds nothing in the organization while it lasts; their sessions end,
     * their explicit workspace memberships go, keys bound to them are archived, Admin API keys they created are revoked.
     * Their groups stay, for when they come back. Refused when it would leave nobody holding admin.
     */
    private void suspend(Actor actor, String organizationId, OrganizationMember member) {
        String userId = member.user().id();
        Set<OrgRole> before = memberRoles.roleSet(organizationId, userId);
        Instant now = Time.now();
        int memberships = workspaces.removeMembershipsOf(organizationId, userId);
        int boundKeys = apiKeys.archiveBoundTo(organizationId, userId, null);
        JsonObjectBuilder details = JsonBuilders.object().add("workspace_memberships_removed", memberships).add("bound_api_keys_archived", boundKeys);
        if (decisions.holdsAdmin(before)) {
            List<String> revoked = adminKeys.revokeCreatedBy(organizationId, userId);
            if (!revoked.isEmpty()) {
                details.add("admin_api_keys_revoked", JsonBuilders.array(revoked));
            }
        }
        member.suspend(now);
        memberRoles.requireAdminHolder(organizationId, ErrorCode.LAST_ADMIN);
        audit.record(organizationId, actor, "member.suspend", "user", userId, details.build().toString());
    }

    /**
     * The account a provisioned email binds to: a person who signed in with that email verified, or the account an
     * identity provider provisioned for it before, or a new one that the person's first sign-in will take.
     */
    private UserAccount accountFor(String email, String name, Instant now) {
        List<UserAccount> known = em.createQuery("select u from UserAccount u where u.email = :email and u.emailVerified = true"
                + " order by case when u.issuer = :provisioned then 1 else 0 end, u.createdAt, u.id", UserAccount.class)
                .setParameter("email", email).setParameter("provisioned", UserAccount.PROVISIONED_ISSUER).setMaxResults(1).getResultList();
        if (!known.isEmpty()) {
            return known.get(0);
        }
        UserAccount account = UserAccount.provisioned(email, name, now);
        users.add(account);
        return account;
    }

    private OrganizationMember member(String organizationId, String userId) {
        return organizations.anyMember(organizationId, userId).orElseThrow(() -> DomainException.notFound("User"));
    }

    private static OrganizationMember.ScimAttributes attributes(UserInput input, OrganizationMember.ScimAttributes before) {
        if (before == null) {
            return new OrganizationMember.ScimAttributes(clip(input.externalId()), clip(input.givenName()), clip(input.familyName()),
                    clip(input.displayName()));
        }
        return new OrganizationMember.ScimAttributes(
                input.externalId() != null ? clip(input.externalId()) : before.externalId(),
                input.givenName() != null ? clip(input.givenName()) : before.givenName(),
                input.familyName() != null ? clip(input.familyName()) : before.familyName(),
                input.displayName() != null ? clip(input.displayName()) : before.displayName());
    }

    private static String displayName(UserInput input) {
        if (input.displayName() != null && !input.displayName().isBlank()) {
            return clip(input.displayName());
        }
        String joined = ((input.givenName() == null ? "" : input.givenName()) + " " + (input.familyName() == null ? "" : input.familyName())).strip();
        return joined.isEmpty() ? null : clip(joined);
    }

    private static String clip(String text) {
        if (text == null) {
            return null;
        }
        String clean = text.strip();
        if (clean.chars().anyMatch(Character::isISOControl)) {
            throw DomainException.invalidField("name", "Names cannot contain control characters.");
        }
        return clean.length() > 255 ? clean.substring(0, 255) : clean;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Groups

    @Transactional
    public Listed<ScimGroup> groups(String organizationId, String displayName, String externalId, int startIndex, int count, boolean withMembers) {
        long total = countScim(organizationId, displayName, externalId);
        List<ScimGroup> found = count == 0 ? List.of() : searchScim(organizationId, displayName, externalId, startIndex - 1, count).stream()
                .map(g -> new ScimGroup(g, withMembers ? groups.allMembers(g) : List.of())).toList();
        return new Listed<>(found, total, startIndex);
    }

    private long countScim(String organizationId, String displayName, String externalId) {
        var query = em.createQuery("select count(g) from RbacGroup g where g.organizationId = :org and g.sourceType = :scim"
                        + (displayName == null ? "" : " and g.nameKey = :key") + (externalId == null ? "" : " and g.externalId = :ext"), Long.class)
                .setParameter("org", organizationId).setParameter("scim", RbacGroup.Source.SCIM.value());
        if (displayName != null) {
            query.setParameter("key", RbacGroup.nameKey(displayName));
        }
        if (externalId != null) {
            query.setParameter("ext", externalId);
        }
        return query.getSingleResult();
    }

    private List<RbacGroup> searchScim(String organizationId, String displayName, String externalId, int offset, int count) {
        var query = em.createQuery("select g from RbacGroup g where g.organizationId = :org and g.sourceType = :scim"
                        + (displayName == null ? "" : " and g.nameKey = :key") + (externalId == null ? "" : " and g.externalId = :ext")
                        + " order by g.id", RbacGroup.class)
                .setParameter("org", organizationId).setParameter("scim", RbacGroup.Source.SCIM.value());
        if (displayName != null) {
            query.setParameter("key", RbacGroup.nameKey(displayName));
        }
        if (externalId != null) {
            query.setParameter("ext", externalId);
        }
        return query.setFirstResult(offset).setMaxResults(count).getResultList();
    }

    @Transactional
    public ScimGroup group(Actor actor, String organizationId, String groupId, boolean withMembers) {
        RbacGroup group = groupService.visibleTo(actor, organizationId, groupId);
        return new ScimGroup(group, withMembers ? groups.allMembers(group) : List.of());
    }

    @Transactional
    public ScimGroup createGroup(Actor actor, String organizationId, String displayName, String externalId, List<String> memberIds,
                                 boolean withMembers) {
        if (displayName != null && groups.findByName(organizationId, displayName.strip()).isPresent()) {
            throw DomainException.conflict("A group named " + displayName.strip() + " already exists in this organization.");
        }
        RbacGroup group = groupService.create(actor, organizationId, displayName, List.of(), externalId);
        if (!memberIds.isEmpty()) {
            groupService.replaceMembers(actor, organizationId, group.id(), memberIds);
        }
        return new ScimGroup(group, withMembers ? groups.allMembers(group) : List.of());
    }

    /** PUT and PATCH of a group: a new name, external id, and members (exactly these, or these added and removed). */
    @Transactional
    public ScimGroup changeGroup(Actor actor, String organizationId, String groupId, String displayName, Optional<String> externalId,
                                 List<String> replaceMembers, List<String> addMembers, List<String> removeMembers, boolean withMembers) {
        RbacGroup group = groupService.visibleTo(actor, organizationId, groupId);
        if (displayName != null && !displayName.strip().equals(group.name())) {
            Optional<RbacGroup> taken = groups.findByName(organizationId, displayName.strip());
            if (taken.isPresent() && !taken.get().id().equals(group.id())) {
                throw DomainException.conflict("A group named " + displayName.strip() + " already exists in this organization.");
            }
            groupService.update(actor, organizationId, groupId, displayName, null);
        }
        if (externalId.isPresent() && !externalId.get().equals(group.externalId())) {
            group.externalId(externalId.get().isEmpty() ? null : externalId.get(), Time.now());
        }
        if (replaceMembers != null) {
            groupService.replaceMembers(actor, organizationId, groupId, replaceMembers);
        }
        if (!addMembers.isEmpty() || !removeMembers.isEmpty()) {
            groupService.patchMembers(actor, organizationId, groupId, addMembers, removeMembers);
        }
        return new ScimGroup(group, withMembers ? groups.allMembers(group) : List.of());
    }

    @Transactional
    public void deleteGroup(Actor actor, String organizationId, String groupId) {
        groupService.delete(actor, organizationId, groupId);
    }
}
