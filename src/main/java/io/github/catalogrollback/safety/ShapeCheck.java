package io.github.catalogrollback.safety;

import io.github.catalogrollback.catalog.CatalogVersion;
import io.github.catalogrollback.safety.DriftCheck.Classification;
import io.github.catalogrollback.safety.DriftCheck.Finding;
import io.github.catalogrollback.safety.DriftCheck.ShapeClass;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The live catalog classified against the shape of its version and a path ({@link DriftCheck}), completed with what
 * only the live database knows: the objects anywhere in it that depend on what the path destroys
 * ({@link ForeignObjects}). What is Hasura's own among them (its views and keys, event-trigger functions and
 * their triggers) is left out; the rest is foreign and destroyed.
 */
public final class ShapeCheck {

    private ShapeCheck() {
    }

    /** Reads and classifies the catalog at {@code version}, for the path whose effects are given. */
    public static Classification classify(Connection c, CatalogVersion version, PathEffects effects) throws SQLException {
        CatalogShape live = CatalogShape.read(c);
        Classification classification = DriftCheck.classify(ExpectedShapes.require(version), live, version, effects);
        return withDependents(classification, ForeignObjects.dependents(c, effects.roots()));
    }

    /** Adds the dependents found in the database: as destroyed foreign objects, unless they are Hasura's own. */
    static Classification withDependents(Classification classification, List<ForeignObjects.Dependent> dependents) {
        Set<String> hasura = classification.hasura().stream().map(ShapeCheck::key).collect(Collectors.toSet());
        // A missing or different Hasura object is drift already, whatever depends on it.
        classification.drift().forEach(f -> hasura.add(key(f.item())));
        List<Finding> all = new ArrayList<>(classification.findings());
        Map<String, Integer> foreign = new LinkedHashMap<>();
        for (int i = 0; i < all.size(); i++) {
            Finding f = all.get(i);
            if (f.shapeClass() == ShapeClass.FOREIGN_KEPT || f.shapeClass() == ShapeClass.FOREIGN_DESTROYED) {
                foreign.put(key(f.item()), i);
                for (CatalogShape.Item part : f.parts()) {
                    foreign.putIfAbsent(key(part), i);
                }
            }
        }
        Map<String, Finding> added = new LinkedHashMap<>();
        for (ForeignObjects.Dependent d : dependents) {
            String key = key(d.item());
            if (hasura.contains(key.replaceFirst("^default ", "column ")) || isHasuras(classification.version(), d.item())) {
                continue;
            }
            Integer at = foreign.get(key);
            if (at != null) {
                Finding f = all.get(at);
                Set<String> steps = new LinkedHashSet<>(f.steps());
                steps.add(d.step());
                all.set(at, new Finding(ShapeClass.FOREIGN_DESTROYED, f.item(), List.copyOf(steps), f.detail(), f.parts()));
            } else {
                added.putIfAbsent(key, new Finding(ShapeClass.FOREIGN_DESTROYED, d.item(), List.of(d.step()),
                        "depends on what the step drops", List.of()));
            }
        }
        Set<String> destroyedRelations = new LinkedHashSet<>();
        for (Finding f : all) {
            if (f.shapeClass() == ShapeClass.FOREIGN_DESTROYED && DriftCheck.isRelation(f.item())) {
                destroyedRelations.add(f.item().owner());
            }
        }
        added.values().stream().filter(f -> DriftCheck.isRelation(f.item())).forEach(f -> destroyedRelations.add(f.item().owner()));
        for (Finding f : added.values()) {
            // What lives on a foreign relation that goes anyway (its indexes, keys, defaults, columns) goes with it.
            if (DriftCheck.isRelation(f.item()) || !destroyedRelations.contains(f.item().owner())) {
                all.add(f);
            }
        }
        return classification.withFindings(all);
    }

    /** What is wrong with the catalog after the path: {@code what} happened to {@code item}. */
    public record Problem(String what, CatalogShape.Item item) {
    }

    /**
     * The check before COMMIT: the catalog must have the target's shape (in any of its genuine variants), plus exactly
     * the foreign objects that were there before and that the path keeps, unchanged. Real drift that was there before
     * is carried through only with --ignore-drift ({@code ignoreDrift}). Grants on objects the path created come from
     * the operator's default privileges and are accepted.
     */
    public static List<Problem> afterPath(Classification before, Classification after, boolean ignoreDrift) {
        List<Problem> problems = new ArrayList<>();
        Set<String> driftBefore = before.drift().stream().map(f -> f.item() + " " + f.detail()).collect(Collectors.toSet());
        for (Finding f : after.drift()) {
            if (!(ignoreDrift && driftBefore.contains(f.item() + " " + f.detail()))) {
                problems.add(new Problem("the catalog does not have the shape of catalog " + after.version() + " (" + f.detail() + ")",
                        f.item()));
            }
        }
        Set<CatalogShape.Item> kept = before.foreignParts(ShapeClass.FOREIGN_KEPT);
        for (CatalogShape.Item item : kept) {
            if (!after.live().items().contains(item)) {
                problems.add(new Problem("an object Hasura never made did not come through unchanged", item));
            }
        }
        Set<String> ownersBefore = before.live().items().stream().map(CatalogShape.Item::owner).collect(Collectors.toSet());
        for (CatalogShape.Item item : after.foreignParts(ShapeClass.FOREIGN_KEPT, ShapeClass.FOREIGN_DESTROYED)) {
            if (!kept.contains(item) && !(item.kind().equals("grant") && !ownersBefore.contains(item.owner()))) {
                problems.add(new Problem("an object that is not Hasura's appeared", item));
            }
        }
        return problems;
    }

    /** Hasura's own objects outside what the shape can match: event-trigger functions and the triggers that call them. */
    private static boolean isHasuras(CatalogVersion version, CatalogShape.Item item) {
        return ShapeVariants.extraAt(version, item).isPresent();
    }

    private static String key(CatalogShape.Item item) {
        return item.kind() + " " + item.owner() + " " + item.name();
    }
}
