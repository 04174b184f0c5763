package dev.accessconsole.it;

import dev.accessconsole.it.Api.Person;
import dev.accessconsole.it.Api.Response;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The console in a real headless Chromium, against the real EAR, signing in through the real Keycloak the build starts
 * (ear/src/test/keycloak) and through the development sign-in. Each walk is a person with a fresh browser; each page
 * is saved as a screenshot under ear/target/console-screenshots and must log no console error and no CSP violation.
 * <p>
 * Without Debian's chromium and chromium-driver the two walks are skipped, unless CONSOLE_BROWSER_REQUIRED=1 (.ci/run
 * installs both and sets it): then their absence fails the suite.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BrowserConsoleIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.realEar();
    }

    /** The walks need a browser; the header and dev sign-in checks run without one. */
    private static void requireChromium() {
        if (Browser.available()) {
            return;
        }
        if ("1".equals(System.getenv("CONSOLE_BROWSER_REQUIRED"))) {
            fail("The browser tests need Debian's chromium and chromium-driver: apt-get install -y chromium chromium-driver");
        }
        assumeTrue(false, "chromium and chromedriver are not installed: the browser walks are skipped");
    }

    /** A person as the development sign-in makes them: the same identity the API sees from DevTokens. */
    private static Person devPerson(String label) {
        String email = label + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String subject = "dev:" + email;
        return new Person(subject, email, DevTokens.forUser(Api.devKey(), subject, email, label));
    }

    private static List<String> deniedEvents(Person admin, String orgId) {
        Response events = admin.request("GET", "/v1/organizations/audit_events?outcome=denied&limit=100").org(orgId).send();
        assertThat(events.status()).as(events.toString()).isEqualTo(200);
        return events.json().getJsonArray("data").getValuesAs(JsonObject.class).stream()
                .map(event -> event.getString("action") + " by " + event.getJsonObject("actor").getString("id")).toList();
    }

    @Test
    void theConsoleIsServedWithAStrictPolicyAndTheApiCannotBeFramedEither() {
        Response page = Api.request("GET", "/console/").send();
        assertThat(page.status()).isEqualTo(200);
        String policy = page.raw().headers().firstValue("content-security-policy").orElseThrow();
        assertThat(policy).contains("script-src 'self'", "style-src 'self'", "frame-ancestors 'none'", "object-src 'none'",
                "base-uri 'none'", "connect-src 'self' http://localhost:18080").doesNotContain("unsafe-inline", "unsafe-eval", "*");
        assertThat(page.raw().headers().firstValue("x-frame-options")).hasValue("DENY");
        assertThat(page.raw().headers().firstValue("x-content-type-options")).hasValue("nosniff");
        Response api = Api.request("GET", "/v1/roles").bearer(Api.newPerson("headers").token()).send();
        assertThat(api.raw().headers().firstValue("content-security-policy")).hasValue("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
        assertThat(api.raw().headers().firstValue("x-frame-options")).hasValue("DENY");
        Response chart = Api.request("GET", "/webjars/chart.js/4.4.7/dist/chart.umd.js").send();
        assertThat(chart.status()).as("Chart.js from its WebJar").isEqualTo(200);

        JsonObject config = Api.request("GET", "/console/config.json").send().json();
        assertThat(config.getJsonObject("oidc").getString("issuer")).isEqualTo(System.getProperty("keycloak.issuer"));
        assertThat(config.getBoolean("dev_sign_in")).as("the test server is a development build with the dev key").isTrue();
    }

    @Test
    void whenTheDevSignInIsSentNonsenseThenItAnswers400InTheApiShapeAndMintsNothing() {
        for (String body : List.of("", "[]", "not json", "{\"email\":\"nobody\"}", "{\"email\":42}", "{\"email\":\"a@example.com\",\"name\":\"x\\u0000y\"}",
                "{\"email\":\"" + "a".repeat(300) + "@example.com\"}")) {
            Response refused = Api.request("POST", "/console/dev-sign-in").json(body).send();
            assertThat(refused.status()).as(body + " → " + refused).isEqualTo(400);
            assertThat(refused.json().getJsonObject("error").getString("type")).isEqualTo("invalid_request_error");
            assertThat(refused.toString()).doesNotContain("access_token");
        }
        Response minted = Api.request("POST", "/console/dev-sign-in").json("{\"email\":\"dev-sign-in@example.com\"}").send();
        assertThat(minted.status()).isEqualTo(200);
        Response me = Api.request("GET", "/v1/me").bearer(minted.json().getString("access_token")).send();
        assertThat(me.json().getString("email")).isEqualTo("dev-sign-in@example.com");
    }

    @Test
    void whenAnAdminSignedInThroughKeycloakInvitesADeveloperThenTheDeveloperAcceptsAndSeesKeysButNotMembers() {
        requireChromium();
        String inviteLink;
        try (Browser admin = new Browser()) {
            admin.open("");
            admin.shot("01-sign-in");
            admin.providerSignIn("kc-admin", "kc-admin-password");
            assertThat(admin.text("#who-email")).isEqualTo("kc-admin@example.com");
            assertThat(admin.script("return localStorage.length")).as("nothing in localStorage").isEqualTo(0L);
            assertThat(admin.script("return sessionStorage.length")).as("the sign-in's PKCE state is gone").isEqualTo(0L);
            assertThat(admin.script("return document.cookie")).as("no token in a cookie of the console").isEqualTo("");
            admin.visible("#create-organization");
            admin.shot("01b-welcome");
            admin.visible("#create-organization input").sendKeys("Keycloak Co");
            admin.visible("#create-organization button").click();
            admin.waitForText("main h1", "Keycloak Co");
            admin.shot("02-overview");

            admin.visible("#nav-members").click();
            admin.visible("#invite-form input[type=email]").sendKeys("kc-dev@example.com");
            admin.select("#invite-form select", "developer");
            admin.visible("#invite-form button").click();
            inviteLink = admin.text("#invite-link");
            assertThat(inviteLink).startsWith(Browser.CONSOLE + "#/accept/invite_");
            admin.waitForText("#invites", "kc-dev@example.com");
            admin.shot("03-members");

            // a refused action shows the API's own message (the only admin may not become a user)
            admin.waitForText("#members", "kc-admin@example.com");
            admin.script("const row = [...document.querySelectorAll('#members tr')].find(r => r.textContent.includes('kc-admin@example.com'));"
                    + " const s = row.querySelector('select'); s.value = 'user'; row.querySelector('button.secondary').click()");
            admin.waitForText("#members .error", "An organization must keep at least one admin.");
            admin.expectRefusal(400);
            admin.assertClean("the members page after a refusal");
        }

        try (Browser developer = new Browser()) {
            developer.open(inviteLink.substring(Browser.CONSOLE.length()));
            developer.providerSignIn("kc-dev", "kc-dev-password");
            developer.visible("#accept-invite");
            developer.shot("03b-accept-invite");
            developer.visible("#accept-invite").click();
            developer.waitForText("main h1", "Keycloak Co");
            assertThat(developer.present("#nav-keys")).as("API keys in the developer's navigation").isTrue();
            assertThat(developer.present("#nav-members")).as("Members in the developer's navigation").isFalse();
            developer.visible("#nav-keys").click();
            developer.visible("#create-key");
            developer.shot("04-developer-keys");
            developer.go("#/members");
            developer.waitForText("main h1", "Not available");
            developer.assertClean("the developer's #/members");

            // signing out ends the Keycloak session too: the next sign-in asks for the password again
            developer.visible("#sign-out").click();
            developer.visible("#provider-sign-in").click();
            developer.visible("#password");
        }
    }

    @Test
    void whenAnAdminCreatesAKeyThenItsSecretIsShownExactlyOnceAndBillingAndPlainUsersSeeOnlyTheirPages() {
        requireChromium();
        Person admin = devPerson("console-admin");
        Person billing = devPerson("console-billing");
        Person user = devPerson("console-user");
        String orgId;
        try (Browser browser = new Browser()) {
            browser.open("");
            browser.devSignIn(admin.email(), "Console Admin");
            browser.visible("#create-organization input").sendKeys("Console Walk");
            browser.visible("#create-organization button").click();
            browser.waitForText("main h1", "Console Walk");
            orgId = admin.request("GET", "/v1/me").send().json().getJsonArray("organizations").getJsonObject(0).getString("id");
            for (Person member : List.of(billing, user)) {
                String role = member == billing ? "billing" : "user";
                Response invite = admin.request("POST", "/v1/organizations/invites").org(orgId)
                        .json("{\"email\":\"" + member.email() + "\",\"role\":\"" + role + "\"}").send();
                assertThat(invite.status()).as(invite.toString()).isEqualTo(200);
                assertThat(member.request("POST", "/v1/invites/" + invite.json().getString("id") + "/accept").send().status()).isEqualTo(200);
            }

            // Claude Code sign-in creates the Claude Code workspace
            browser.visible("#nav-claude-code").click();
            browser.visible("#claude-code-sign-in").click();
            assertThat(browser.text("#secret-value")).startsWith("sk-ant-api03-");
            browser.shot("05-claude-code");

            // a key: its secret once
            browser.visible("#nav-keys").click();
            browser.visible("#key-name").sendKeys("walk key");
            browser.visible("#create-key button").click();
            String secret = browser.text("#secret-value");
            assertThat(secret).startsWith("sk-ant-api03-");
            browser.waitUntil("return !!" + Browser.row("#api-keys", "walk key"));
            browser.shot("06-key-created");
            browser.visible("#new-secret button.secondary:last-child").click();
            assertThat(browser.source()).doesNotContain(secret);
            browser.go("#/overview");
            browser.waitForText("main h1", "Console Walk");
            browser.go("#/keys");
            browser.waitUntil("return !!" + Browser.row("#api-keys", "walk key"));
            assertThat(browser.source()).as("the secret after leaving the page").doesNotContain(secret);
            assertThat(browser.pageText()).doesNotContain(secret);
            browser.shot("07-keys");

            // usage a day ago through the gateway, for the charts
            String gateway = Api.platformToken("gateway");
            String keyId = Api.request("POST", "/v1/gateway/api_keys/verify").bearer(gateway).json("{\"key\":\"" + secret + "\"}").send().json()
                    .getString("api_key_id");
            Instant yesterday = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(1, ChronoUnit.DAYS).plus(9, ChronoUnit.HOURS);
            for (String model : List.of("claude-sonnet-4-5", "claude-haiku-4-5")) {
                Response recorded = Api.request("POST", "/v1/gateway/usage_events").bearer(gateway).json("{\"event_id\":\"" + UUID.randomUUID()
                        + "\",\"api_key_id\":\"" + keyId + "\",\"model\":\"" + model + "\",\"input_tokens\":1200000,\"output_tokens\":300000,"
                        + "\"timestamp\":\"" + yesterday + "\"}").send();
                assertThat(recorded.status()).as(recorded.toString()).isEqualTo(200);
            }

            // renaming and deactivating the key from its row
            browser.script("const r = " + Browser.row("#api-keys", "walk key") + "; r.querySelector('input').value = 'walk key (renamed)';"
                    + " [...r.querySelectorAll('button')].find(b => b.textContent === 'Rename').click()");
            browser.waitUntil("return !!" + Browser.row("#api-keys", "walk key (renamed)"));
            browser.settled();
            browser.script("[..." + Browser.row("#api-keys", "walk key (renamed)") + ".querySelectorAll('button')].find(b => b.textContent === 'Deactivate').click()");
            browser.waitUntil("return " + Browser.row("#api-keys", "walk key (renamed)") + "?.textContent.includes('inactive')");
            assertThat(admin.request("GET", "/v1/organizations/api_keys/" + keyId).org(orgId).send().json().getString("name")).isEqualTo("walk key (renamed)");
            assertThat(admin.request("GET", "/v1/organizations/api_keys?status=inactive").org(orgId).send().json().getJsonArray("data")).hasSize(1);

            // every other page the admin has, each saved
            browser.go("#/workspaces");
            browser.waitForText("#workspaces", "Claude Code");
            browser.shot("08-workspaces");
            browser.visible("#create-workspace input").sendKeys("Research");
            browser.visible("#create-workspace button").click();
            browser.waitForText("#workspaces", "Research");
            browser.script("[...document.querySelectorAll('#workspaces a')].find(a => a.textContent.includes('Research')).click()");
            browser.visible("#rename-workspace");
            browser.visible("#limits");
            browser.visible("#show-effective-roles").click();
            browser.waitForText("#effective-roles", billing.email());
            assertThat(browser.text("#effective-roles")).contains("workspace_billing");
            browser.shot("09-workspace");

            // archiving asks first, in a modal dialog; cancelling changes nothing
            String scratch = admin.request("POST", "/v1/organizations/workspaces").org(orgId).json("{\"name\":\"Scratch\"}").send().json().getString("id");
            browser.go("#/workspaces/" + scratch);
            browser.visible("#archive-workspace").click();
            browser.visible("dialog[open] button.secondary").click();
            assertThat(admin.request("GET", "/v1/organizations/workspaces/" + scratch).org(orgId).send().json().isNull("archived_at")).isTrue();
            browser.visible("#archive-workspace").click();
            browser.visible("dialog[open] button.danger").click();
            browser.waitForText("#workspaces", "Research");
            assertThat(browser.text("#workspaces")).doesNotContain("Scratch");
            assertThat(admin.request("GET", "/v1/organizations/workspaces/" + scratch).org(orgId).send().json().isNull("archived_at")).isFalse();
            browser.go("#/usage");
            browser.visible("#usage-chart");
            browser.waitForText("#usage-total", "3,000,000");
            browser.shot("10-usage");
            browser.select("#range-by", "model");
            browser.visible("form[aria-label='Report range'] button").click();
            browser.waitUntil("const c = Chart.getChart(document.getElementById('usage-chart'));"
                    + " return !!c && c.data.datasets.map(d => d.label).sort().join() === 'claude-haiku-4-5,claude-sonnet-4-5'");
            browser.go("#/cost");
            browser.visible("#cost-chart");
            browser.shot("11-cost");
            browser.visible("#cost-csv").click();
            String costCsv = browser.downloaded("cost-" + browser.script("return document.getElementById('range-from').value") + ".csv");
            assertThat(costCsv).startsWith("Day (UTC),Workspace,Cost (USD)").contains(",Default,10.80");
            browser.go("#/admin-keys");
            browser.visible("#create-admin-key");
            browser.shot("12-admin-keys");
            browser.visible("#create-admin-key input").sendKeys("automation");
            browser.visible("#create-admin-key button").click();
            assertThat(browser.text("#secret-value")).startsWith("sk-ant-admin01-");
            // the list is rendered after the secret panel: wait for the new key's row before pressing its button
            browser.waitUntil("return " + Browser.row("#admin-keys", "automation") + " != null");
            browser.script("[..." + Browser.row("#admin-keys", "automation") + ".querySelectorAll('button')].find(b => b.textContent === 'Revoke').click()");
            browser.visible("dialog[open] button.danger").click();
            browser.waitUntil("return " + Browser.row("#admin-keys", "automation") + "?.textContent.includes('revoked')");
            for (int i = 1; i <= 21; i++) {
                Response account = admin.request("POST", "/v1/organizations/service_accounts").org(orgId)
                        .json("{\"name\":\"robot " + i + "\",\"organization_role\":\"developer\"}").send();
                assertThat(account.status()).as(account.toString()).isEqualTo(200);
            }
            browser.go("#/service-accounts");
            browser.visible("#create-service-account");
            browser.waitForText("#service-accounts", "robot");
            browser.shot("13-service-accounts");
            int firstPage = ((Number) browser.script("return document.querySelectorAll('#service-accounts tbody tr').length")).intValue();
            assertThat(firstPage).isEqualTo(20);
            browser.script("[...document.querySelectorAll('#service-accounts .pager button')].find(b => b.textContent === 'Next').click()");
            browser.waitForText("#service-accounts", "Previous");
            browser.settled();
            assertThat(((Number) browser.script("return document.querySelectorAll('#service-accounts tbody tr').length")).intValue())
                    .as("the second page").isEqualTo(1);
            browser.go("#/billing");
            browser.visible("#billing-form");
            browser.shot("14-billing");
            browser.visible("#billing-form input[aria-label='Company']").sendKeys("Walk Ltd");
            browser.visible("#billing-form button[type=submit]").click();
            browser.waitForText("#billing-form", "Billing details saved.");
            assertThat(admin.request("GET", "/v1/organizations/billing").org(orgId).send().json().getString("company_name")).isEqualTo("Walk Ltd");
            browser.go("#/audit");
            browser.waitForText("#audit-events", "api_key.create");
            browser.shot("15-audit");
            browser.visible("form[aria-label='Filter events'] input").sendKeys("billing.update");
            browser.visible("form[aria-label='Filter events'] button").click();
            browser.waitUntil("const rows = [...document.querySelectorAll('#audit-events tbody tr')];"
                    + " return rows.length > 0 && rows.every(r => r.textContent.includes('billing.update'))");
            browser.go("#/access");
            browser.waitForText("#access-review", billing.email());
            browser.script("document.getElementById('explain-permission').value = 'cost:read'");
            browser.script("[...document.querySelectorAll('#access-review tr')].find(r => r.textContent.includes(arguments[0]))"
                    + ".querySelector('button').click()", billing.email());
            browser.waitForText("#explain", "has cost:read");
            browser.shot("16-access-review");
            browser.visible("#access-csv").click();
            assertThat(browser.downloaded("access-review.csv")).contains(billing.email(), user.email());
            browser.go("#/roles");
            browser.waitForText("main", "workspace_developer");
            browser.shot("17-roles");
            browser.phoneWidth();
            browser.go("#/members");
            browser.visible("#invite-form");
            browser.shot("18-members-phone");
        }

        String secondOrg = Orgs.create(billing, "Billing's Own");
        try (Browser browser = new Browser()) {
            browser.open("");
            browser.devSignIn(billing.email(), "Console Billing");
            browser.visible("#org-select");
            assertThat(browser.script("return [...document.querySelectorAll('#org-select option')].map(o => o.value).sort().join()"))
                    .isEqualTo(java.util.stream.Stream.of(orgId, secondOrg).sorted().collect(java.util.stream.Collectors.joining(",")));
            browser.select("#org-select", secondOrg);
            browser.waitForText("main h1", "Billing's Own");
            assertThat(browser.present("#nav-members")).as("Members where billing's person is admin").isTrue();
            browser.select("#org-select", orgId);
            browser.waitForText("main h1", "Console Walk");
            assertThat(browser.present("#nav-cost")).as("Cost in billing's navigation").isTrue();
            assertThat(browser.present("#nav-keys")).as("API keys in billing's navigation").isFalse();
            assertThat(browser.present("#nav-members")).as("Members in billing's navigation").isFalse();
            browser.visible("#nav-cost").click();
            browser.visible("#cost-chart");
            browser.waitForText("#cost-total", "$");
            assertThat((Boolean) browser.script("const c = Chart.getChart(document.getElementById('cost-chart'));"
                    + " return !!c && c.data.datasets.length > 0 && c.data.datasets.some(d => d.data.some(v => v > 0))"))
                    .as("the cost chart has bars").isTrue();
            browser.shot("19-billing-cost");
            browser.go("#/workspaces");
            browser.waitForText("#workspaces", "Default");
            assertThat(browser.text("#workspaces")).contains("Research").doesNotContain("Claude Code");
            browser.shot("20-billing-workspaces");
        }

        try (Browser browser = new Browser()) {
            browser.open("");
            browser.devSignIn(user.email(), "Console User");
            browser.waitForText("main h1", "Console Walk");
            for (String hidden : List.of("#nav-keys", "#nav-usage", "#nav-cost", "#nav-members", "#nav-billing", "#nav-audit")) {
                assertThat(browser.present(hidden)).as(hidden + " in a plain user's navigation").isFalse();
            }
            browser.shot("21-user-overview");
            browser.go("#/keys");
            browser.waitForText("main h1", "Not available");
            browser.go("#/usage");
            browser.waitForText("main h1", "Not available");
            browser.assertClean("the plain user's #/keys and #/usage");
            browser.visible("#sign-out").click();
            browser.waitForText("main", "You are signed out.");
            browser.go("#/overview");
            browser.visible("#dev-sign-in");
            assertThat(browser.present("#nav-overview")).as("sections after signing out").isFalse();
            browser.assertClean("the sign-in page after signing out");
        }

        // the console asked for nothing its callers may not see: no request of theirs was refused
        assertThat(deniedEvents(admin, orgId)).isEmpty();
    }

    @Test
    void whenAnAdminConnectsTheIdentityProviderThenGroupsDecideWhatMembersHold() throws Exception {
        requireChromium();
        Person admin = devPerson("groups-admin");
        Person member = devPerson("groups-member");
        String domain = "walk-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        String orgId;
        String memberId;
        String scimGroup;
        try (Browser browser = new Browser()) {
            browser.open("");
            browser.devSignIn(admin.email(), "Groups Admin");
            browser.visible("#create-organization input").sendKeys("Groups Walk");
            browser.visible("#create-organization button").click();
            browser.waitForText("main h1", "Groups Walk");
            orgId = admin.request("GET", "/v1/me").send().json().getJsonArray("organizations").getJsonObject(0).getString("id");
            Response invite = admin.request("POST", "/v1/organizations/invites").org(orgId)
                    .json("{\"email\":\"" + member.email() + "\",\"role\":\"user\"}").send();
            assertThat(member.request("POST", "/v1/invites/" + invite.json().getString("id") + "/accept").send().status()).isEqualTo(200);
            memberId = member.userId();

            // the identity provider: a SCIM token shown once with the endpoint, then sign-in settings
            browser.visible("#nav-identity").click();
            assertThat(browser.text("#scim-endpoint")).isEqualTo(Browser.CONSOLE.replace("/console/", "/scim/v2"));
            browser.visible("#scim-token-name").sendKeys("Okta");
            browser.visible("#create-scim-token button").click();
            String scimSecret = browser.text("#scim-secret");
            assertThat(scimSecret).startsWith("sk-ant-scim01-");
            browser.waitUntil("return !!" + Browser.row("#scim-tokens", "Okta"));
            browser.shot("22-identity-provider");
            browser.visible("#new-scim-token button.secondary:last-child").click();
            assertThat(browser.source()).as("the SCIM token once").doesNotContain(scimSecret);
            browser.select("#sign-in-issuer", DevTokens.ISSUER);
            browser.visible("#sign-in-domains").clear();
            browser.visible("#sign-in-domains").sendKeys(domain);
            browser.select("#sign-in-default-role", "claude_code_user");
            browser.visible("#sign-in-settings-form button[type=submit]").click();
            browser.waitForText("#sign-in-settings-form", "Sign-in settings saved.");
            JsonObject settings = admin.request("GET", "/v1/organizations/sign_in_settings").org(orgId).send().json();
            assertThat(settings.getJsonArray("email_domains").getString(0)).isEqualTo(domain);
            assertThat(settings.getString("default_role")).isEqualTo("claude_code_user");

            // a group managed here, carrying developer, with the member in it
            browser.visible("#nav-groups").click();
            browser.visible("#group-name").sendKeys("Engineering");
            browser.script("[...document.querySelectorAll('#create-group input[type=checkbox]')].find(b => b.value === 'role_developer').click()");
            browser.visible("#create-group button[type=submit]").click();
            browser.visible("#add-group-member");
            browser.visible("#group-member-email").sendKeys(member.email());
            browser.visible("#add-group-member button").click();
            browser.waitForText("#group-members", member.email());
            browser.shot("23-group");
            assertThat(member.request("POST", "/v1/organizations/api_keys").org(orgId).json("{\"name\":\"via group\"}").send().status())
                    .as("a developer through the group the console made").isEqualTo(200);

            // the identity provider's group: read-only but for its roles
            String scim = admin.request("POST", "/v1/organizations/scim_tokens").org(orgId).json("{}").send().json().getString("secret");
            scimGroup = Api.request("POST", "/scim/v2/Groups").bearer(scim).json("{\"displayName\":\"Support Staff\",\"members\":[{\"value\":\""
                    + memberId + "\"}]}").send().json().getString("id");
            browser.go("#/groups/" + scimGroup);
            browser.visible("#managed-by-idp");
            assertThat(browser.present("#add-group-member")).as("adding members to an identity provider's group").isFalse();
            assertThat(browser.present("#rename-group")).isFalse();
            browser.script("[...document.querySelectorAll('#group-roles-form input[type=checkbox]')].find(b => b.value === 'role_billing').click()");
            browser.visible("#group-roles-form button[type=submit]").click();
            browser.waitForText("#group-roles-form", "Roles saved.");
            browser.shot("24-idp-group");
            browser.go("#/groups");
            browser.waitForText("#groups", "Identity provider (SCIM)");
            browser.shot("25-groups");

            // the member's page: each role and where it comes from
            browser.go("#/members/" + memberId);
            browser.waitForText("main", "Engineering");
            assertThat(browser.text("main")).contains("developer").contains("billing").contains("their own role").contains("Support Staff");
            browser.shot("26-member");
        }

        // the member's own console follows: keys (developer through Engineering) and cost (billing through Support Staff)
        try (Browser browser = new Browser()) {
            browser.open("");
            browser.devSignIn(member.email(), "Groups Member");
            browser.waitForText("main h1", "Groups Walk");
            assertThat(browser.present("#nav-keys")).as("API keys through a group").isTrue();
            assertThat(browser.present("#nav-billing")).as("Billing through a group").isTrue();
            browser.waitForText("#my-roles", "developer through group Engineering");
            browser.shot("27-member-overview");
        }
        assertThat(admin.request("DELETE", "/v1/organizations/rbac_groups/" + scimGroup).org(orgId).send().errorCode())
                .isEqualTo("group_managed_by_identity_provider");

        try (Browser browser = new Browser()) {
            browser.open("");
            browser.devSignIn(admin.email(), "Groups Admin");
            browser.waitForText("main h1", "Groups Walk");
            browser.go("#/groups");
            browser.waitForText("#groups", "Engineering");
            browser.script("[...document.querySelectorAll('#groups a')].find(a => a.textContent === 'Engineering').click()");
            browser.waitForText("#group-members", member.email());
            browser.script("[..." + Browser.row("#group-members", member.email()) + ".querySelectorAll('button')].find(b => b.textContent === 'Remove').click()");
            browser.visible("dialog[open] button.danger").click();
            browser.waitForText("#group-members", "No members.");
            assertThat(member.request("POST", "/v1/organizations/api_keys").org(orgId).json("{\"name\":\"gone\"}").send().status())
                    .as("out of Engineering").isEqualTo(403);

            // signing the member out ends their sessions here
            Thread.sleep(1100); // their token is of an earlier second than the sign-out
            browser.go("#/members/" + memberId);
            browser.visible("#sign-out-member").click();
            browser.visible("dialog[open] button.danger").click();
            browser.waitForText("#member-result", "is signed out");
            assertThat(member.request("GET", "/v1/organizations/me").org(orgId).send().status()).isEqualTo(401);
        }

        // the console asked for nothing its callers may not see
        assertThat(deniedEvents(admin, orgId)).isEmpty();
    }

    @Test
    void whenAnAdminDefinesACustomRoleThenAGroupGivesItAndTheMembersConsoleFollows() throws Exception {
        requireChromium();
        Person admin = devPerson("roles-admin");
        Person member = devPerson("roles-member");
        String orgId;
        String roleId;
        try (Browser browser = new Browser()) {
            browser.open("");
            browser.devSignIn(admin.email(), "Roles Admin");
            browser.visible("#create-organization input").sendKeys("Roles Walk");
            browser.visible("#create-organization button").click();
            browser.waitForText("main h1", "Roles Walk");
            orgId = admin.request("GET", "/v1/me").send().json().getJsonArray("organizations").getJsonObject(0).getString("id");
            Response invite = admin.request("POST", "/v1/organizations/invites").org(orgId)
                    .json("{\"email\":\"" + member.email() + "\",\"role\":\"user\"}").send();
            assertThat(member.request("POST", "/v1/invites/" + invite.json().getString("id") + "/accept").send().status()).isEqualTo(200);

            // an Auditor role from the catalog's permissions (members:manage is not on offer)
            browser.visible("#nav-custom-roles").click();
            browser.visible("#role-name").sendKeys("Auditor");
            assertThat(browser.present("#new-role-members-manage")).as("members:manage offered to a custom role").isFalse();
            browser.visible("#new-role-audit-read").click();
            browser.visible("#new-role-usage-read").click();
            browser.visible("#create-role button[type=submit]").click();
            browser.waitForText("#custom-roles", "Auditor");
            roleId = admin.request("GET", "/v1/organizations/rbac_roles").org(orgId).send().json().getJsonArray("data").getValuesAs(JsonObject.class)
                    .stream().filter(r -> r.getString("display_name").equals("Auditor")).findFirst().orElseThrow().getString("id");
            browser.shot("28-custom-roles");

            // a group carrying it, with the member
            browser.visible("#nav-groups").click();
            browser.visible("#group-name").sendKeys("Compliance");
            browser.script("[...document.querySelectorAll('#create-group input[type=checkbox]')].find(b => b.value === '" + roleId + "').click()");
            browser.visible("#create-group button[type=submit]").click();
            browser.visible("#add-group-member");
            browser.visible("#group-member-email").sendKeys(member.email());
            browser.visible("#add-group-member button").click();
            browser.waitForText("#group-members", member.email());
            browser.go("#/custom-roles");
            browser.waitForText("#custom-roles", "Compliance");
            browser.shot("29-custom-role-carried");
        }

        // the member's console: the audit log and usage, and still not the members
        try (Browser browser = new Browser()) {
            browser.open("");
            browser.devSignIn(member.email(), "Roles Member");
            browser.waitForText("main h1", "Roles Walk");
            assertThat(browser.present("#nav-audit")).as("the audit log through Auditor").isTrue();
            assertThat(browser.present("#nav-usage")).as("usage through Auditor").isTrue();
            assertThat(browser.present("#nav-members")).isFalse();
            browser.waitForText("#my-roles", "custom role Auditor through group Compliance");
            browser.visible("#nav-audit").click();
            browser.waitForText("main h1", "Audit log");
            browser.shot("30-auditor-audit-log");
        }

        // usage:read taken from the role: the member's console no longer offers usage
        try (Browser browser = new Browser()) {
            browser.open("");
            browser.devSignIn(admin.email(), "Roles Admin");
            browser.waitForText("main h1", "Roles Walk");
            browser.go("#/custom-roles");
            browser.visible("#edit-" + roleId + "-usage-read").click();
            browser.script("document.querySelector('form.edit-role[data-role=\"Auditor\"] button[type=submit]').click()");
            browser.waitForText("#custom-roles", "Auditor saved");
        }
        try (Browser browser = new Browser()) {
            browser.open("");
            browser.devSignIn(member.email(), "Roles Member");
            browser.waitForText("main h1", "Roles Walk");
            assertThat(browser.present("#nav-audit")).isTrue();
            assertThat(browser.present("#nav-usage")).as("usage after usage:read was taken from Auditor").isFalse();
        }
        assertThat(deniedEvents(admin, orgId)).isEmpty();
    }

    @Test
    void whenAWorkspaceReachesItsSpendLimitThenTheDeveloperAsksForMoreAndTheAdminApproves() throws Exception {
        requireChromium();
        Person admin = devPerson("spend-admin");
        Person developer = devPerson("spend-dev");
        String gateway = Api.platformToken("gateway");
        String orgId;
        String workspace;
        String secret;
        // the organization, a metered workspace with a key, and a developer in it (set up before signing in: the console
        // loads the workspaces when it starts)
        orgId = Orgs.create(admin, "Spend Walk");
        workspace = admin.request("POST", "/v1/organizations/workspaces").org(orgId).json("{\"name\":\"Metered\"}").send().json().getString("id");
        JsonObject key = admin.request("POST", "/v1/organizations/api_keys").org(orgId)
                .json("{\"name\":\"ci\",\"workspace_id\":\"" + workspace + "\"}").send().json();
        secret = key.getString("secret");
        Response invite = admin.request("POST", "/v1/organizations/invites").org(orgId)
                .json("{\"email\":\"" + developer.email() + "\",\"role\":\"developer\"}").send();
        assertThat(developer.request("POST", "/v1/invites/" + invite.json().getString("id") + "/accept").send().status()).isEqualTo(200);
        assertThat(admin.request("POST", "/v1/organizations/workspaces/" + workspace + "/members").org(orgId)
                .json("{\"user_id\":\"" + developer.userId() + "\",\"workspace_role\":\"workspace_developer\"}").send().status()).isEqualTo(200);
        try (Browser browser = new Browser()) {
            browser.open("");
            browser.devSignIn(admin.email(), "Spend Admin");
            browser.waitForText("main h1", "Spend Walk");

            // a daily $1.00 cap on the workspace, set in the console
            browser.visible("#nav-spend-limits").click();
            browser.waitForText("main h1", "Spend limits");
            browser.visible("#limit-scope");
            browser.select("#limit-scope", "workspace:" + workspace);
            browser.select("#limit-period", "daily");
            browser.visible("#limit-amount").sendKeys("1.00");
            browser.visible("#set-limit button[type=submit]").click();
            browser.waitForText("#spend-limits", "$1.00");
            browser.shot("31-spend-limits");

            // $1.20 of usage: the gateway refuses the workspace's key
            for (int i = 0; i < 4; i++) {
                Response recorded = Api.request("POST", "/v1/gateway/usage_events").bearer(gateway).json("{\"event_id\":\"walk-" + UUID.randomUUID()
                        + "\",\"api_key_id\":\"" + key.getString("id") + "\",\"model\":\"claude-sonnet-4-5\",\"input_tokens\":0,\"output_tokens\":20000}").send();
                assertThat(recorded.status()).isEqualTo(200);
            }
            assertThat(verify(gateway, secret)).isEqualTo(429);
        }

        // the developer sees the cap reached and asks for more
        try (Browser browser = new Browser()) {
            browser.open("");
            browser.devSignIn(developer.email(), "Spend Dev");
            browser.waitForText("main h1", "Spend Walk");
            browser.visible("#nav-spend-limits").click();
            browser.waitForText("#my-spend", "Reached until");
            assertThat(browser.present("#set-limit")).as("a developer sets no limit").isFalse();
            assertThat(browser.present("#increase-requests .request")).as("nor answers requests").isFalse();
            browser.visible("#increase-amount").sendKeys("3.00");
            browser.visible("#increase-reason").sendKeys("release week");
            browser.visible("#ask-increase button[type=submit]").click();
            browser.waitForText("#my-spend", "pending");
            browser.shot("32-spend-increase-asked");
        }

        // the admin approves it: the key passes again, and the developer sees the outcome
        try (Browser browser = new Browser()) {
            browser.open("");
            browser.devSignIn(admin.email(), "Spend Admin");
            browser.waitForText("main h1", "Spend Walk");
            browser.go("#/spend-limits");
            browser.waitForText("#increase-requests", "release week");
            browser.shot("33-spend-increase-to-approve");
            browser.visible("#increase-requests form.approve-request button[type=submit]").click();
            browser.waitForText("#increase-requests", "No request is waiting");
            browser.waitForText("#spend-limits", "$3.00");
        }
        assertThat(verify(gateway, secret)).isEqualTo(200);
        try (Browser browser = new Browser()) {
            browser.open("");
            browser.devSignIn(developer.email(), "Spend Dev");
            browser.waitForText("main h1", "Spend Walk");
            browser.go("#/spend-limits");
            browser.waitForText("#my-spend", "approved: $3.00");
            browser.waitForText("#my-spend", "Within the limit");
            browser.assertClean("spend limits after approval");
            browser.assertAccessible("spend limits after approval");
        }
        assertThat(deniedEvents(admin, orgId)).isEmpty();
    }

    @Test
    void whenAnAdminRegistersAnIssuerAndARuleThenTheTestBoxSaysWhichRuleMatchesAndWhy() throws Exception {
        requireChromium();
        Person admin = devPerson("federation-admin");
        String orgId = Orgs.create(admin, "Federation Walk");
        String workspace = admin.request("POST", "/v1/organizations/workspaces").org(orgId).json("{\"name\":\"Deploys\"}").send().json().getString("id");
        String account = admin.request("POST", "/v1/organizations/service_accounts").org(orgId).json("{\"name\":\"deployer\"}").send().json().getString("id");
        assertThat(admin.request("POST", "/v1/organizations/workspaces/" + workspace + "/service_accounts").org(orgId)
                .json("{\"service_account_id\":\"" + account + "\",\"workspace_role\":\"workspace_developer\"}").send().status()).isEqualTo(200);
        var key = FederationIT.rsa();
        String issuerUrl = "https://ci.example/" + UUID.randomUUID();
        try (Browser browser = new Browser()) {
            browser.open("");
            browser.devSignIn(admin.email(), "Federation Admin");
            browser.waitForText("main h1", "Federation Walk");
            browser.visible("#nav-federation").click();
            browser.waitForText("main h1", "Workload federation");
            browser.visible("#issuer-name").sendKeys("Release CI");
            browser.visible("#issuer-url").sendKeys(issuerUrl);
            browser.select("#issuer-keys-source", "inline");
            browser.script("document.querySelector('#issuer-inline-keys').value = arguments[0]", "[" + FederationIT.jwk(key, "k1") + "]");
            browser.visible("#issuer-check-jti").click();
            browser.visible("#create-issuer button[type=submit]").click();
            browser.waitForText("#federation-issuers", "Release CI");

            browser.visible("#rule-name").sendKeys("main branch");
            browser.visible("#rule-account");
            browser.select("#rule-account", account);
            browser.visible("#rule-audience").sendKeys("access-console");
            browser.visible("#rule-subject-prefix").sendKeys("repo:acme/");
            browser.visible("#rule-condition").sendKeys("claims.run_attempt > 2");
            browser.select("#rule-workspace", workspace);
            browser.visible("#create-rule button[type=submit]").click();
            browser.waitForText("#federation-rules", "main branch");
            browser.shot("34-federation");

            // a token the rule takes, then one it does not: the reasons say which term failed
            long now = System.currentTimeMillis() / 1000;
            browser.script("document.querySelector('#test-token').value = arguments[0]", FederationIT.sign(key, "k1", FederationIT.claims(issuerUrl, now)));
            browser.visible("#test-token-form button[type=submit]").click();
            browser.waitForText("#test-result", "main branch: matches");
            browser.waitForText("#test-result", "subject repo:acme/payments:ref:refs/heads/main starts with repo:acme/");
            var wrong = FederationIT.claims(issuerUrl, now);
            wrong.put("aud", "someone-else");
            browser.script("document.querySelector('#test-token').value = arguments[0]", FederationIT.sign(key, "k1", wrong));
            browser.visible("#test-token-form button[type=submit]").click();
            browser.waitForText("#test-result", "main branch: does not match");
            browser.waitForText("#test-result", "does not name access-console");
            browser.shot("35-federation-test");
        }
        // what the test box showed is what the exchange does: the matching token is exchanged, nothing was used up by the test
        long now = System.currentTimeMillis() / 1000;
        assertThat(FederationIT.exchange(FederationIT.sign(key, "k1", FederationIT.claims(issuerUrl, now)), null).statusCode()).isEqualTo(200);
        assertThat(deniedEvents(admin, orgId)).isEmpty();
    }

    @Test
    void whenAnAdminAddsAnAuditStreamEndpointThenItsSecretIsShownOnceAndItsHealthFollowsTheReceiver() throws Exception {
        requireChromium();
        Person admin = devPerson("stream-admin");
        String orgId = Orgs.create(admin, "Stream Walk");
        try (WebhookReceiver receiver = new WebhookReceiver(); Browser browser = new Browser()) {
            browser.open("");
            browser.devSignIn(admin.email(), "Stream Admin");
            browser.waitForText("main h1", "Stream Walk");
            browser.visible("#nav-webhooks").click();
            browser.waitForText("main h1", "Audit stream");
            // an internal address is refused with the server's reason
            browser.visible("#webhook-url").sendKeys("https://169.254.169.254/latest/meta-data/");
            browser.visible("#create-webhook button[type=submit]").click();
            browser.waitForText("main", "metadata service");
            browser.expectRefusal(400);
            browser.visible("#webhook-url").clear();
            browser.visible("#webhook-name").sendKeys("SIEM");
            browser.visible("#webhook-url").sendKeys(receiver.url("/hook"));
            browser.visible("#create-webhook button[type=submit]").click();
            browser.waitForText("#webhook-created", "signing secret");
            String secret = browser.visible("#secret-value").getText();
            assertThat(secret).startsWith("whsec_");
            receiver.secret(secret);
            browser.waitForText("#webhook-endpoints", "SIEM");
            browser.shot("36-audit-stream-secret");
            // the endpoint's own creation is an audit event: it arrives, verified, and the page says so on reload
            Api.await(() -> !receiver.verified().isEmpty(), java.time.Duration.ofSeconds(30), "the first delivery");
            browser.visible("#nav-audit").click();
            browser.waitForText("main h1", "Audit log");
            browser.visible("#nav-webhooks").click();
            browser.waitForText("#webhook-endpoints", "healthy:");
            assertThat(browser.visible("main").getText()).doesNotContain(secret);
            browser.shot("37-audit-stream");
        }
    }

    private static int verify(String gateway, String secret) {
        return Api.request("POST", "/v1/gateway/api_keys/verify").bearer(gateway).json("{\"key\":\"" + secret + "\"}").send().status();
    }
}
