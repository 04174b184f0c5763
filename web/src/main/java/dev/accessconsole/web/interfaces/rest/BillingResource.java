package dev.accessconsole.web.interfaces.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import dev.accessconsole.authz.api.AccessContext;
import dev.accessconsole.authz.api.Permissions;
import dev.accessconsole.authz.api.RequiresPermission;
import dev.accessconsole.domain.application.BillingService;
import dev.accessconsole.domain.model.Actor;
import dev.accessconsole.domain.model.BillingDetails;
import dev.accessconsole.domain.model.Organization;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** Billing details. Members with billing:manage edit company, address and tax id; the emails are support's to change. */
@Path("/organizations/billing")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class BillingResource {

    public record AddressJson(@Schema(maxLength = 255) String line1, @Schema(maxLength = 255) String line2, @Schema(maxLength = 255) String city,
                              @Schema(maxLength = 255) String state, @Schema(maxLength = 32) String postalCode,
                              @Schema(maxLength = 2, description = "ISO 3166-1 alpha-2") String country) {
    }

    public record BillingJson(String type, String organizationId, String companyName, AddressJson address, String taxId,
                              String primaryBillingEmail, List<String> billingContactEmails) {

        public static BillingJson of(Organization organization) {
            BillingDetails b = organization.billing();
            return new BillingJson("billing_details", organization.id(), b.companyName(),
                    new AddressJson(b.addressLine1(), b.addressLine2(), b.city(), b.state(), b.postalCode(), b.country()),
                    b.taxId(), organization.primaryBillingEmail(), b.contactEmails());
        }
    }

    /** What a member may edit; emails sent here are ignored, never applied. */
    public record BillingUpdate(@Schema(maxLength = 255) String companyName, AddressJson address, @Schema(maxLength = 64) String taxId) {
    }

    @Inject
    BillingService billing;

    @Inject
    AccessContext access;

    @GET
    @RequiresPermission(Permissions.BILLING_READ)
    public BillingJson getBilling() {
        return BillingJson.of(billing.get(access.organizationId()));
    }

    @PUT
    @RequiresPermission(Permissions.BILLING_MANAGE)
    public BillingJson updateBilling(BillingUpdate body) {
        BillingUpdate update = Params.body(body);
        AddressJson address = update.address() == null ? new AddressJson(null, null, null, null, null, null) : update.address();
        return BillingJson.of(billing.edit(Actor.of(access.standing()), access.organizationId(), new BillingService.Details(update.companyName(),
                address.line1(), address.line2(), address.city(), address.state(), address.postalCode(), address.country(), update.taxId())));
    }
}
