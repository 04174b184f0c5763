package dev.accessconsole.it;

import dev.accessconsole.it.Api.Person;
import dev.accessconsole.it.Api.Response;
import dev.accessconsole.it.probe.MemberReport;
import dev.accessconsole.it.probe.ProbeApplication;
import dev.accessconsole.it.probe.ProbeResource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reuse: a module that is not the web module (here a test WAR added to the real EAR, with its protected bean in a jar
 * of its own) gets the same enforcement from {@code @RequiresPermission}, with none of the web module's code in the
 * path: the same lookup, the same 401/404/403 outcomes.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ReuseIT {

    @Deployment(testable = false)
    static EnterpriseArchive earWithAnotherModule() {
        JavaArchive reportModule = ShrinkWrap.create(JavaArchive.class, "member-report.jar")
                .addClass(MemberReport.class)
                .addAsManifestResource(EmptyAsset.INSTANCE, "beans.xml");
        WebArchive probe = ShrinkWrap.create(WebArchive.class, "probe.war")
                .addClasses(ProbeApplication.class, ProbeResource.class)
                .addAsLibrary(reportModule)
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml")
                .addAsWebInfResource(new StringAsset("<jboss-web><context-root>/probe</context-root></jboss-web>"), "jboss-web.xml");
        return Deployments.realEar().addAsModule(probe);
    }

    @Test
    void aBeanOutsideTheWebModuleIsEnforcedTheSameWay() {
        Person admin = Api.newPerson("reuse-admin");
        String orgId = Orgs.create(admin, "Reuse");
        Person user = Orgs.join(orgId, admin, "user", "reuse-user");
        Person developer = Orgs.join(orgId, admin, "developer", "reuse-dev");
        Person stranger = Api.newPerson("stranger");

        Response allowed = admin.request("GET", "/probe/report").org(orgId).send();
        assertThat(allowed.status()).isEqualTo(200);
        assertThat(allowed.body()).isEqualTo(orgId);

        Response refused = user.request("GET", "/probe/report").org(orgId).send();
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).isEqualTo("members:manage");

        assertThat(Api.request("GET", "/probe/report").send().status()).isEqualTo(401);
        // without a transport filter the organization comes from the token's org_id claim (or the caller's only one)
        assertThat(Api.request("GET", "/probe/report").bearer(DevTokens.forUserInOrganization(Api.devKey(), stranger.subject(), stranger.email(), orgId)).send().status())
                .isEqualTo(404);

        // a workspace-level permission, decided in the workspace named by the @WorkspaceId parameter
        assertThat(developer.request("GET", "/probe/report/keys").org(orgId).send().status()).isEqualTo(200);
        assertThat(user.request("GET", "/probe/report/keys").org(orgId).send().status()).isEqualTo(403);
        assertThat(developer.request("GET", "/probe/report/keys?workspace_id=wrkspc_unknown").org(orgId).send().status()).isEqualTo(404);
    }
}
