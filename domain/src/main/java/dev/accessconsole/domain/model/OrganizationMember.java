package dev.accessconsole.domain.model;

import dev.accessconsole.authz.api.OrgRole;
import jakarta.persistence.Column;
import org.hibernate.annotations.NaturalId;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.time.Instant;

/** A user's membership in an organization, with the org role. */
@Entity
@Table(name = "organization_members")
public class OrganizationMember {

    @Id
    @Column(length = 40)
    private String id;

    @NaturalId
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "organization_id")
    private Organization organization;

    /** The user_id column as such: a query's path to it that Hibernate does not turn into the joined user's id. */
    @Column(name = "user_id", insertable = false, updatable = false)
    private String userId;

    /** The same column, readable without loading the organization. */
    @Column(name = "organization_id", insertable = false, updatable = false)
    private String organizationId;

    @NaturalId
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "user_id")
    private UserAccount user;

    @Column(nullable = false, length = 32)
    private String role;

    @Column(name = "added_at", nullable = false)
    private Instant addedAt;

    /** Set while the organization's identity provider has the person inactive (SCIM active:false): they hold nothing. */
    @Column(name = "suspended_at")
    private Instant suspendedAt;

    /** Tokens issued at or before this epoch second are refused in the organization (sign-out); 0: never signed out. */
    @Column(name = "sessions_not_before", nullable = false)
    private long sessionsNotBefore;

    /** How the person joined: an invite, creating the organization, SCIM, or sign-in provisioning. */
    @Column(name = "joined_by", length = 16)
    private String joinedBy;

    @Column(name = "external_id")
    private String externalId;

    @Column(name = "given_name")
    private String givenName;

    @Column(name = "family_name")
    private String familyName;

    @Column(name = "display_name")
    private String displayName;

    @Column(name = "updated_at")
    private Instant updatedAt;

    /** How people join an organization. */
    public enum JoinedBy {
        CREATED, INVITE, SCIM, SIGN_IN;

        public String value() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** What the identity provider keeps about the person (SCIM's externalId, name and displayName). */
    public record ScimAttributes(String externalId, String givenName, String familyName, String displayName) {
    }

    protected OrganizationMember() {
    }

    public OrganizationMember(Organization organization, UserAccount user, OrgRole role, JoinedBy joinedBy, Instant now) {
        this(organization, user, role, now);
        this.joinedBy = joinedBy.value();
    }

    public OrganizationMember(Organization organization, UserAccount user, OrgRole role, Instant now) {
        this.id = Ids.member();
        this.organization = organization;
        this.organizationId = organization.id();
        this.user = user;
        this.userId = user.id();
        this.role = role.value();
        this.addedAt = now;
    }

    public String id() {
        return id;
    }

    public String organizationId() {
        return organizationId;
    }

    public Organization organization() {
        return organization;
    }

    /** The member as a list shows them. */
    public MemberListing listing() {
        return new MemberListing(user.id(), user.email(), user.name(), role(), addedAt);
    }

    public UserAccount user() {
        return user;
    }

    public OrgRole role() {
        return OrgRole.fromValue(role).orElseThrow();
    }

    public void changeRole(OrgRole newRole) {
        this.role = newRole.value();
    }

    public Instant addedAt() {
        return addedAt;
    }

    public boolean suspended() {
        return suspendedAt != null;
    }

    public Instant suspendedAt() {
        return suspendedAt;
    }

    /** The identity provider made the person inactive: they hold nothing here, and their sessions end. */
    public void suspend(Instant now) {
        if (suspendedAt == null) {
            suspendedAt = now;
        }
        endSessions(now);
    }

    /** The identity provider made the person active again, with {@code role}. */
    public void reactivate(OrgRole role, Instant now) {
        this.suspendedAt = null;
        this.role = role.value();
        this.updatedAt = now;
    }

    /** Ends every session: tokens issued at or before this second are refused in the organization. */
    public void endSessions(Instant now) {
        this.sessionsNotBefore = Math.max(sessionsNotBefore, now.getEpochSecond());
        this.updatedAt = now;
    }

    public long sessionsNotBefore() {
        return sessionsNotBefore;
    }

    public String joinedBy() {
        return joinedBy;
    }

    public ScimAttributes scimAttributes() {
        return new ScimAttributes(externalId, givenName, familyName, displayName);
    }

    public void scimAttributes(ScimAttributes attributes, Instant now) {
        this.externalId = attributes.externalId();
        this.givenName = attributes.givenName();
        this.familyName = attributes.familyName();
        this.displayName = attributes.displayName();
        this.updatedAt = now;
    }

    /** When anything of the membership last changed (SCIM's meta.lastModified). */
    public Instant updatedAt() {
        return updatedAt == null ? addedAt : updatedAt;
    }
}
