package info.zemus.messaging;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Dependencies between the feature packages point one way (docs/ARCHITECTURE.md draws them): a class that
 * brings a cycle back fails here, with the classes that close it.
 */
class PackageDirectionTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("info.zemus.messaging");

    @Test
    void thePackagesHaveNoCycle() {
        slices().matching("info.zemus.messaging.(*)..").should().beFreeOfCycles().check(MAIN);
    }
}
