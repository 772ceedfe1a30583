package io.github.catalogrollback.safety;

import io.github.catalogrollback.catalog.CatalogVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * The shape a catalog must have at each version: {@code shapes/catalog-N.shape}, read off a catalog built
 * fresh at N by this tool's own changelogs. A test rebuilds every version and fails when a file is stale
 * ({@code scripts/update-shapes} rewrites them).
 */
public final class ExpectedShapes {

    private ExpectedShapes() {
    }

    public static String resource(CatalogVersion version) {
        return "shapes/catalog-" + version + ".shape";
    }

    /** The shape of a version this build has changelogs for; a missing file is a broken build. */
    public static CatalogShape require(CatalogVersion version) {
        return of(version).orElseThrow(() -> new IllegalStateException(
                "this build has no expected shape for catalog " + version + " (" + resource(version) + ")"));
    }

    public static Optional<CatalogShape> of(CatalogVersion version) {
        try (InputStream in = ExpectedShapes.class.getClassLoader().getResourceAsStream(resource(version))) {
            return in == null ? Optional.empty() : Optional.of(CatalogShape.parse(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
