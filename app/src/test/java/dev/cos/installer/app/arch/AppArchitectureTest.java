package dev.cos.installer.app.arch;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The app's layers, written once (docs/architecture.md): the shell starts a face; the faces (wizard,
 * tray, recovery) use the shared widgets, jobs and dialogs; those use the engine client; everything may
 * use the base (texts, themes, icons, the desktop-session commands). Arrows point down only.
 */
class AppArchitectureTest {

    private static final String APP = "dev.cos.installer.app";

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(APP);

    /** The root package's classes that start the app and pick its face; the rest of the root package is base. */
    private static final Set<String> SHELL = Set.of("InstallerApp", "Main", "AppOptions", "WizardShownHook");

    private static final DescribedPredicate<JavaClass> SHELL_CLASSES = describe("the shell (InstallerApp, Main, options)",
            c -> c.getPackageName().equals(APP) && SHELL.contains(c.getSimpleName().replaceAll("\\$.*", "")));

    private static final DescribedPredicate<JavaClass> BASE_CLASSES = describe("the base (texts, themes, icons, host facts, session)",
            c -> (c.getPackageName().equals(APP) && !SHELL.contains(c.getSimpleName().replaceAll("\\$.*", "")))
                    || c.getPackageName().startsWith(APP + ".session") || c.getPackageName().startsWith(APP + ".host"));

    @Test
    void noPackageCycles() {
        slices().matching(APP + ".(**)").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void layersPointDownOnly() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .ensureAllClassesAreContainedInArchitecture()  // a new package must be placed in a layer
                .layer("Shell").definedBy(SHELL_CLASSES)
                .layer("Faces").definedBy(APP + ".wizard..", APP + ".tray..", APP + ".recovery..")
                .layer("Shared").definedBy(APP + ".widgets..", APP + ".jobs..", APP + ".dialogs..", APP + ".fx..")
                .layer("Engine client").definedBy(APP + ".engine..")
                .layer("Base").definedBy(BASE_CLASSES)
                .whereLayer("Shell").mayNotBeAccessedByAnyLayer()
                .whereLayer("Faces").mayOnlyBeAccessedByLayers("Shell")
                .whereLayer("Shared").mayOnlyBeAccessedByLayers("Shell", "Faces")
                .whereLayer("Engine client").mayOnlyBeAccessedByLayers("Shell", "Faces", "Shared")
                .check(MAIN);
    }

    @Test
    void facesDoNotUseEachOther() {
        slices().matching(APP + ".(wizard|tray|recovery)..").namingSlices("$1").should().notDependOnEachOther().check(MAIN);
    }

    @Test
    void onlyTheSessionCommandsAndTheEngineLauncherStartProcesses() {
        noClasses().that().resideOutsideOfPackages(APP + ".session..", APP + ".engine..")
                .should().dependOnClassesThat().areAssignableTo(ProcessBuilder.class)
                .orShould().dependOnClassesThat().areAssignableTo(Runtime.class)
                .check(MAIN);
    }

    @Test
    void viewModelsNeedNoStage() {
        noClasses().that().haveSimpleNameEndingWith("ViewModel")
                .should().dependOnClassesThat().resideInAnyPackage("javafx.stage..", "javafx.scene..")
                .check(MAIN);
    }
}
