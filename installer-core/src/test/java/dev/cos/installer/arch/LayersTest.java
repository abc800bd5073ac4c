package dev.cos.installer.arch;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The layer order of installer-core (cli -> verb services (the wiring and one facade per verb) -> verbs ->
 * shared services -> base), written once (docs/architecture.md draws it): a package may use its
 * own layer and the layers below it, never one above, and no two packages use each other.
 */
class LayersTest {

    private static final String ROOT = "dev.cos.installer.";

    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.cos.installer");

    @Test
    void layersAreUsedTopDownOnly() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .ensureAllClassesAreContainedInArchitecture()  // a new package must be placed in a layer
                .layer("cli").definedBy(packages("cli"))
                .layer("verb services").definedBy(packages("service"))
                .layer("verbs").definedBy(packages("install", "upgrade", "reset", "rollback", "bootentry", "repair"))
                .layer("shared services").definedBy(packages("status", "history", "source", "installed", "boot", "disk",
                        "layout", "images", "state", "config", "access", "tools", "job", "spec"))
                .layer("base").definedBy(packages("model", "error", "util", "process", "log", "words", "api"))
                .whereLayer("cli").mayNotBeAccessedByAnyLayer()
                .whereLayer("verb services").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("verbs").mayOnlyBeAccessedByLayers("cli", "verb services")
                .whereLayer("shared services").mayOnlyBeAccessedByLayers("cli", "verb services", "verbs")
                .check(CORE);
    }

    @Test
    void noPackageCycles() {
        slices().matching(ROOT + "(*)..").should().beFreeOfCycles().check(CORE);
    }

    private static String[] packages(String... names) {
        String[] result = new String[names.length];
        for (int i = 0; i < names.length; i++) {
            result[i] = ROOT + names[i] + "..";
        }
        return result;
    }
}
