package dev.accessconsole.it.payroll;

import dev.accessconsole.authz.api.Permissions;
import dev.accessconsole.authz.api.RequiresPermission;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The sample module's HTTP face: {@code /v1/payroll/export} is open to every member and calls the guarded bean (the bean's
 * own declaration decides); {@code /v1/payroll/summary} declares the module's permission on the resource itself.
 */
@Path("/payroll")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class PayrollResource {

    @Inject
    Payroll payroll;

    @GET
    @Path("/export")
    @RequiresPermission(Permissions.ORGANIZATION_READ)
    public String export() {
        return Json.createObjectBuilder().add("export", payroll.export()).build().toString();
    }

    @GET
    @Path("/summary")
    @RequiresPermission(PayrollPermissions.EXPORT)
    public String summary() {
        return Json.createObjectBuilder().add("summary", "ok").build().toString();
    }
}
