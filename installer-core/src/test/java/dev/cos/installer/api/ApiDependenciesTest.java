package dev.cos.installer.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.fasterxml.jackson.databind.PropertyNamingStrategy;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The contract is shared by the CLI and the GUI: its records depend on nothing of the engine (and
 * nothing of JavaFX), only on the JDK and Jackson, so either side can read it without the other.
 */
class ApiDependenciesTest {

    @Test
    void theApiDependsOnlyOnTheJdkAndJackson() {
        JavaClasses api = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.cos.installer.api");
        classes().should().onlyDependOnClassesThat().resideInAnyPackage("dev.cos.installer.api..", "java..",
                "com.fasterxml.jackson..").check(api);
    }

    @Test
    void oneNamingStrategyForEveryAnswerAndEvent() {
        JavaClasses api = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.cos.installer.api");
        noClasses().should().beAnnotatedWith(JsonNaming.class)
                .orShould().dependOnClassesThat().areAssignableTo(PropertyNamingStrategy.class)
                .because("field names are the records' component names, camelCase, in every answer and event (Json)")
                .check(api);
    }
}
