package dev.accessconsole.domain.model;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A federation rule: which tokens of an issuer (audience, subject prefix, exact claims, a CEL condition) a service
 * account's access token is exchanged for, in which workspaces (all, or those listed), with which OAuth scope and for how
 * long at most.
 */
@Entity
@Table(name = "federation_rules")
public class FederationRule {

    public static final long DEFAULT_TOKEN_LIFETIME_SECONDS = 3600;

    @Id
    @Column(length = 40)
    private String id;
    @Column(name = "organization_id", nullable = false, length = 36)
    private String organizationId;
    @Column(name = "issuer_id", nullable = false, length = 40)
    private String issuerId;
    @Column(nullable = false)
    private String name;
    @Column(length = 2000)
    private String description;
    @Column(length = 2000)
    private String audience;
    @Column(name = "subject_prefix", length = 2000)
    private String subjectPrefix;
    /** The exact claims, a JSON object; null: none. */
    @Column(name = "claims_json", columnDefinition = "text")
    private String claimsJson;
    @Column(name = "condition_cel", length = 4000)
    private String condition;
    @Column(name = "oauth_scope", nullable = false)
    private String oauthScope;
    @Column(name = "service_account_id", nullable = false, length = 40)
    private String serviceAccountId;
    @Column(name = "token_lifetime_seconds", nullable = false)
    private long tokenLifetimeSeconds;
    @Column(name = "applies_to_all_workspaces", nullable = false)
    private boolean appliesToAllWorkspaces;
    @Column(name = "attributes_json", columnDefinition = "text")
    private String attributesJson;
    @jakarta.persistence.Embedded
    private Stamps stamps;

    @OneToMany(mappedBy = "ruleId", cascade = CascadeType.ALL, orphanRemoval = true, fetch = FetchType.EAGER)
    @OrderBy("workspaceId")
    private List<FederationRuleWorkspace> workspaces = new ArrayList<>();

    protected FederationRule() {
    }

    public FederationRule(String organizationId, String issuerId, String name, String serviceAccountId, String oauthScope, String actorId, Instant now) {
        this.id = Ids.federationRule();
        this.organizationId = organizationId;
        this.issuerId = issuerId;
        this.name = name;
        this.serviceAccountId = serviceAccountId;
        this.oauthScope = oauthScope;
        this.tokenLifetimeSeconds = DEFAULT_TOKEN_LIFETIME_SECONDS;
        this.stamps = Stamps.created(actorId, now);
    }

    public void name(String value) { this.name = value; }
    public void description(String value) { this.description = value; }
    public void match(String audience, String subjectPrefix, String claimsJson, String condition) {
        this.audience = audience;
        this.subjectPrefix = subjectPrefix;
        this.claimsJson = claimsJson;
        this.condition = condition;
    }
    public void oauthScope(String value) { this.oauthScope = value; }
    public void serviceAccountId(String value) { this.serviceAccountId = value; }
    public void tokenLifetimeSeconds(long value) { this.tokenLifetimeSeconds = value; }
    public void appliesToAllWorkspaces(boolean value) { this.appliesToAllWorkspaces = value; }
    public void attributesJson(String value) { this.attributesJson = value; }

    public void touched(String actorId, Instant now) {
        stamps.touched(actorId, now);
    }

    public void archive(String actorId, Instant now) {
        stamps.archive(actorId, now);
    }

    public FederationRuleWorkspace addWorkspace(String workspaceId, String actorId, Instant now) {
        FederationRuleWorkspace added = new FederationRuleWorkspace(id, workspaceId, actorId, now);
        workspaces.add(added);
        return added;
    }

    public boolean removeWorkspace(String workspaceId) {
        return workspaces.removeIf(w -> w.workspaceId().equals(workspaceId));
    }

    public java.util.Optional<FederationRuleWorkspace> workspace(String workspaceId) {
        return workspaces.stream().filter(w -> w.workspaceId().equals(workspaceId)).findFirst();
    }

    public String id() { return id; }
    public String organizationId() { return organizationId; }
    public String issuerId() { return issuerId; }
    public String name() { return name; }
    public String description() { return description; }
    public String audience() { return audience; }
    public String subjectPrefix() { return subjectPrefix; }
    public String claimsJson() { return claimsJson; }
    public String condition() { return condition; }
    public String oauthScope() { return oauthScope; }
    public String serviceAccountId() { return serviceAccountId; }
    public long tokenLifetimeSeconds() { return tokenLifetimeSeconds; }
    public boolean appliesToAllWorkspaces() { return appliesToAllWorkspaces; }
    public String attributesJson() { return attributesJson; }
    public List<FederationRuleWorkspace> workspaces() { return List.copyOf(workspaces); }
    public Instant createdAt() { return stamps.createdAt(); }
    public String createdBy() { return stamps.createdBy(); }
    public Instant updatedAt() { return stamps.updatedAt(); }
    public String updatedBy() { return stamps.updatedBy(); }
    public Instant archivedAt() { return stamps.archivedAt(); }
    public String archivedBy() { return stamps.archivedBy(); }
    public boolean archived() { return stamps.archived(); }
}
