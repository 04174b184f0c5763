package dev.accessconsole.domain.application;

import dev.accessconsole.authz.api.OrgRole;
import dev.accessconsole.domain.model.DomainException;
import dev.accessconsole.domain.model.ErrorCode;
import dev.accessconsole.domain.model.Organization;
import dev.accessconsole.domain.model.OrganizationMember;
import dev.accessconsole.domain.model.RbacGroup;
import dev.accessconsole.domain.model.RbacGroupMember;
import dev.accessconsole.domain.model.UserAccount;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The last-admin rule without a container: an organization keeps at least one active member holding admin, directly or
 * through a group. The rule is two queries, so it is tested on the real mappings and migrations (in-memory H2, Flyway,
 * Hibernate resource-local) rather than restated in a fake.
 */
class LastAdminTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    private static EntityManagerFactory factory;
    private EntityManager em;
    private MemberRoles rule;
    private Organization org;
    private Organization other;

    @BeforeAll
    static void database() {
        String url = "jdbc:h2:mem:last-admin-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        Flyway.configure(LastAdminTest.class.getClassLoader()).dataSource(url, "sa", "").locations("classpath:db/migration").load().migrate();
        factory = Persistence.createEntityManagerFactory("domain-rules", Map.of(
                "jakarta.persistence.jdbc.url", url, "jakarta.persistence.jdbc.user", "sa", "jakarta.persistence.jdbc.password", ""));
    }

    @AfterAll
    static void close() {
        factory.close();
    }

    @BeforeEach
    void organization() {
        em = factory.createEntityManager();
        em.getTransaction().begin();
        rule = new MemberRoles();
        rule.em = em;
        org = new Organization("Acme", "billing@acme.test", NOW);
        em.persist(org);
        // another organization's admin never keeps this one's rule satisfied
        other = new Organization("Other", "billing@other.test", NOW);
        em.persist(other);
        member(other, "other-admin", OrgRole.ADMIN);
        RbacGroup othersAdmins = group(other, "Admins", OrgRole.ADMIN);
        inGroup(othersAdmins, member(other, "other-user", OrgRole.USER));
    }

    @AfterEach
    void rollBack() {
        em.getTransaction().rollback();
        em.close();
    }

    @Test
    void whenAnActiveMemberHoldsAdminDirectlyThenTheOrganizationKeepsAnAdmin() {
        member(org, "ada", OrgRole.ADMIN);
        member(org, "bob", OrgRole.DEVELOPER);

        assertThatCode(() -> rule.requireAdminHolder(org.id(), ErrorCode.LAST_ADMIN)).doesNotThrowAnyException();
    }

    @Test
    void whenNoMemberHoldsAdminThenTheChangeIsRefusedWithTheCallersCode() {
        member(org, "bob", OrgRole.DEVELOPER);
        member(org, "cy", OrgRole.BILLING);

        assertRefused(ErrorCode.LAST_ADMIN);
        assertRefused(ErrorCode.CANNOT_REMOVE_LAST_MEMBER);
    }

    @Test
    void whenTheOnlyDirectAdminIsSuspendedThenTheyDoNotCount() {
        member(org, "ada", OrgRole.ADMIN).suspend(NOW);
        member(org, "bob", OrgRole.DEVELOPER);

        assertRefused(ErrorCode.LAST_ADMIN);
    }

    @Test
    void whenAnActiveMemberHoldsAdminThroughAGroupThenTheOrganizationKeepsAnAdmin() {
        OrganizationMember bob = member(org, "bob", OrgRole.USER);
        inGroup(group(org, "Platform admins", OrgRole.ADMIN), bob);

        assertThatCode(() -> rule.requireAdminHolder(org.id(), ErrorCode.LAST_ADMIN)).doesNotThrowAnyException();
    }

    @Test
    void whenTheGroupGivingAdminHasOnlySuspendedMembersThenNobodyHoldsIt() {
        OrganizationMember bob = member(org, "bob", OrgRole.USER);
        inGroup(group(org, "Platform admins", OrgRole.ADMIN), bob);
        bob.suspend(NOW);

        assertRefused(ErrorCode.LAST_ADMIN);
    }

    @Test
    void whenAGroupGivesOtherRolesOnlyThenItsMembersDoNotHoldAdmin() {
        OrganizationMember bob = member(org, "bob", OrgRole.USER);
        inGroup(group(org, "Developers", OrgRole.DEVELOPER, OrgRole.BILLING), bob);

        assertRefused(ErrorCode.LAST_ADMIN);
    }

    @Test
    void whenTheAdminGroupHasNoMembersThenNobodyHoldsAdmin() {
        member(org, "bob", OrgRole.USER);
        group(org, "Platform admins", OrgRole.ADMIN);

        assertRefused(ErrorCode.LAST_ADMIN);
    }

    @Test
    void whenAPersonHoldsAdminThroughAnotherOrganizationsGroupThenTheyDoNotHoldItHere() {
        OrganizationMember bob = member(org, "bob", OrgRole.USER);
        em.persist(new OrganizationMember(other, bob.user(), OrgRole.USER, NOW));
        inGroup(group(other, "Other admins", OrgRole.ADMIN), bob);

        assertRefused(ErrorCode.LAST_ADMIN);
    }

    @Test
    void whenTheLastAdminIsDemotedInThisTransactionThenTheRuleSeesTheChange() {
        OrganizationMember ada = member(org, "ada", OrgRole.ADMIN);
        em.flush();
        ada.changeRole(OrgRole.DEVELOPER);

        assertRefused(ErrorCode.LAST_ADMIN);
    }

    private void assertRefused(ErrorCode code) {
        DomainException refused = catchThrowableOfType(DomainException.class, () -> rule.requireAdminHolder(org.id(), code));
        assertThat(refused).as("refused with %s", code).isNotNull();
        assertThat(refused.errorCode()).isEqualTo(code);
        assertThat(refused.getMessage()).contains("at least one");
    }

    private OrganizationMember member(Organization organization, String name, OrgRole role) {
        UserAccount user = new UserAccount("https://idp.test", name + "-" + UUID.randomUUID(), name + "@" + organization.name().toLowerCase() + ".test", name, NOW);
        em.persist(user);
        OrganizationMember member = new OrganizationMember(organization, user, role, NOW);
        em.persist(member);
        return member;
    }

    private RbacGroup group(Organization organization, String name, OrgRole... roles) {
        RbacGroup group = new RbacGroup(organization.id(), name, RbacGroup.Source.DIRECT, null, NOW);
        group.roleIds(List.of(roles).stream().map(OrgRole::roleId).toList(), NOW);
        em.persist(group);
        return group;
    }

    private void inGroup(RbacGroup group, OrganizationMember member) {
        em.persist(new RbacGroupMember(group, member.user(), NOW));
    }
}
