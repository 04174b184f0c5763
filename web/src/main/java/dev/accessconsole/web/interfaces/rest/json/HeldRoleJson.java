package dev.accessconsole.web.interfaces.rest.json;

import dev.accessconsole.authz.api.HeldCustomRole;
import dev.accessconsole.authz.api.GrantSource;
import dev.accessconsole.authz.api.HeldRole;

import java.util.List;
import java.util.Locale;

/** A role a member holds and where it comes from: {@code {"role":"developer","source":{"type":"rbac_group","id":…,"name":"Engineering"}}}. */
public record HeldRoleJson(String role, String roleId, SourceJson source, String description) {

    public record SourceJson(String type, String id, String name) {

        @Override
        public int hashCode() {
            return java.util.Objects.hashCode(id); // see ListJson.hashCode
        }
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(role, source); // see ListJson.hashCode
    }

    public static List<HeldRoleJson> of(List<HeldRole> roles) {
        return of(roles, List.of());
    }

    /** The built-in roles held, then the custom ones ({@code role}: the custom role's display name). */
    public static List<HeldRoleJson> of(List<HeldRole> roles, List<HeldCustomRole> custom) {
        java.util.List<HeldRoleJson> all = new java.util.ArrayList<>(roles.stream().map(held -> new HeldRoleJson(held.role().value(), held.role().roleId(),
                new SourceJson(held.source().type().name().toLowerCase(Locale.ROOT), held.source().id(), held.source().name()),
                held.describe())).toList());
        custom.forEach(held -> all.add(new HeldRoleJson(held.role().name(), held.role().id(),
                new SourceJson(held.source().type().name().toLowerCase(Locale.ROOT), held.source().id(), held.source().name()), held.describe())));
        return all;
    }

    /** The source types as the API writes them. */
    public static String type(GrantSource source) {
        return source.type().name().toLowerCase(Locale.ROOT);
    }
}
