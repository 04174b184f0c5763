package dev.accessconsole.domain.application;

import dev.accessconsole.domain.model.JsonBuilders;
import dev.accessconsole.authz.api.AccessDecisions;
import dev.accessconsole.domain.model.ErrorCode;
import dev.accessconsole.authz.api.OrgRole;
import dev.accessconsole.domain.model.Actor;
import dev.accessconsole.domain.model.AuditLog;
import dev.accessconsole.domain.model.DomainException;
import dev.accessconsole.domain.model.Invite;
import dev.accessconsole.domain.model.InviteRepository;
import dev.accessconsole.domain.model.Organization;
import dev.accessconsole.domain.model.OrganizationMember;
import dev.accessconsole.domain.model.OrganizationRepository;
import dev.accessconsole.domain.model.Page;
import dev.accessconsole.domain.model.PageRequest;
import dev.accessconsole.domain.model.Time;
import dev.accessconsole.domain.model.UserAccount;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import dev.accessconsole.domain.model.RbacGroup;
import dev.accessconsole.domain.model.RbacGroupMember;
import dev.accessconsole.domain.model.RbacGroupRepository;

import java.time.Instant;
import java.util.List;

/** Invites: create, list, read, delete, and acceptance by the person whose verified email they name. */
@ApplicationScoped
public class InviteService {

    @Inject
    AccessDecisions decisions;

    /** What accepting an invite is refused under: it is no permission of an organization role, but the invitee's own. */
    public static final String ACCEPT_INVITE = "invite:accept";

    @Inject
    InviteRepository invites;

    @Inject
    OrganizationRepository organizations;

    @Inject
    AuditLog audit;

    @Inject
    RbacGroupRepository groups;

    @PersistenceContext(unitName = "access-console")
    EntityManager em;

    @Transactional
    public Invite create(Actor actor, String organizationId, String email, OrgRole role) {
        return create(actor, organizationId, email, role, List.of());
    }

    /**
     * An invite with a role and, optionally, direct groups the invitee joins on acceptance (the official
     * {@code rbac_group_ids}): groups of this organization that the Admin API manages, and, for an Admin API key, none
     * carrying admin.
     */
    @Transactional
    public Invite create(Actor actor, String organizationId, String email, OrgRole role, List<String> rbacGroupIds) {
        String address = Names.email(email);
        decisions.requireMayChangeHolder(actor.principalKind(), java.util.Set.of(), java.util.EnumSet.of(role));
        List<String> groupIds = new java.util.ArrayList<>(new java.util.LinkedHashSet<>(rbacGroupIds == null ? List.of() : rbacGroupIds));
        for (String groupId : groupIds) {
            RbacGroup group = groups.find(organizationId, groupId)
                    .orElseThrow(() -> DomainException.notFound(ErrorCode.RBAC_GROUP_NOT_FOUND, "rbac_group"));
            if (group.managedByIdentityProvider()) {
                throw DomainException.invalid(ErrorCode.GROUP_MANAGED_BY_IDENTITY_PROVIDER, "Group '" + group.name()
                        + "' is managed by the organization's identity provider: its members come from there, not from invites.");
            }
            decisions.requireMayChangeGrant(actor.principalKind(), group.roleIds());
        }
        // the organization row lock serializes invites: two admins inviting one email at once make one pending invite
        Organization organization = organizations.findForUpdate(organizationId).orElseThrow(() -> DomainException.notFound("organization"));
        Instant now = Time.now();
        boolean alreadyMember = em.createQuery("select count(m) from OrganizationMember m join m.user u"
                        + " where m.organization.id = :org and u.email = :email", Long.class)
                .setParameter("org", organizationId).setParameter("email", address).getSingleResult() > 0;
        if (alreadyMember) {
            throw DomainException.invalid(ErrorCode.ALREADY_MEMBER, "A member with this email already belongs to the organization.");
        }
        if (invites.hasPendingInvite(organizationId, address, now)) {
            throw DomainException.invalid(ErrorCode.INVITE_ALREADY_EXISTS, "A pending invite for this email already exists.");
        }
        Invite invite = new Invite(organization, address, role, actor.id(), now);
        invite.rbacGroupIds(groupIds);
        invites.add(invite);
        audit.record(organizationId, actor, "invite.create", "invite", invite.id(),
                JsonBuilders.object().add("email", address).add("role", role.value()).build().toString());
        return invite;
    }

    /** The invites of any of {@code statuses} (none named: pending, accepted and expired, never deleted) and of any of {@code roles}. */
    @Transactional
    public Page<Invite> list(String organizationId, java.util.Set<Invite.Status> statuses, java.util.Set<OrgRole> roles, String email, PageRequest page) {
        java.util.Set<Invite.Status> shown = statuses.isEmpty()
                ? java.util.EnumSet.of(Invite.Status.PENDING, Invite.Status.ACCEPTED, Invite.Status.EXPIRED) : java.util.EnumSet.copyOf(statuses);
        java.util.Set<String> roleValues = new java.util.HashSet<>();
        roles.forEach(role -> roleValues.add(role.value()));
        return invites.list(organizationId, shown, roleValues, UserAccount.emailKey(email), Time.now(), page);
    }

    @Transactional
    public Invite get(String organizationId, String inviteId) {
        return invites.find(organizationId, inviteId).orElseThrow(() -> DomainException.notFound("invite"));
    }

    @Transactional
    public Invite delete(Actor actor, String organizationId, String inviteId) {
        Invite invite = get(organizationId, inviteId);
        Invite.Status status = invite.status(Time.now());
        if (status == Invite.Status.ACCEPTED) {
            throw DomainException.invalid(ErrorCode.INVITE_ALREADY_ACCEPTED, "An accepted invite cannot be deleted.");
        }
        if (status != Invite.Status.DELETED) {
            invite.delete();
            audit.record(organizationId, actor, "invite.delete", "invite", inviteId, null);
        }
        return invite;
    }

    /**
     * Accepts an invite for the signed-in user. The invite row is locked, so the same invite accepted twice at once
     * yields one membership. Someone other than the invitee learns nothing: 404.
     */
    @Transactional
    public OrganizationMember accept(UserAccount user, boolean emailVerified, String inviteId) {
        Invite invite = invites.findForAcceptance(inviteId)
                .filter(i -> i.email().equals(user.email()))
                .orElseThrow(() -> DomainException.notFound("invite"));
        if (!emailVerified) {
            throw DomainException.missingPermission(ErrorCode.EMAIL_NOT_VERIFIED, ACCEPT_INVITE,
                    "your email address must be verified (email_verified true in your token) to accept an invite");
        }
        Instant now = Time.now();
        switch (invite.status(now)) {
            case ACCEPTED -> throw DomainException.invalid(ErrorCode.INVITE_ALREADY_ACCEPTED, "This invite has already been accepted.");
            case EXPIRED -> throw DomainException.invalid(ErrorCode.INVITE_EXPIRED, "This invite has expired.");
            case DELETED -> throw DomainException.invalid(ErrorCode.INVITE_DELETED, "This invite has been deleted.");
            case PENDING -> { }
        }
        String organizationId = invite.organization().id();
        if (organizations.member(organizationId, user.id()).isPresent()) {
            throw DomainException.invalid(ErrorCode.ALREADY_MEMBER, "You are already a member of this organization.");
        }
        OrganizationMember member = new OrganizationMember(invite.organization(), user, invite.role(), OrganizationMember.JoinedBy.INVITE, now);
        organizations.addMember(member);
        for (String groupId : invite.rbacGroupIds()) {
            // a group deleted since the invite was made is simply not joined
            groups.find(organizationId, groupId).filter(g -> !g.managedByIdentityProvider())
                    .ifPresent(group -> groups.addMember(new RbacGroupMember(group, user, now)));
        }
        invite.accept(now);
        audit.record(organizationId, Actor.user(user.id()), "invite.accept", "invite", inviteId,
                JsonBuilders.object().add("role", invite.role().value()).build().toString());
        return member;
    }
}
