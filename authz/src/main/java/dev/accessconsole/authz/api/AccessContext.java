package dev.accessconsole.authz.api;

import jakarta.enterprise.context.RequestScoped;

/**
 * The standing the guard established for the current request, so that the guarded code knows on whose behalf
 * and in which organization it acts without looking it up again.
 */
@RequestScoped
public class AccessContext {

    private MemberStanding standing;

    public void establish(MemberStanding standing) {
        this.standing = standing;
    }

    public boolean established() {
        return standing != null;
    }

    public MemberStanding standing() {
        if (standing == null) {
            throw new IllegalStateException("No access decision was made in this request: is the method guarded with @RequiresPermission?");
        }
        return standing;
    }

    public String organizationId() {
        return standing().organizationId();
    }

    public String principalId() {
        return standing().principalId();
    }

    public OrgRole orgRole() {
        return standing().orgRole();
    }

    public boolean isAdminApiKey() {
        return standing().isAdminApiKey();
    }
}
