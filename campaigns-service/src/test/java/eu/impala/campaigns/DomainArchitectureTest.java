package eu.impala.campaigns;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The campaign rules stay free of REST, messaging and persistence, so they are tested and read on their own. */
class DomainArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("eu.impala.campaigns");

    @Test
    void domainTypesDependOnNoInfrastructure() {
        noClasses().that().haveSimpleName("Campaign").or().haveSimpleName("CampaignStatus")
                .or().haveSimpleName("Eligibility").or().haveSimpleName("CampaignContent")
                .or().haveSimpleName("Translation").or().haveSimpleName("MemberSnapshot")
                .or().haveSimpleName("Counters")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..", "jakarta.persistence..",
                        "io.vertx..", "org.apache.kafka..", "io.smallrye.reactive.messaging..", "org.hibernate..",
                        "io.quarkus..")
                .check(CLASSES);
    }
}
