package dev.accessconsole.domain.model;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** An organization: the tenant every member, workspace and key belongs to. */
@Entity
@Table(name = "organizations")
public class Organization {

    @Id
    @Column(length = 36)
    private String id;

    @Column(nullable = false)
    private String name;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "primary_billing_email", length = 320)
    private String primaryBillingEmail;

    @Embedded
    private Limits limits;

    @Embedded
    private BillingDetails billing;

    protected Organization() {
    }

    public Organization(String name, String primaryBillingEmail, Instant now) {
        this.id = Ids.organization();
        this.name = name;
        this.primaryBillingEmail = primaryBillingEmail;
        this.createdAt = now;
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public String primaryBillingEmail() {
        return primaryBillingEmail;
    }
    public Limits limits() {
        return limits == null ? Limits.none() : limits;
    }

    public void limits(Limits newLimits) {
        this.limits = newLimits;
    }

    public BillingDetails billing() {
        if (billing == null) {
            billing = new BillingDetails();
        }
        return billing;
    }

    public void primaryBillingEmail(String email) {
        this.primaryBillingEmail = email;
    }
}
