package dev.accessconsole.domain.model;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

import java.util.Arrays;
import java.util.List;

/** Billing details of an organization. The contact emails are kept here but changed only by platform support. */
@Embeddable
public class BillingDetails {

    @Column(name = "billing_company_name")
    private String companyName;

    @Column(name = "billing_address_line1")
    private String addressLine1;

    @Column(name = "billing_address_line2")
    private String addressLine2;

    @Column(name = "billing_city")
    private String city;

    @Column(name = "billing_state")
    private String state;

    @Column(name = "billing_postal_code", length = 32)
    private String postalCode;

    @Column(name = "billing_country", length = 2)
    private String country;

    @Column(name = "billing_tax_id", length = 64)
    private String taxId;

    @Column(name = "billing_contact_emails", length = 4000)
    private String contactEmails;

    public BillingDetails() {
    }

    public void edit(String companyName, String addressLine1, String addressLine2, String city, String state, String postalCode,
                     String country, String taxId) {
        this.companyName = companyName;
        this.addressLine1 = addressLine1;
        this.addressLine2 = addressLine2;
        this.city = city;
        this.state = state;
        this.postalCode = postalCode;
        this.country = country;
        this.taxId = taxId;
    }

    public List<String> contactEmails() {
        return contactEmails == null || contactEmails.isBlank() ? List.of() : Arrays.asList(contactEmails.split(","));
    }

    public void contactEmails(List<String> emails) {
        this.contactEmails = emails.isEmpty() ? null : String.join(",", emails);
    }

    public String companyName() { return companyName; }
    public String addressLine1() { return addressLine1; }
    public String addressLine2() { return addressLine2; }
    public String city() { return city; }
    public String state() { return state; }
    public String postalCode() { return postalCode; }
    public String country() { return country; }
    public String taxId() { return taxId; }
}
