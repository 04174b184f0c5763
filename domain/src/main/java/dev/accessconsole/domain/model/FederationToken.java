package dev.accessconsole.domain.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.NaturalId;

import java.time.Instant;

/**
 * An access token a workload got at the token exchange: a service account's, through a rule, until it expires. Only its
 * hash is stored; the gateway finds it by that hash and checks its rule, issuer and account as they are now.
 */
@Entity
@Table(name = "federation_tokens")
public class FederationToken {

    @Id
    @Column(length = 40)
    private String id;
    @NaturalId
    @Column(name = "secret_hash", nullable = false, length = 64)
    private String secretHash;
    @Column(name = "organization_id", nullable = false, length = 36)
    private String organizationId;
    @Column(name = "issuer_id", nullable = false, length = 40)
    private String issuerId;
    @Column(name = "rule_id", nullable = false, length = 40)
    private String ruleId;
    @Column(name = "service_account_id", nullable = false, length = 40)
    private String serviceAccountId;
    @Column(length = 255)
    private String subject;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    protected FederationToken() {
    }

    public FederationToken(String secret, FederationRule rule, String subject, Instant now, Instant expiresAt) {
        this.id = Ids.federationToken();
        this.secretHash = Secrets.hash(secret);
        this.organizationId = rule.organizationId();
        this.issuerId = rule.issuerId();
        this.ruleId = rule.id();
        this.serviceAccountId = rule.serviceAccountId();
        this.subject = subject == null || subject.length() <= 255 ? subject : subject.substring(0, 255);
        this.createdAt = now;
        this.expiresAt = expiresAt;
    }

    public String id() { return id; }
    public String organizationId() { return organizationId; }
    public String issuerId() { return issuerId; }
    public String ruleId() { return ruleId; }
    public String serviceAccountId() { return serviceAccountId; }
    public String subject() { return subject; }
    public Instant createdAt() { return createdAt; }
    public Instant expiresAt() { return expiresAt; }
}
