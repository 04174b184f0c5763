package dev.accessconsole.domain.model;

import jakarta.persistence.Column;
import jakarta.persistence.Cacheable;
import org.hibernate.annotations.Cache;
import org.hibernate.annotations.CacheConcurrencyStrategy;
import jakarta.persistence.OneToMany;
import org.hibernate.annotations.NaturalId;
import org.hibernate.annotations.NaturalIdCache;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Locale;

/** A person, created on their first authenticated call and known by token issuer and subject. */
@Entity
@Cacheable
@Cache(usage = CacheConcurrencyStrategy.READ_WRITE)
@NaturalIdCache
@Table(name = "users")
public class UserAccount {

    @Id
    @Column(length = 40)
    private String id;

    @NaturalId
    @Column(nullable = false, length = 512)
    private String issuer;

    @NaturalId
    @Column(nullable = false)
    private String subject;

    @Column(length = 320)
    private String email;

    @Column
    private String name;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    /** Explicit workspace memberships in every organization: the cached half of a standing, evicted per user. */
    @OneToMany(mappedBy = "user")
    @Cache(usage = CacheConcurrencyStrategy.READ_WRITE)
    private java.util.Set<WorkspaceMember> workspaceMemberships = new java.util.HashSet<>();

    /** Organization memberships: which organizations a caller who names none belongs to. Evicted per user. */
    @OneToMany(mappedBy = "user")
    @Cache(usage = CacheConcurrencyStrategy.READ_WRITE)
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

    public UserAccount(String issuer, String subject, String email, String name, Instant now) {
        this.id = Ids.user();
        this.issuer = issuer;
        this.subject = subject;
        this.createdAt = now;
        this.email = normalizeEmail(email);
        updateProfile(email, false, name);
    }

    /**
     * Keeps the profile in step with what the identity provider says now; an email it has not verified never replaces
     * the stored one (roles.md). Returns true when something changed.
     */
    public boolean updateProfile(String email, boolean emailVerified, String name) {
        String normalizedEmail = emailVerified || this.email == null ? normalizeEmail(email) : this.email;
        String newName = name == null || name.isBlank() ? this.name : name;
        boolean changed = !java.util.Objects.equals(this.email, normalizedEmail) || !java.util.Objects.equals(this.name, newName);
        this.email = normalizedEmail;
        this.name = newName;
        return changed;
    }

    /**
     * The stored form of an email: trimmed, ASCII letters in lower case, every other character as it is. Emails
     * compare case-insensitively in ASCII only (roles.md): U+212A KELVIN SIGN is not "k".
     */
    public static String normalizeEmail(String email) {
        if (email == null || email.isBlank()) {
            return null;
        }
        String trimmed = email.trim();
        StringBuilder out = new StringBuilder(trimmed.length());
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
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
        return name != null ? name : email;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
