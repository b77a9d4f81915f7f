package dev.cumulus.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaFieldAccess;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Pins the module layering of docs/ARCHITECTURE.md (every dependency points down: core, then
 * channel, runtime and ps, then engine, then sim, then the command line) and the absence of cycles
 * between packages, over the main classes of every module this one sees; and that every Vector API
 * loop uses one float shape.
 */
class LayeringTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                // In a full build the modules below arrive as jars, so jars are read; not the engine's test jar.
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("dev.cumulus");
    }

    @Test
    void everyModuleIsImported() {
        for (String pkg : new String[] {"dev.cumulus.data", "dev.cumulus.channel", "dev.cumulus.runtime", "dev.cumulus.ps",
                "dev.cumulus.engine.run", "dev.cumulus.sim.gc", "dev.cumulus.cli"}) {
            org.assertj.core.api.Assertions.assertThat(classes.stream().anyMatch(c -> c.getPackageName().equals(pkg)))
                    .as("classes of %s imported", pkg).isTrue();
        }
    }

    @Test
    void modulesDependOnlyOnTheModulesBelowThem() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("core").definedBy("dev.cumulus.config..", "dev.cumulus.data..", "dev.cumulus.model..",
                        "dev.cumulus.optim..", "dev.cumulus.coding..", "dev.cumulus.io..", "dev.cumulus.concurrent..", "dev.cumulus.aggregate..",
                        "dev.cumulus.attack..")
                .layer("channel").definedBy("dev.cumulus.channel..")
                .layer("runtime").definedBy("dev.cumulus.runtime..")
                .layer("ps").definedBy("dev.cumulus.ps..")
                .layer("engine").definedBy("dev.cumulus.engine..")
                .layer("sim").definedBy("dev.cumulus.sim..")
                .layer("cli").definedBy("dev.cumulus.cli..")
                .whereLayer("cli").mayNotBeAccessedByAnyLayer()
                .whereLayer("sim").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("engine").mayOnlyBeAccessedByLayers("sim", "cli")
                .whereLayer("runtime").mayOnlyBeAccessedByLayers("engine", "sim", "cli")
                .whereLayer("channel").mayOnlyBeAccessedByLayers("engine", "sim", "cli")
                .whereLayer("ps").mayOnlyBeAccessedByLayers("engine", "sim", "cli")
                .check(classes);
    }

    /**
     * Two known cycles inside a module are tolerated, and only those: the channel factory
     * ({@code Channels}, {@code ChannelUris}) names the stores that implement {@code Channel},
     * with {@code Channel}'s own payload types in {@code channel.codec}; and the runtime's billing
     * meter reads the invocation results it prices. Every other package cycle fails this test.
     */
    @Test
    void noPackageCycles() {
        slices().matching("dev.cumulus.(**)").should().beFreeOfCycles()
                .ignoreDependency(resideInAnyPackage("dev.cumulus.channel"),
                        resideInAnyPackage("dev.cumulus.channel.*"))
                .ignoreDependency(resideInAnyPackage("dev.cumulus.runtime.billing"),
                        resideInAnyPackage("dev.cumulus.runtime"))
                .check(classes);
    }

    /**
     * Every float vector in Cumulus is 256 bits wide. A second shape in the same JVM (512-bit sums
     * in the channel's accumulator, on this AVX-512 machine) left C2 unable to bind the MLP
     * kernels' operations when it had run first: an epoch took 10 s of compute instead of 2.5 s.
     * The doubles that floats widen into may take the machine's preferred shape.
     */
    @Test
    void floatVectorsHaveOneShape() {
        String floatVector = "jdk.incubator.vector.FloatVector";
        noClasses().should().accessFieldWhere(new DescribedPredicate<JavaFieldAccess>("a FloatVector species other than SPECIES_256") {
            @Override
            public boolean test(JavaFieldAccess access) {
                return access.getTargetOwner().getFullName().equals(floatVector) && access.getName().startsWith("SPECIES_")
                        && !access.getName().equals("SPECIES_256");
            }
        }).orShould().callMethod("jdk.incubator.vector.VectorSpecies", "of", Class.class.getName(),
                "jdk.incubator.vector.VectorShape").check(classes);
    }
}
