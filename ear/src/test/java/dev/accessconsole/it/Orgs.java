package dev.accessconsole.it;

import dev.accessconsole.it.Api.Person;

import static org.assertj.core.api.Assertions.assertThat;

/** Builds organizations and members through the API itself, the way a person would. */
public final class Orgs {

    private Orgs() {
    }

    /** A new organization whose admin is {@code admin}; returns its id. */
    public static String create(Person admin, String name) {
        Api.Response created = admin.request("POST", "/v1/organizations").json("{\"name\":\"" + name + "\"}").send();
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        return created.json().getString("id");
    }

    /** Invites a new person with {@code role} and has them accept; returns the new member. */
    public static Person join(String organizationId, Person admin, String role, String label) {
        Person member = Api.newPerson(label);
        Api.Response invite = admin.request("POST", "/v1/organizations/invites").org(organizationId)
                .json("{\"email\":\"" + member.email() + "\",\"role\":\"" + role + "\"}").send();
        assertThat(invite.status()).as(invite.toString()).isEqualTo(200);
        Api.Response accepted = member.request("POST", "/v1/invites/" + invite.json().getString("id") + "/accept").send();
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        return member;
    }
}
