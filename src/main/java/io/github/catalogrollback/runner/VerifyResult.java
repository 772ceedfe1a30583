package io.github.catalogrollback.runner;

import io.github.catalogrollback.catalog.CatalogVersion;
import io.github.catalogrollback.safety.DriftCheck;
import java.util.List;

/** The live catalog compared with the shape its version must have; no findings means no drift. */
public record VerifyResult(String database, CatalogVersion version, List<DriftCheck.Finding> findings) {

    public VerifyResult {
        findings = List.copyOf(findings);
    }
}
