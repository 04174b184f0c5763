package dev.accessconsole.web.interfaces.rest.json;

import dev.accessconsole.domain.model.Organization;

/** {@code {"id","type":"organization","name"}}, as the Admin API's /v1/organizations/me. */
public record OrganizationJson(String id, String type, String name) {

    public static OrganizationJson of(Organization organization) {
        return new OrganizationJson(organization.id(), "organization", organization.name());
    }
}
