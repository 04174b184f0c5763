package dev.accessconsole.web.interfaces.rest;

import dev.accessconsole.authz.api.AccessContext;
import dev.accessconsole.authz.api.Permissions;
import dev.accessconsole.authz.api.RequiresPermission;
import dev.accessconsole.domain.application.ClaudeCodeService;
import dev.accessconsole.domain.model.DomainException;
import dev.accessconsole.web.interfaces.rest.json.ApiKeyCreatedJson;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Claude Code sign-in: the caller gets a key bound to them in the organization's Claude Code workspace. */
@Path("/organizations/claude_code/sign_in")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ClaudeCodeResource {

    @Inject
    ClaudeCodeService claudeCode;

    @Inject
    AccessContext access;

    @POST
    @RequiresPermission(Permissions.CLAUDE_CODE_USE)
    public ApiKeyCreatedJson signIn() {
        return ApiKeyCreatedJson.of(claudeCode.signIn(access.organizationId(), access.principalId()));
    }
}
