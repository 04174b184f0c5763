package dev.accessconsole.domain.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An email domain an organization owns for sign-in provisioning; a domain belongs to at most one organization. */
@Entity
@Table(name = "sign_in_domains")
public class SignInDomain {

    @Id
    @Column(length = 255)
    private String domain;

    @Column(name = "organization_id", nullable = false, length = 36)
    private String organizationId;

    protected SignInDomain() {
    }

    public SignInDomain(String domain, String organizationId) {
        this.domain = domain;
        this.organizationId = organizationId;
    }

    public String domain() {
        return domain;
    }

    public String organizationId() {
        return organizationId;
    }
}
