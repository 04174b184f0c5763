package dev.accessconsole.domain.model;

import dev.accessconsole.authz.api.WorkspaceRole;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;

/** A service account's explicit membership in a workspace (never workspace_billing, never the Claude Code workspace). */
@Entity
@Table(name = "service_account_workspaces")
@IdClass(ServiceAccountMembership.Key.class)
public class ServiceAccountMembership {

    public static class Key implements Serializable {
        private String serviceAccountId;
        private String workspaceId;

        public Key() {
        }

        public Key(String serviceAccountId, String workspaceId) {
            this.serviceAccountId = serviceAccountId;
            this.workspaceId = workspaceId;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key that && java.util.Objects.equals(serviceAccountId, that.serviceAccountId)
                    && java.util.Objects.equals(workspaceId, that.workspaceId);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(serviceAccountId, workspaceId);
        }
    }

    @Id
    @Column(name = "service_account_id", length = 40)
    private String serviceAccountId;

    @Id
    @Column(name = "workspace_id", length = 40)
    private String workspaceId;

    @Column(name = "workspace_role", nullable = false, length = 32)
    private String role;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "created_by_actor_id", length = 64)
    private String createdBy;

    protected ServiceAccountMembership() {
    }

    public ServiceAccountMembership(String serviceAccountId, String workspaceId, WorkspaceRole role, String actorId, Instant now) {
        this.serviceAccountId = serviceAccountId;
        this.workspaceId = workspaceId;
        this.role = role.value();
        this.createdAt = now;
        this.createdBy = actorId;
    }

    public String serviceAccountId() { return serviceAccountId; }
    public String workspaceId() { return workspaceId; }
    public WorkspaceRole role() { return WorkspaceRole.fromValue(role).orElseThrow(); }
    public String createdBy() { return createdBy; }

    public void role(WorkspaceRole newRole) {
        this.role = newRole.value();
    }
}
