package dev.accessconsole.domain.application;

import dev.accessconsole.domain.model.JsonBuilders;
import dev.accessconsole.domain.model.ErrorCode;
import dev.accessconsole.domain.model.Actor;
import dev.accessconsole.domain.model.AuditLog;
import dev.accessconsole.domain.model.BillingDetails;
import dev.accessconsole.domain.model.DomainException;
import dev.accessconsole.domain.model.Organization;
import dev.accessconsole.domain.model.OrganizationRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Billing details: company, address and tax id (billing:manage); the primary billing email and the contact emails
 * are changed by platform support only.
 */
@ApplicationScoped
public class BillingService {

    private static final Pattern COUNTRY = Pattern.compile("^[A-Z]{2}$");

    public record Details(String companyName, String addressLine1, String addressLine2, String city, String state,
                          String postalCode, String country, String taxId) {
    }

    @Inject
    OrganizationRepository organizations;

    @Inject
    AuditLog audit;

    @Transactional
    public Organization get(String organizationId) {
        Organization organization = organizations.find(organizationId).orElseThrow(() -> DomainException.notFound("organization"));
        organization.billing();
        return organization;
    }

    @Transactional
    public Organization edit(Actor actor, String organizationId, Details details) {
        Organization organization = organizations.find(organizationId).orElseThrow(() -> DomainException.notFound("organization"));
        String country = optional("country", details.country(), 2);
        if (country != null && !COUNTRY.matcher(country.toUpperCase(java.util.Locale.ROOT)).matches()) {
            throw DomainException.invalid(ErrorCode.INVALID_COUNTRY, "country must be an ISO 3166-1 alpha-2 code such as US.");
        }
        organization.billing().edit(optional("company_name", details.companyName(), 255), optional("address_line1", details.addressLine1(), 255),
                optional("address_line2", details.addressLine2(), 255), optional("city", details.city(), 255), optional("state", details.state(), 255),
                optional("postal_code", details.postalCode(), 32), country == null ? null : country.toUpperCase(java.util.Locale.ROOT),
                optional("tax_id", details.taxId(), 64));
        audit.record(organizationId, actor, "billing.update", "organization", organizationId, null);
        return organization;
    }

    @Transactional
    public Organization setEmails(String organizationId, String supportSubject, String primary, List<String> contacts) {
        Organization organization = organizations.findForUpdate(organizationId).orElseThrow(() -> DomainException.notFound("organization"));
        String cleanPrimary = primary == null ? organization.primaryBillingEmail() : Names.email(primary);
        LinkedHashSet<String> cleanContacts = new LinkedHashSet<>();
        if (contacts != null) {
            if (contacts.size() > 20) {
                throw DomainException.invalid(ErrorCode.TOO_MANY_CONTACTS, "At most 20 billing contact emails.");
            }
            for (String contact : contacts) {
                cleanContacts.add(Names.email(contact));
            }
        }
        organization.primaryBillingEmail(cleanPrimary);
        if (contacts != null) {
            organization.billing().contactEmails(new ArrayList<>(cleanContacts));
        }
        audit.record(organizationId, Actor.support(supportSubject), "billing.emails_update",
                "organization", organizationId, JsonBuilders.object().add("primary_billing_email", cleanPrimary)
                        .add("contact_emails", JsonBuilders.array(organization.billing().contactEmails())).build().toString());
        return organization;
    }

    /** The billing emails of an organization, primary first. */
    public static List<String> billingEmails(Organization organization) {
        List<String> emails = new ArrayList<>();
        if (organization.primaryBillingEmail() != null) {
            emails.add(organization.primaryBillingEmail());
        }
        BillingDetails billing = organization.billing();
        emails.addAll(billing.contactEmails());
        return emails;
    }

    private static String optional(String field, String value, int max) {
        return value == null || value.isBlank() ? null : Names.require(field, value, max);
    }
}
