package dev.accessconsole.it.probe;

import dev.accessconsole.authz.api.AccessDeniedException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

/** Test-only entry point that calls the protected bean and reports the guard's verdict as a plain status. */
@Path("/report")
@RequestScoped
public class ProbeResource {

    @Inject
    MemberReport report;

    @GET
    public Response admins() {
        return verdict(report::organizationForAdmins);
    }

    @GET
    @Path("/keys")
    public Response keys(@QueryParam("workspace_id") String workspaceId) {
        return verdict(() -> report.keysIn(workspaceId));
    }

    private static Response verdict(java.util.function.Supplier<String> call) {
        try {
            return Response.ok(call.get()).build();
        } catch (AccessDeniedException.Unauthenticated e) {
            return Response.status(401).entity("unauthenticated").build();
        } catch (AccessDeniedException.NotVisible e) {
            return Response.status(404).entity("not visible").build();
        } catch (AccessDeniedException.MissingPermission e) {
            return Response.status(403).entity(e.permission()).build();
        } catch (AccessDeniedException.OrganizationUnresolved e) {
            return Response.status(400).entity("which organization?").build();
        }
    }
}
