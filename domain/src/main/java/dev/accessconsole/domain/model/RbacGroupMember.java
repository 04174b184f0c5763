package dev.accessconsole.domain.model;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** A member of an organization in one of its groups. Adding or removing one marks that member's standing stale. */
@Entity
@Table(name = "rbac_group_members")
public class RbacGroupMember {

    @Embeddable
    public static class Key implements Serializable {
        @Column(name = "group_id", length = 40)
        private String groupId;

        @Column(name = "user_id", length = 40)
        private String userId;

        protected Key() {
        }

        public Key(String groupId, String userId) {
            this.groupId = groupId;
            this.userId = userId;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key that && Objects.equals(groupId, that.groupId) && Objects.equals(userId, that.userId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(groupId, userId);
        }
    }

    @EmbeddedId
    private Key id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "group_id", insertable = false, updatable = false)
    private RbacGroup group;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "user_id", insertable = false, updatable = false)
    private UserAccount user;

    @Column(name = "organization_id", nullable = false, length = 36)
    private String organizationId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected RbacGroupMember() {
    }

    public RbacGroupMember(RbacGroup group, UserAccount user, Instant now) {
        this.id = new Key(group.id(), user.id());
        this.group = group;
        this.user = user;
        this.organizationId = group.organizationId();
        this.createdAt = now;
    }

    public String groupId() {
        return id.groupId;
    }

    public String userId() {
        return id.userId;
    }

    public RbacGroup group() {
        return group;
    }

    public UserAccount user() {
        return user;
    }

    public String organizationId() {
        return organizationId;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
