package eu.impala.membership;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The domain rules stay free of REST, messaging and persistence, so they are tested and read on their own. */
class DomainArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("eu.impala.membership");

    @Test
    void domainTypesDependOnNoInfrastructure() {
        noClasses().that().haveSimpleNameStartingWith("MembershipStatus")
                .or().haveSimpleName("SizeClass").or().haveSimpleName("MemberKind")
                .or().haveSimpleName("MembershipCategory").or().haveSimpleName("MemberProfile")
                .or().haveSimpleName("ContactData").or().haveSimpleName("Consent").or().haveSimpleName("ContactRole")
                .or().haveSimpleName("SyncPlan").or().haveSimpleName("SyncBatch").or().haveSimpleName("SyncOutcome")
                .or().haveSimpleName("SyncReferences").or().haveSimpleName("ProfileFields")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..", "jakarta.persistence..",
                        "io.vertx..", "org.apache.kafka..", "io.smallrye.reactive.messaging..", "org.hibernate..",
                        "io.quarkus..")
                .check(CLASSES);
    }
}
