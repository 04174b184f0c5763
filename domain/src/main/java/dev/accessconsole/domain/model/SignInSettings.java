package dev.accessconsole.domain.model;

import dev.accessconsole.authz.api.OrgRole;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * An organization's sign-in provisioning (roles.md, "Sign-in provisioning"): people whose tokens come from
 * {@code issuer} with a verified email in one of the organization's domains join it at their first request with
 * {@code defaultRole}; at every new token, the claim {@code groupsClaim} sets their membership of its SCIM groups. The
 * default role also applies to people SCIM creates or reactivates.
 */
@Entity
@Table(name = "sign_in_settings")
public class SignInSettings {

    public static final String DEFAULT_GROUPS_CLAIM = "groups";

    @Id
    @Column(name = "organization_id", length = 36)
    private String organizationId;

    @Column(nullable = false, length = 512)
    private String issuer;

    @Column(name = "default_role", nullable = false, length = 32)
    private String defaultRole;

    @Column(name = "groups_claim", nullable = false)
    private String groupsClaim;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected SignInSettings() {
    }

    public SignInSettings(String organizationId) {
        this.organizationId = organizationId;
    }

    public void change(String issuer, OrgRole defaultRole, String groupsClaim, Instant now) {
        this.issuer = issuer;
        this.defaultRole = defaultRole.value();
        this.groupsClaim = groupsClaim;
        this.updatedAt = now;
    }

    public String organizationId() {
        return organizationId;
    }

    public String issuer() {
        return issuer;
    }

    public OrgRole defaultRole() {
        return OrgRole.fromValue(defaultRole).orElse(OrgRole.USER);
    }

    public String groupsClaim() {
        return groupsClaim;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
