package dev.accessconsole.domain.model;

import jakarta.persistence.Column;
import jakarta.persistence.OneToMany;
import org.hibernate.annotations.NaturalId;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Locale;

/** A person, created on their first authenticated call and known by token issuer and subject. */
@Entity
@Table(name = "users")
public class UserAccount {

    @Id
    @Column(length = 40)
    private String id;

    // mutable only once: an account the identity provider provisioned (SCIM) takes the identity of the person's first
    // token that proves its email (UserDirectory)
    @NaturalId(mutable = true)
    @Column(nullable = false, length = 512)
    private String issuer;

    @NaturalId(mutable = true)
    @Column(nullable = false)
    private String subject;

    @Column(length = 320)
    private String email;

    @Column(name = "email_verified", nullable = false)
    private boolean emailVerified;

    @Column
    private String name;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    /** Explicit workspace memberships in every organization: the cached half of a standing, evicted per user. */
    @OneToMany(mappedBy = "user")
    private java.util.Set<WorkspaceMember> workspaceMemberships = new java.util.HashSet<>();

    /** Organization memberships: which organizations a caller who names none belongs to. Evicted per user. */
    @OneToMany(mappedBy = "user")
    private java.util.Set<OrganizationMember> organizationMemberships = new java.util.HashSet<>();

    protected UserAccount() {
    }

    /** This user's organization memberships; kept in step by the organization repository. */
    public java.util.Set<OrganizationMember> organizationMemberships() {
        return organizationMemberships;
    }

    /** This user's explicit workspace memberships, all organizations; kept in step by the workspace repository. */
    public java.util.Set<WorkspaceMember> workspaceMemberships() {
        return workspaceMemberships;
    }

    /**
     * The issuer of accounts the organization's identity provider provisioned (SCIM) before the person ever signed in:
     * no token names it, so nobody authenticates as such an account until {@link #bind} gives it a real identity.
     */
    public static final String PROVISIONED_ISSUER = "urn:accessconsole:provisioned";

    public UserAccount(String issuer, String subject, String email, String name, Instant now) {
        this(issuer, subject, email, false, name, now);
    }

    public UserAccount(String issuer, String subject, String email, boolean emailVerified, String name, Instant now) {
        this.id = Ids.user();
        this.issuer = issuer;
        this.subject = subject;
        this.createdAt = now;
        this.email = normalizeEmail(email);
        this.emailVerified = emailVerified && this.email != null;
        updateProfile(email, false, name);
    }

    /** An account for a person an identity provider provisioned by email, before their first sign-in. */
    public static UserAccount provisioned(String email, String name, Instant now) {
        UserAccount account = new UserAccount(PROVISIONED_ISSUER, "pending", email, true, name, now);
        account.subject = account.id;
        return account;
    }

    /** True for an account provisioned by email that no token has signed in as yet. */
    public boolean unbound() {
        return PROVISIONED_ISSUER.equals(issuer);
    }

    /** Gives a provisioned account the identity of the person's first token proving its email. */
    public void bind(String issuer, String subject) {
        if (!unbound()) {
            throw new IllegalStateException("account " + id + " already has an identity");
        }
        this.issuer = issuer;
        this.subject = subject;
    }

    /** Whether the stored email came from a verified claim (or the identity provider). */
    public boolean emailVerified() {
        return emailVerified;
    }

    /** A display name from the identity provider, for an account no token has named yet. */
    public void provisionedName(String name) {
        if (unbound() && name != null && !name.isBlank()) {
            this.name = name;
        }
    }

    /**
     * Keeps the profile in step with what the identity provider says now; an email it has not verified never replaces
     * the stored one (roles.md). Returns true when something changed.
     */
    public boolean updateProfile(String email, boolean emailVerified, String name) {
        String normalizedEmail = emailVerified || this.email == null ? normalizeEmail(email) : this.email;
        boolean verified = emailVerified && normalizedEmail != null ? true : (normalizedEmail != null && normalizedEmail.equals(this.email) && this.emailVerified);
        String newName = name == null || name.isBlank() ? this.name : name;
        boolean changed = !java.util.Objects.equals(this.email, normalizedEmail) || !java.util.Objects.equals(this.name, newName)
                || verified != this.emailVerified;
        this.email = normalizedEmail;
        this.emailVerified = verified;
        this.name = newName;
        return changed;
    }

    /**
     * The stored form of an email: ASCII letters in lower case, every other character as it is. Emails compare
     * case-insensitively in ASCII only, and as written otherwise (roles.md): U+212A KELVIN SIGN is not "k", and an address
     * with whitespace or a control character anywhere is no address at all (null here).
     */
    public static String normalizeEmail(String email) {
        if (email == null || !isAddress(email)) {
            return null;
        }
        return asciiLowerCase(email);
    }

    /** An email as a filter compares it: ASCII case folded, nothing else changed (text that is no address matches nothing). */
    public static String emailKey(String email) {
        return email == null ? null : asciiLowerCase(email);
    }

    /** Whether text could be an address at all: not empty, no whitespace (Unicode's included), no control character. */
    public static boolean isAddress(String email) {
        if (email == null || email.isEmpty()) {
            return false;
        }
        for (int i = 0; i < email.length(); i++) {
            char c = email.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c) || c == '\u200B' || c == '\uFEFF') {
                return false;
            }
        }
        return true;
    }

    /** ASCII letters in lower case, every other character as it is: how emails and group names compare (roles.md). */
    public static String asciiLowerCase(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
        }
        return out.toString();
    }

    public String id() {
        return id;
    }

    public String issuer() {
        return issuer;
    }

    public String subject() {
        return subject;
    }

    public String email() {
        return email;
    }

    /** The display name; the email when the identity provider gave none. */
    public String name() {
        return displayName(name, email);
    }

    /** A person's display name from their stored name and email (lists read both columns without loading the person). */
    public static String displayName(String name, String email) {
        return name != null ? name : email;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
