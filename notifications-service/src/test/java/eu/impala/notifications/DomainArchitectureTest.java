package eu.impala.notifications;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The notification rules' types stay free of REST, messaging and persistence, so they are read on their own. */
class DomainArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("eu.impala.notifications");

    @Test
    void domainTypesDependOnNoInfrastructure() {
        noClasses().that().haveSimpleName("Preferences").or().haveSimpleName("Topic").or().haveSimpleName("Digest")
                .or().haveSimpleName("Channel").or().haveSimpleName("DeliveryStatus")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..", "jakarta.persistence..",
                        "io.vertx..", "org.apache.kafka..", "io.smallrye.reactive.messaging..", "org.hibernate..",
                        "io.quarkus..")
                .check(CLASSES);
    }
}
