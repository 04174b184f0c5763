package dev.accessconsole.domain.application;

import dev.accessconsole.domain.model.JsonBuilders;
import dev.accessconsole.authz.api.OrgRole;
import dev.accessconsole.authz.api.WorkspaceKind;
import dev.accessconsole.domain.model.Actor;
import dev.accessconsole.domain.model.AuditLog;
import dev.accessconsole.domain.model.DomainException;
import dev.accessconsole.domain.model.Organization;
import dev.accessconsole.domain.model.OrganizationMember;
import dev.accessconsole.domain.model.OrganizationRepository;
import dev.accessconsole.domain.model.Time;
import dev.accessconsole.domain.model.UserAccount;
import dev.accessconsole.domain.model.Workspace;
import dev.accessconsole.domain.model.WorkspaceRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Instant;

/** Organizations: creation (with the creator as admin and billing email, and the Default workspace), look-up. */
@ApplicationScoped
public class OrganizationService {

    public static final int MAX_NAME_LENGTH = 255;

    @Inject
    OrganizationRepository organizations;

    @Inject
    WorkspaceRepository workspaces;

    @Inject
    AuditLog audit;

    @Transactional
    public Organization create(UserAccount creator, String name) {
        String cleanName = Names.require("name", name, MAX_NAME_LENGTH);
        Instant now = Time.now();
        Organization organization = new Organization(cleanName, creator.email(), now);
        organizations.add(organization);
        organizations.addMember(new OrganizationMember(organization, creator, OrgRole.ADMIN, OrganizationMember.JoinedBy.CREATED, now));
        workspaces.add(new Workspace(organization, Workspace.DEFAULT_NAME, WorkspaceKind.DEFAULT, null, now));
        audit.record(organization.id(), Actor.user(creator.id()), "organization.create", "organization", organization.id(),
                JsonBuilders.object().add("name", cleanName).build().toString());
        return organization;
    }

    /**
     * One row by id: it joins a caller's transaction but opens none of its own
     * (a JTA transaction's begin and commit were a quarter of the CPU of {@code GET /v1/organizations/me}).
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Organization get(String organizationId) {
        return organizations.find(organizationId).orElseThrow(() -> DomainException.notFound("organization"));
    }
}
