package dev.accessconsole.web.interfaces.rest.json;

/** Request bodies. Unknown fields are ignored; fields a caller may not set (ids, creators) simply do not exist here. */
public final class Requests {

    private Requests() {
    }

    public record CreateOrganization(String name) {
    }

    public record UpdateUser(String role) {
    }

    public record CreateInvite(String email, String role) {
    }
}
