package dev.accessconsole.domain.application;

import dev.accessconsole.authz.api.RestrictedAction;
import dev.accessconsole.domain.model.ErrorCode;
import dev.accessconsole.authz.api.OrgRole;
import dev.accessconsole.authz.api.AccessDecisions;
import dev.accessconsole.domain.model.Actor;
import dev.accessconsole.domain.model.AuditLog;
import dev.accessconsole.domain.model.Cursor;
import dev.accessconsole.domain.model.DomainException;
import dev.accessconsole.domain.model.JsonBuilders;
import dev.accessconsole.domain.model.OrganizationRepository;
import dev.accessconsole.domain.model.Page;
import dev.accessconsole.domain.model.PageRequest;
import dev.accessconsole.domain.model.ScimToken;
import dev.accessconsole.domain.model.SignInDomain;
import dev.accessconsole.domain.model.SignInSettings;
import dev.accessconsole.domain.model.Time;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What connects an organization to its identity provider: SCIM tokens (created and revoked by signed-in admins, the
 * secret shown once) and sign-in settings (issuer, owned email domains, default role, groups claim). Admin API keys
 * read neither's secrets and change neither (roles.md).
 */
@ApplicationScoped
public class IdentityProviderService {

    @Inject
    AccessDecisions decisions;

    private static final Pattern DOMAIN = Pattern.compile("^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$");
    private static final Pattern CLAIM = Pattern.compile("^[A-Za-z0-9_.:/-]{1,255}$");

    @Inject
    OrganizationRepository organizations;

    @Inject
    AuditLog audit;

    @PersistenceContext(unitName = "access-console")
    EntityManager em;

    @Transactional
    public ScimToken.Created createScimToken(Actor actor, String organizationId, String name) {
        decisions.require(actor.principalKind(), RestrictedAction.MANAGE_IDENTITY);
        String cleanName = name == null || name.isBlank() ? "SCIM token" : Names.require("name", name, 255);
        ScimToken.Created created = ScimToken.create(organizationId, cleanName, actor.id(), Time.now());
        em.persist(created.token());
        audit.record(organizationId, actor, "scim_token.create", "scim_token", created.token().id(),
                JsonBuilders.object().add("name", cleanName).build().toString());
        return created;
    }

    @Transactional
    public Page<ScimToken> scimTokens(String organizationId, PageRequest page) {
        String jpql = Cursor.jpql("select t from ScimToken t where t.organizationId = :org", "t.id", page);
        return Cursor.fetch(em.createQuery(jpql, ScimToken.class).setParameter("org", organizationId), page);
    }

    /** Revokes a token at once, on every node (its standing is marked stale when this commits). */
    @Transactional
    public ScimToken revokeScimToken(Actor actor, String organizationId, String tokenId) {
        ScimToken token = em.createQuery("select t from ScimToken t where t.id = :id and t.organizationId = :org", ScimToken.class)
                .setParameter("id", tokenId).setParameter("org", organizationId).getResultStream().findFirst()
                .orElseThrow(() -> DomainException.notFound("scim_token"));
        decisions.require(actor.principalKind(), RestrictedAction.MANAGE_IDENTITY);
        if (token.active()) {
            token.revoke(Time.now());
            audit.record(organizationId, actor, "scim_token.revoke", "scim_token", tokenId, null);
        }
        return token;
    }

    /** An organization's sign-in settings with its domains; empty when none were set. */
    public record SignIn(SignInSettings settings, List<String> domains) {
    }

    @Transactional
    public Optional<SignIn> signInSettings(String organizationId) {
        return Optional.ofNullable(em.find(SignInSettings.class, organizationId)).map(s -> new SignIn(s, domains(organizationId)));
    }

    /** The default role people join with through SCIM or sign-in: the settings', else user. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public OrgRole defaultRole(String organizationId) {
        SignInSettings settings = em.find(SignInSettings.class, organizationId);
        return settings == null ? OrgRole.USER : settings.defaultRole();
    }

    /**
     * Sets the sign-in settings (signed-in admins only). {@code issuer} must be one the server verifies tokens of
     * ({@code trusted}: the web layer knows them); each domain belongs to at most one organization (400 otherwise, also
     * when two organizations claim it at the same moment: the primary key decides).
     */
    @Transactional
    public SignIn changeSignInSettings(Actor actor, String organizationId, String issuer, List<String> emailDomains, OrgRole defaultRole,
                                       String groupsClaim, boolean trusted) {
        decisions.require(actor.principalKind(), RestrictedAction.MANAGE_IDENTITY);
        if (issuer == null || issuer.isBlank() || issuer.length() > 512 || !issuer.equals(issuer.strip())) {
            throw DomainException.invalidField("issuer", "issuer is required: the identity provider's issuer, as its tokens name it.");
        }
        if (!trusted) {
            throw DomainException.invalidField("issuer", "This server does not verify tokens of " + issuer
                    + ": configure it as the sign-in provider (ACCESSCONSOLE_OIDC_ISSUER) first.");
        }
        OrgRole role = defaultRole == null ? OrgRole.USER : defaultRole;
        if (!decisions.mayBeGivenOnJoining(role)) {
            throw DomainException.invalidField("default_role", "default_role must be one of user, claude_code_user, developer.");
        }
        String claim = groupsClaim == null || groupsClaim.isBlank() ? SignInSettings.DEFAULT_GROUPS_CLAIM : groupsClaim;
        if (!CLAIM.matcher(claim).matches()) {
            throw DomainException.invalidField("groups_claim", "groups_claim must be a claim name (letters, digits, _ . : / -).");
        }
        Set<String> domains = new LinkedHashSet<>();
        for (String domain : emailDomains == null ? List.<String>of() : emailDomains) {
            String clean = domain == null ? "" : dev.accessconsole.domain.model.UserAccount.asciiLowerCase(domain);
            if (!DOMAIN.matcher(clean).matches()) {
                throw DomainException.invalidField("email_domains", "email_domains must hold domain names such as example.com.");
            }
            domains.add(clean);
        }
        if (domains.size() > 50) {
            throw DomainException.invalidField("email_domains", "email_domains holds at most 50 domains.");
        }
        organizations.findForUpdate(organizationId).orElseThrow(() -> DomainException.notFound("organization"));
        for (String domain : domains) {
            SignInDomain owner = em.find(SignInDomain.class, domain);
            if (owner != null && !owner.organizationId().equals(organizationId)) {
                throw DomainException.invalid(ErrorCode.EMAIL_DOMAIN_TAKEN, "The domain " + domain + " belongs to another organization.");
            }
        }
        Instant now = Time.now();
        SignInSettings settings = em.find(SignInSettings.class, organizationId);
        if (settings == null) {
            settings = new SignInSettings(organizationId);
            settings.change(issuer, role, claim, now);
            em.persist(settings);
        } else {
            settings.change(issuer, role, claim, now);
        }
        for (SignInDomain owned : em.createQuery("select d from SignInDomain d where d.organizationId = :org", SignInDomain.class)
                .setParameter("org", organizationId).getResultList()) {
            if (!domains.remove(owned.domain())) {
                em.remove(owned);
            }
        }
        for (String domain : domains) {
            em.persist(new SignInDomain(domain, organizationId));
        }
        try {
            em.flush();
        } catch (RuntimeException claimedMeanwhile) {
            throw DomainException.invalid(ErrorCode.EMAIL_DOMAIN_TAKEN, "One of the domains was claimed by another organization meanwhile.");
        }
        audit.record(organizationId, actor, "sign_in_settings.update", "organization", organizationId, JsonBuilders.object()
                .add("issuer", issuer).add("email_domains", JsonBuilders.array(domains(organizationId))).add("default_role", role.value())
                .add("groups_claim", claim).build().toString());
        return new SignIn(settings, domains(organizationId));
    }

    private List<String> domains(String organizationId) {
        return new ArrayList<>(em.createQuery("select d.domain from SignInDomain d where d.organizationId = :org order by d.domain", String.class)
                .setParameter("org", organizationId).getResultList());
    }

    /** The sign-in settings owning an email's domain, if any. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<SignInSettings> ownerOf(String email) {
        if (email == null || email.indexOf('@') < 0) {
            return Optional.empty();
        }
        SignInDomain domain = em.find(SignInDomain.class, email.substring(email.lastIndexOf('@') + 1));
        return domain == null ? Optional.empty() : Optional.ofNullable(em.find(SignInSettings.class, domain.organizationId()));
    }
}
