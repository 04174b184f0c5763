package dev.accessconsole.it.probe;

import dev.accessconsole.authz.api.AccessDeniedException;
import dev.accessconsole.authz.api.Permission;
import dev.accessconsole.authz.impl.AccessGuard;
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
    AccessGuard guard;

    @GET
    public Response check(@QueryParam("permission") String permission, @QueryParam("workspace_id") String workspaceId) {
        try {
            guard.authorize(List.of(Permission.fromValue(permission).orElseThrow()), false, workspaceId);
            return Response.ok("granted").build();
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
