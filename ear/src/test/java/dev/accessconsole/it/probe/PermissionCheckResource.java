package dev.accessconsole.it.probe;

import dev.accessconsole.authz.api.AccessDeniedException;
import dev.accessconsole.authz.api.Permission;
import dev.accessconsole.authz.api.AccessContext;
import dev.accessconsole.authz.api.PermissionScope;
import dev.accessconsole.authz.api.WorkspaceStanding;
import dev.accessconsole.authz.policy.AccessPolicy;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import java.util.List;

/** Test-only: asks the enforcing guard itself for one permission, answering 200 / 403 / 404 / 401 / 400. */
@Path("/check")
@RequestScoped
public class PermissionCheckResource {

    @Inject
    AccessContext access;

    @GET
    public Response check(@QueryParam("permission") String permission, @QueryParam("workspace_id") String workspaceId) {
        try {
            Permission asked = Permission.fromValue(permission).orElseThrow();
            // the guard's own standing and visibility answer, and the policy's decision it enforces with
            WorkspaceStanding workspace = asked.scope() == PermissionScope.WORKSPACE
                    ? access.visibleWorkspace(workspaceId == null || workspaceId.isBlank() ? null : workspaceId) : null;
            return AccessPolicy.decide(access.standing(), asked, workspace).granted()
                    ? Response.ok("granted").build() : Response.status(403).build();
        } catch (AccessDeniedException.Unauthenticated e) {
            return Response.status(401).build();
        } catch (AccessDeniedException.NotVisible e) {
            return Response.status(404).build();
        } catch (AccessDeniedException.MissingPermission e) {
            return Response.status(403).build();
        } catch (AccessDeniedException.OrganizationUnresolved e) {
            return Response.status(400).build();
        }
    }
}
