package dev.accessconsole.domain.application;

import dev.accessconsole.domain.model.DefinedRoleRepository;
import dev.accessconsole.domain.model.DefinedRole;
import dev.accessconsole.authz.api.GrantSource;
import dev.accessconsole.authz.api.HeldCustomRole;
import dev.accessconsole.domain.model.ErrorCode;
import dev.accessconsole.authz.api.HeldRole;
import dev.accessconsole.authz.api.MemberStanding;
import dev.accessconsole.authz.api.OrgRole;
import dev.accessconsole.authz.api.Permission;
import dev.accessconsole.authz.api.PrincipalKind;
import dev.accessconsole.authz.api.WorkspaceKind;
import dev.accessconsole.authz.api.AccessDecisions;
import dev.accessconsole.domain.model.Actor;
import dev.accessconsole.domain.model.ApiKeyRepository;
import dev.accessconsole.domain.model.AuditLog;
import dev.accessconsole.domain.model.DomainException;
import dev.accessconsole.domain.model.JsonBuilders;
import dev.accessconsole.domain.model.Organization;
import dev.accessconsole.domain.model.OrganizationMember;
import dev.accessconsole.domain.model.OrganizationRepository;
import dev.accessconsole.domain.model.RbacGroupRepository;
import dev.accessconsole.domain.model.WorkspaceMember;
import dev.accessconsole.domain.model.WorkspaceRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What members hold, read inside the caller's transaction (a change sees its own effects), and what follows when it
 * changes, whatever changed it (a direct role, a group's members or roles, a group's deletion, SCIM, sign-in claims):
 * the member leaves the workspaces their roles no longer open (keys bound to them there archived), Admin API keys they
 * created are revoked when they stop holding admin, and a billing email left with someone who lost billing:read is
 * reported. Every question here is the policy's; nothing names a role to decide.
 */
@ApplicationScoped
public class MemberRoles {

    @Inject
    AccessDecisions decisions;

    @Inject
    OrganizationRepository organizations;

    @Inject
    RbacGroupRepository groups;

    @Inject
    DefinedRoleRepository definedRoles;

    @Inject
    WorkspaceRepository workspaces;

    @Inject
    ApiKeyRepository apiKeys;

    @Inject
    AdminKeyService adminKeys;

    @Inject
    AuditLog audit;

    @PersistenceContext(unitName = "access-console")
    EntityManager em;

    /** The roles an active member holds now: their direct role, then their groups' (empty when not an active member). */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<HeldRole> of(String organizationId, String userId) {
        // the direct role read as one column, the member and the person not loaded (every change rechecks its actor here)
        return organizations.activeRole(organizationId, userId).map(role -> held(role, organizationId, userId)).orElse(List.of());
    }

    /** The roles an active member holds now. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<HeldRole> of(OrganizationMember member) {
        return member.suspended() ? List.of() : held(member.role(), member.organizationId(), member.user().id());
    }

    private List<HeldRole> held(OrgRole direct, String organizationId, String userId) {
        List<HeldRole> held = new ArrayList<>();
        held.add(HeldRole.direct(direct));
        held.addAll(groups.groupRoles(organizationId, userId));
        return held;
    }

    /** The custom roles an active member's groups carry, each with its group as source. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<HeldCustomRole> customRoles(String organizationId, String userId) {
        List<RbacGroupRepository.GroupGrant> grants = groups.customRoleGrants(organizationId, userId);
        if (grants.isEmpty()) {
            return List.of();
        }
        Map<String, DefinedRole> defined = definedRoles.byIds(organizationId, grants.stream().map(RbacGroupRepository.GroupGrant::roleId).toList());
        List<HeldCustomRole> held = new ArrayList<>();
        for (RbacGroupRepository.GroupGrant grant : grants) {
            DefinedRole role = defined.get(grant.roleId());
            if (role != null) {
                held.add(new HeldCustomRole(role.asCustomRole(), GrantSource.group(grant.groupId(), grant.groupName())));
            }
        }
        return held;
    }

    /** The same, as a set of roles (for rules that do not care where a role comes from). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Set<OrgRole> roleSet(String organizationId, String userId) {
        return roles(of(organizationId, userId));
    }

    /** A member's standing as the guard would load it, built in the caller's transaction (for decisions on someone else). */
    @Transactional(Transactional.TxType.MANDATORY)
    public MemberStanding standing(OrganizationMember member) {
        Map<String, MemberStanding.Membership> memberships = new HashMap<>();
        for (WorkspaceMember explicit : workspaces.explicitMembershipsOf(member.organizationId(), member.user().id())) {
            memberships.put(explicit.workspace().id(), new MemberStanding.Membership(explicit.workspace().kind(), explicit.role()));
        }
        return new MemberStanding(member.organizationId(), PrincipalKind.USER, member.user().id(), of(member),
                member.suspended() ? List.of() : customRoles(member.organizationId(), member.user().id()), memberships,
                member.sessionsNotBefore());
    }

    /** The held roles of several members, before a change that may alter them (see {@link #settle}); a few queries per 500. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<String, Set<OrgRole>> snapshot(String organizationId, Collection<String> userIds) {
        em.flush();
        Map<String, Set<OrgRole>> held = new LinkedHashMap<>();
        List<String> all = List.copyOf(new java.util.LinkedHashSet<>(userIds));
        for (int from = 0; from < all.size(); from += 500) {
            List<String> batch = all.subList(from, Math.min(all.size(), from + 500));
            Map<String, String> direct = new HashMap<>();
            em.createQuery("select m.userId, m.role from OrganizationMember m where m.organizationId = :org and m.userId in :users"
                            + " and m.suspendedAt is null", Object[].class)
                    .setParameter("org", organizationId).setParameter("users", batch).getResultList()
                    .forEach(row -> direct.put((String) row[0], (String) row[1]));
            Map<String, List<HeldRole>> viaGroups = groups.groupRoles(organizationId, batch);
            for (String userId : batch) {
                EnumSet<OrgRole> roles = EnumSet.noneOf(OrgRole.class);
                String role = direct.get(userId);
                if (role != null) {
                    OrgRole.fromValue(role).ifPresent(roles::add);
                    viaGroups.getOrDefault(userId, List.of()).forEach(h -> roles.add(h.role()));
                }
                held.put(userId, roles);
            }
        }
        return held;
    }

    /**
     * After a change (flushed) of what the people of {@code before} hold: each leaves the workspaces their roles no
     * longer open, with the keys bound to them there; one who stopped holding admin has their Admin API keys revoked; a
     * billing email left with someone who lost billing:read is reported. {@code details} receives what was done; the
     * returned warnings go to the caller.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<String> settle(Actor actor, String organizationId, Map<String, Set<OrgRole>> before, JsonObjectBuilder details) {
        return settle(actor, organizationId, before, snapshot(organizationId, before.keySet()), details);
    }

    /**
     * The same, when the caller knows what each holds now without reading it again: a direct role change leaves the
     * member's groups alone, so what they hold after is the new role with the groups' roles read before it.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<String> settle(Actor actor, String organizationId, Map<String, Set<OrgRole>> before, Map<String, Set<OrgRole>> now,
                               JsonObjectBuilder details) {
        Map<String, Set<OrgRole>> changed = new LinkedHashMap<>();
        before.forEach((userId, roles) -> {
            if (!now.get(userId).equals(roles)) {
                changed.put(userId, now.get(userId));
            }
        });
        if (changed.isEmpty()) {
            return List.of();
        }
        List<String> warnings = new ArrayList<>();
        List<String> left = new ArrayList<>();
        int boundKeys = 0;
        List<String> revoked = new ArrayList<>();
        // only someone whose roles no longer open a kind of workspace they opened before can have a membership to end
        // (memberships are held only where the roles open them): the others' memberships are not read
        List<String> mayLeave = changed.entrySet().stream().filter(e -> !e.getValue().isEmpty()
                && Arrays.stream(WorkspaceKind.values()).anyMatch(kind -> decisions.mayHoldMembership(before.get(e.getKey()), kind)
                        && !decisions.mayHoldMembership(e.getValue(), kind)))
                .map(Map.Entry::getKey).toList();
        Map<String, List<WorkspaceMember>> explicitOf = mayLeave.isEmpty() ? Map.of() : workspaces.explicitMembershipsOf(organizationId, mayLeave);
        for (Map.Entry<String, Set<OrgRole>> entry : changed.entrySet()) {
            String userId = entry.getKey();
            Set<OrgRole> after = entry.getValue();
            List<String> closed = new ArrayList<>();
            for (WorkspaceMember explicit : explicitOf.getOrDefault(userId, List.of())) {
                if (!after.isEmpty() && !decisions.mayHoldMembership(after, explicit.workspace().kind())) {
                    closed.add(explicit.workspace().id());
                    workspaces.removeMember(explicit);
                }
            }
            if (!closed.isEmpty()) {
                left.addAll(closed);
                boundKeys += apiKeys.archiveBoundTo(organizationId, userId, closed);
            }
            if (decisions.holdsAdmin(before.get(userId)) && !decisions.holdsAdmin(after)) {
                List<String> keys = adminKeys.revokeCreatedBy(organizationId, userId);
                for (String keyId : keys) {
                    audit.record(organizationId, actor, "admin_api_key.revoke", "admin_api_key", keyId,
                            JsonBuilders.object().add("reason", "its creator " + userId + " is no longer an admin").build().toString());
                }
                if (!keys.isEmpty()) {
                    revoked.addAll(keys);
                    warnings.add(keys.size() + " Admin API key(s) created by " + userId
                            + " were revoked: their creator is no longer an admin of this organization.");
                }
            }
        }
        warnings.addAll(billingEmailWarnings(actor, organizationId, changed));
        if (!left.isEmpty()) {
            details.add("workspaces_left", JsonBuilders.array(left)).add("bound_api_keys_archived", boundKeys);
        }
        if (!revoked.isEmpty()) {
            details.add("admin_api_keys_revoked", JsonBuilders.array(revoked));
        }
        return warnings;
    }

    /**
     * Role changes never touch billing emails (roles.md). When one leaves a billing email with a person who can no
     * longer read billing ({@code after} empty: no longer a member), say so: in the response and in the audit log.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<String> billingEmailWarnings(Actor actor, String organizationId, String userId, Set<OrgRole> after) {
        return billingEmailWarnings(actor, organizationId, Map.of(userId, after));
    }

    /** The same for several people, each with what they hold now (two queries however many). */
    private List<String> billingEmailWarnings(Actor actor, String organizationId, Map<String, Set<OrgRole>> afterByUser) {
        List<String> withoutBilling = new ArrayList<>();
        afterByUser.forEach((userId, after) -> {
            if (after.isEmpty() || !decisions.grants(after, Permission.BILLING_READ)) {
                withoutBilling.add(userId);
            }
        });
        if (withoutBilling.isEmpty()) {
            return List.of();
        }
        Organization organization = organizations.find(organizationId).orElseThrow();
        List<String> billingEmails = List.copyOf(BillingService.billingEmails(organization));
        if (billingEmails.isEmpty()) {
            return List.of();
        }
        List<String> warnings = new ArrayList<>();
        for (int from = 0; from < withoutBilling.size(); from += 500) {
            List<Object[]> holders = em.createQuery("select u.id, u.email from UserAccount u where u.id in :ids and u.email in :emails", Object[].class)
                    .setParameter("ids", withoutBilling.subList(from, Math.min(withoutBilling.size(), from + 500)))
                    .setParameter("emails", billingEmails).getResultList();
            for (Object[] holder : holders) {
                String userId = (String) holder[0];
                String email = (String) holder[1];
                Set<OrgRole> after = afterByUser.get(userId);
                boolean primary = email.equals(organization.primaryBillingEmail());
                String warning = (primary ? "The primary billing email" : "A billing contact email") + " (" + email + ") belongs to a person who "
                        + (after.isEmpty() ? "is no longer a member" : "no longer has billing:read (roles " + names(after) + ")")
                        + "; billing emails are unchanged. Ask support to update them if needed.";
                audit.record(organizationId, actor, "billing.email_holder_without_access", "user", userId,
                        JsonBuilders.object().add("email", email).add("primary", primary).add("warning", warning).build().toString());
                warnings.add(warning);
            }
        }
        return warnings;
    }

    /**
     * The last-admin invariant (roles.md), checked after a change is flushed and under the organization row lock every
     * change of what people hold takes first: some active member must still hold admin, directly or through a group.
     * Refused with {@code code} otherwise; the caller's transaction then rolls back, so the refused change changes nothing.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void requireAdminHolder(String organizationId, ErrorCode code) {
        em.flush();
        // two "is there one" reads, each answered from an index at its first row (a count over the members, each with an
        // exists over their groups, took 0.4 s at 100,000 members on PostgreSQL)
        boolean direct = !em.createQuery("select m.id from OrganizationMember m where m.organizationId = :org and m.suspendedAt is null"
                        + " and m.role = :admin", String.class)
                .setParameter("org", organizationId).setParameter("admin", OrgRole.ADMIN.value()).setMaxResults(1).getResultList().isEmpty();
        boolean throughGroup = direct || !em.createQuery("select gm.id.userId from RbacGroupMember gm join gm.group g join g.roleIds r,"
                        + " OrganizationMember m where r = :adminRole and gm.organizationId = :org and m.organizationId = :org"
                        + " and m.userId = gm.id.userId and m.suspendedAt is null", String.class)
                .setParameter("org", organizationId).setParameter("adminRole", OrgRole.ADMIN.roleId()).setMaxResults(1).getResultList().isEmpty();
        long holders = direct || throughGroup ? 1 : 0;
        if (holders == 0) {
            throw code == ErrorCode.CANNOT_REMOVE_LAST_MEMBER
                    ? DomainException.invalid(code, "An organization must keep at least one admin.")
                    : DomainException.invalid(code, "This change would leave the organization without anyone holding admin "
                    + "(directly or through a group); it must keep at least one.");
        }
    }

    static Set<OrgRole> roles(Collection<HeldRole> held) {
        EnumSet<OrgRole> roles = EnumSet.noneOf(OrgRole.class);
        held.forEach(h -> roles.add(h.role()));
        return roles;
    }

    private static String names(Set<OrgRole> roles) {
        return String.join(", ", roles.stream().map(OrgRole::value).toList());
    }
}
