package dev.cos.installer.arch;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The rules of house-style.md that keep installer-core a library any client can use. */
class ArchitectureTest {

    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.cos.installer");

    @Test
    void coreKnowsNothingOfJavaFx() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..").check(CORE);
    }

    @Test
    void onlyTheProcessSeamStartsProcesses() {
        noClasses().that().resideOutsideOfPackage("dev.cos.installer.process..")
                .should().dependOnClassesThat().areAssignableTo(ProcessBuilder.class)
                .orShould().callMethodWhere(target(owner(assignableTo(Runtime.class))).and(target(name("exec"))))
                .check(CORE);
    }

    @Test
    void onlyTheProcessSeamCallsNativeCode() {
        noClasses().that().resideOutsideOfPackage("dev.cos.installer.process..")
                .should().dependOnClassesThat().resideInAnyPackage("com.sun.jna..")
                .check(CORE);
    }

    @Test
    void engineDoesNotDependOnTheCli() {
        noClasses().that().resideOutsideOfPackage("dev.cos.installer.cli..")
                .should().dependOnClassesThat().resideInAPackage("dev.cos.installer.cli..")
                .check(CORE);
    }
}
