package dev.accessconsole.domain.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;

/** A workspace a federation rule's tokens may use (for a rule that does not apply to all of them). */
@Entity
@Table(name = "federation_rule_workspaces")
@IdClass(FederationRuleWorkspace.Key.class)
public class FederationRuleWorkspace {

    public record Key(String ruleId, String workspaceId) implements Serializable {
        public Key() {
            this(null, null);
        }
    }

    @Id
    @Column(name = "rule_id", length = 40)
    private String ruleId;
    @Id
    @Column(name = "workspace_id", length = 40)
    private String workspaceId;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "created_by_actor_id", length = 64)
    private String createdBy;

    protected FederationRuleWorkspace() {
    }

    FederationRuleWorkspace(String ruleId, String workspaceId, String createdBy, Instant now) {
        this.ruleId = ruleId;
        this.workspaceId = workspaceId;
        this.createdBy = createdBy;
        this.createdAt = now;
    }

    public String ruleId() { return ruleId; }
    public String workspaceId() { return workspaceId; }
    public Instant createdAt() { return createdAt; }
    public String createdBy() { return createdBy; }
}
