package io.github.catalogrollback.runner;

import io.github.catalogrollback.catalog.CatalogVersion;
import io.github.catalogrollback.safety.DriftCheck;
import java.util.List;

/**
 * The live catalog compared with the shape its version must have: every difference, classified (genuine variants,
 * foreign objects kept or destroyed by some path, missing or different objects). Only the last are drift.
 */
public record VerifyResult(String database, CatalogVersion version, List<DriftCheck.Finding> findings) {

    public VerifyResult {
        findings = List.copyOf(findings);
    }

    /** Real drift: missing or different objects. */
    public List<DriftCheck.Finding> drift() {
        return findings.stream().filter(f -> f.shapeClass() == DriftCheck.ShapeClass.MISSING_OR_DIFFERENT).toList();
    }
}
