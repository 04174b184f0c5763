package dev.accessconsole.domain.application;

import dev.accessconsole.domain.model.Actor;
import dev.accessconsole.domain.model.AuditLog;
import dev.accessconsole.domain.model.JsonBuilders;
import dev.accessconsole.domain.model.Organization;
import dev.accessconsole.domain.model.OrganizationMember;
import dev.accessconsole.domain.model.OrganizationRepository;
import dev.accessconsole.domain.model.SignInSettings;
import dev.accessconsole.domain.model.Time;
import dev.accessconsole.domain.model.UserAccount;
import dev.accessconsole.domain.model.UserRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Sign-in provisioning (roles.md, "Sign-in provisioning (JIT)"), run once for each new token: a person whose token comes
 * from an organization's sign-in issuer, with a verified email in one of its domains, becomes a member with the default
 * role if they are not one yet, and their membership of its {@code scim} groups becomes what the token's groups claim
 * names. A person the identity provider suspended stays suspended; a claim never creates a group.
 */
@ApplicationScoped
public class SignInProvisioning {

    @Inject
    IdentityProviderService identity;

    @Inject
    OrganizationRepository organizations;

    @Inject
    UserRepository users;

    @Inject
    GroupService groups;

    @Inject
    AuditLog audit;

    /**
     * {@code claims} reads a claim of the token as a list of strings (absent: empty). Returns the organization the person
     * belongs to through sign-in, if any.
     */
    @Transactional
    public Optional<String> provision(String userId, String issuer, boolean emailVerified, Function<String, List<String>> claims) {
        if (!emailVerified) {
            return Optional.empty();
        }
        UserAccount account = users.find(userId).orElse(null);
        if (account == null || account.email() == null || !account.emailVerified()) {
            return Optional.empty();
        }
        Optional<SignInSettings> owner = identity.ownerOf(account.email()).filter(settings -> settings.issuer().equals(issuer));
        if (owner.isEmpty()) {
            return Optional.empty();
        }
        SignInSettings settings = owner.get();
        String organizationId = settings.organizationId();
        Organization organization = organizations.findForUpdate(organizationId).orElse(null);
        if (organization == null) {
            return Optional.empty();
        }
        OrganizationMember member = organizations.anyMember(organizationId, userId).orElse(null);
        if (member == null) {
            member = new OrganizationMember(organization, account, settings.defaultRole(), OrganizationMember.JoinedBy.SIGN_IN, Time.now());
            organizations.addMember(member);
            audit.record(organizationId, Actor.signIn(userId), "member.join_by_sign_in", "user", userId, JsonBuilders.object()
                    .add("email", account.email()).add("role", settings.defaultRole().value()).add("issuer", issuer).build().toString());
        }
        if (member.suspended()) {
            return Optional.empty();
        }
        groups.syncClaims(organizationId, member, claims.apply(settings.groupsClaim()));
        return Optional.of(organizationId);
    }
}
