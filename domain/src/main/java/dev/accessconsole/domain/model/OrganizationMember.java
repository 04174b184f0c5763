package dev.accessconsole.domain.model;

import dev.accessconsole.authz.api.OrgRole;
import jakarta.persistence.Column;
import jakarta.persistence.Cacheable;
import org.hibernate.annotations.Cache;
import org.hibernate.annotations.CacheConcurrencyStrategy;
import org.hibernate.annotations.NaturalId;
import org.hibernate.annotations.NaturalIdCache;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.time.Instant;

/** A user's membership in an organization, with the org role. */
@Entity
@EntityListeners(dev.accessconsole.domain.infrastructure.authz.StandingInvalidation.class)
@Cacheable
@Cache(usage = CacheConcurrencyStrategy.READ_WRITE)
@NaturalIdCache
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

    protected OrganizationMember() {
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
}
