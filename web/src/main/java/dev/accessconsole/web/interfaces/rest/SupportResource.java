package dev.accessconsole.web.interfaces.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import dev.accessconsole.authz.api.PlatformCredential;
import dev.accessconsole.authz.api.CallerTokens;
import dev.accessconsole.domain.application.BillingService;
import dev.accessconsole.domain.application.LimitsService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** Platform support's powers over an organization: billing emails and organization limits. */
@Path("/support/organizations/{org_id}")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@PlatformCredential(PlatformCredential.SUPPORT)
public class SupportResource {

    public record BillingEmails(@Schema(maxLength = 320) String primaryBillingEmail, List<String> billingContactEmails) {
    }

    @Inject
    BillingService billing;

    @Inject
    LimitsService limits;

    @Inject
    CallerTokens tokens;

    @PUT
    @Path("/billing_emails")
    public BillingResource.BillingJson setBillingEmails(@PathParam("org_id") String organizationId, BillingEmails body) {
        BillingEmails emails = Params.body(body);
        return BillingResource.BillingJson.of(billing.setEmails(organizationId, subject(), emails.primaryBillingEmail(), emails.billingContactEmails()));
    }

    /** The organization's limits, and the workspaces whose own limits were lowered to stay within them. */
    public record OrganizationLimitsJson(Long monthlySpendLimitCents, Long requestsPerMinute, Long inputTokensPerMinute,
                                         Long outputTokensPerMinute, List<String> workspacesLowered) {
    }

    @PUT
    @Path("/limits")
    public OrganizationLimitsJson setOrganizationLimits(@PathParam("org_id") String organizationId, LimitsResource.LimitsJson body) {
        var result = limits.setOrganizationLimits(organizationId, subject(), Params.body(body).toLimits());
        var set = LimitsResource.LimitsJson.of(result.limits());
        return new OrganizationLimitsJson(set.monthlySpendLimitCents(), set.requestsPerMinute(), set.inputTokensPerMinute(),
                set.outputTokensPerMinute(), result.workspacesLowered());
    }

    private String subject() {
        return tokens.current().map(org.eclipse.microprofile.jwt.JsonWebToken.class::cast).map(t -> t.getSubject()).orElse("support");
    }
}
