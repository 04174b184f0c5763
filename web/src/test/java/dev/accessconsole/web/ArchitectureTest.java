package dev.accessconsole.web;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The house, kept by test (the developers' guide, "Architecture"): authz is a library that knows neither the product's
 * domain nor its web layer, and whose api (what a team with only the jar uses) reaches neither its implementation nor
 * its policy; the web layer reaches authz through its api only, the domain through its api and its SPI; the domain's
 * model knows no infrastructure; nothing outside authz decides access with the policy's tables. The product's classes
 * as compiled (the web module's test class path holds all three modules).
 */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.accessconsole");
    }

    @Test
    void authzKnowsNeitherTheDomainNorTheWebLayer() {
        rule(noClasses().that().resideInAPackage("dev.accessconsole.authz..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.accessconsole.domain..", "dev.accessconsole.web.."));
    }

    @Test
    void authzsApiReachesNeitherItsImplementationNorItsPolicy() {
        rule(noClasses().that().resideInAPackage("dev.accessconsole.authz.api..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.accessconsole.authz.impl..", "dev.accessconsole.authz.policy..",
                        "dev.accessconsole.authz.spi.."));
    }

    @Test
    void authzsApiHoldsNoTransportType() {
        rule(noClasses().that().resideInAPackage("dev.accessconsole.authz.api..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.servlet..", "jakarta.ws.rs..", "org.eclipse.microprofile.jwt..",
                        "org.jboss..", "io.smallrye.."));
    }

    @Test
    void theWebLayerReachesAuthzThroughItsApiOnly() {
        rule(noClasses().that().resideInAPackage("dev.accessconsole.web..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.accessconsole.authz.impl..", "dev.accessconsole.authz.policy..",
                        "dev.accessconsole.authz.spi.."));
    }

    @Test
    void theDomainAsksTheDecisionServiceNotThePolicy() {
        rule(noClasses().that().resideInAPackage("dev.accessconsole.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.accessconsole.authz.impl..", "dev.accessconsole.authz.policy.."));
    }

    @Test
    void theDomainsModelKnowsNoInfrastructure() {
        rule(noClasses().that().resideInAPackage("dev.accessconsole.domain.model..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.accessconsole.domain.infrastructure..", "dev.accessconsole.domain.application..",
                        "dev.accessconsole.web.."));
    }

    private static void rule(ArchRule rule) {
        rule.check(classes);
    }
}
