package io.github.catalogrollback.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.catalogrollback.catalog.CatalogVersion;
import io.github.catalogrollback.catalog.ChangelogIndex;
import io.github.catalogrollback.support.FreshShapes;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shipped shapes/catalog-N.shape files (what the runner checks a catalog against before it commits) are
 * exactly the shape of a catalog built fresh at N by the changelogs. This test only compares; after a changelog
 * change, {@code scripts/update-shapes} rewrites the files ({@link FreshShapes#main}) for review.
 */
class ExpectedShapesTest {

    private static final ChangelogIndex INDEX = ChangelogIndex.load();

    static Stream<Integer> versions() {
        return INDEX.versions().stream().map(CatalogVersion::number);
    }

    @ParameterizedTest(name = "catalog {0}")
    @MethodSource("versions")
    void shippedShapeIsTheShapeOfAFreshCatalog(int number) {
        CatalogVersion version = CatalogVersion.of(number);
        CatalogShape fresh = FreshShapes.build(INDEX, version);
        CatalogShape shipped = ExpectedShapes.of(version).orElseThrow(() -> new AssertionError(
                ExpectedShapes.resource(version) + " is missing: run scripts/update-shapes"));
        assertEquals(List.of(), fresh.minus(shipped), "in the fresh catalog " + number + " but not in the shipped shape"
                + " (run scripts/update-shapes after changing a changelog)");
        assertEquals(List.of(), shipped.minus(fresh), "in the shipped shape but not in the fresh catalog " + number);
    }
}
