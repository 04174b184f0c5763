package dev.accessconsole.domain.model;

import dev.accessconsole.authz.api.WorkspaceRole;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.time.Instant;

/** An explicit workspace membership. Implied ones (org admin, org billing) are never stored. */
@Entity
@Table(name = "workspace_members")
public class WorkspaceMember {

    @Id
    @Column(length = 40)
    private String id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "workspace_id")
    private Workspace workspace;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "user_id")
    private UserAccount user;

    @Column(nullable = false, length = 32)
    private String role;

    @Column(name = "added_at", nullable = false)
    private Instant addedAt;

    protected WorkspaceMember() {
    }

    public WorkspaceMember(Workspace workspace, UserAccount user, WorkspaceRole role, Instant now) {
        this.id = Ids.member();
        this.workspace = workspace;
        this.user = user;
        this.role = role.value();
        this.addedAt = now;
    }

    public Workspace workspace() {
        return workspace;
    }

    public UserAccount user() {
        return user;
    }

    public WorkspaceRole role() {
        return WorkspaceRole.fromValue(role).orElseThrow();
    }

    public void changeRole(WorkspaceRole newRole) {
        this.role = newRole.value();
    }
}
