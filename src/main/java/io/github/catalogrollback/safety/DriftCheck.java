package io.github.catalogrollback.safety;

import io.github.catalogrollback.catalog.CatalogVersion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Compares a live catalog with the shape its version must have and sorts every difference into a class
 * ({@link ShapeClass}). Items are compared by definition: names of constraints, indexes and triggers, column
 * order and body text may differ (genuine catalogs differ in them), and calls that mean the same to Hasura are
 * compared by what they call ({@link ShapeVariants#CALLS}). What the path destroys comes from {@link PathEffects};
 * objects that merely depend on what it destroys are found in the live database by {@link ShapeCheck}.
 */
public final class DriftCheck {

    /** The classes of a difference between a live catalog and the shape of its version. */
    public enum ShapeClass {
        /** One of the shapes Hasura itself leaves (facts §8, §9): accepted, and every step works on it. */
        GENUINE_VARIANT("genuine variant", "genuine variant", "genuine variants"),
        /** Something Hasura never made, on an object every step of the path keeps: carried through unchanged. */
        FOREIGN_KEPT("foreign, kept", "foreign object kept", "foreign objects kept"),
        /** Something Hasura never made that a step would destroy: refused unless --drop-foreign-objects. */
        FOREIGN_DESTROYED("foreign, destroyed", "foreign object destroyed", "foreign objects destroyed"),
        /** A missing or different Hasura object, or an object in the way of one a step creates: real drift. */
        MISSING_OR_DIFFERENT("missing or different", "missing or different object", "missing or different objects");

        private final String label;
        private final String one;
        private final String many;

        ShapeClass(String label, String one, String many) {
            this.label = label;
            this.one = one;
            this.many = many;
        }

        public String label() {
            return label;
        }

        /** "1 foreign object kept", "3 genuine variants". */
        public String count(long n) {
            return n + " " + (n == 1 ? one : many);
        }

        /** "genuine-variant", for JSON. */
        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * One difference. {@code item} is the object (for a missing or different one, the expected item; for a foreign
     * table or view, the relation itself); {@code steps} the steps that destroy it (FOREIGN_DESTROYED), create what
     * it is in the way of, or need it; {@code detail} says what it is; {@code parts} are all the live items of a
     * foreign object (columns, indexes, bodies …), what the check before COMMIT requires unchanged.
     */
    public record Finding(ShapeClass shapeClass, CatalogShape.Item item, List<String> steps, String detail, List<CatalogShape.Item> parts) {

        public Finding {
            steps = List.copyOf(steps);
            parts = List.copyOf(parts);
        }

        /** The object in words: "column hdb_catalog.hdb_table configuration: jsonb". */
        public String object() {
            return item.toString();
        }

        @Override
        public String toString() {
            String where = steps.isEmpty() ? "" : switch (shapeClass) {
                case FOREIGN_DESTROYED -> "; destroyed by " + String.join(", ", steps);
                case MISSING_OR_DIFFERENT -> "; step " + String.join(", ", steps);
                default -> "";
            };
            return shapeClass.label() + ": " + object() + (detail.isEmpty() ? "" : " — " + detail) + where;
        }
    }

    /**
     * Every finding, plus the live items that are Hasura's own (matched with the shape, or a genuine variant) and the
     * live shape that was classified.
     */
    public record Classification(CatalogVersion version, List<Finding> findings, Set<CatalogShape.Item> hasura, CatalogShape live) {

        public Classification {
            findings = List.copyOf(findings);
            hasura = Set.copyOf(hasura);
        }

        /** Nothing was there: what an empty database gives (init). */
        public static Classification empty(CatalogVersion version) {
            return new Classification(version, List.of(), Set.of(), new CatalogShape(new java.util.TreeSet<>()));
        }

        /** Every live item of the foreign objects of the given classes. */
        public Set<CatalogShape.Item> foreignParts(ShapeClass... classes) {
            List<ShapeClass> wanted = List.of(classes);
            return findings.stream().filter(f -> wanted.contains(f.shapeClass())).flatMap(f -> f.parts().stream())
                    .collect(Collectors.toCollection(java.util.TreeSet::new));
        }

        public List<Finding> of(ShapeClass shapeClass) {
            return findings.stream().filter(f -> f.shapeClass() == shapeClass).toList();
        }

        /** Real drift: missing or different objects. Variants and foreign objects are not drift. */
        public List<Finding> drift() {
            return of(ShapeClass.MISSING_OR_DIFFERENT);
        }

        /** Everything but the genuine variants: what a catalog built by this tool never has. */
        public List<Finding> beyondVariants() {
            return findings.stream().filter(f -> f.shapeClass() != ShapeClass.GENUINE_VARIANT).toList();
        }

        public Classification withFindings(List<Finding> replaced) {
            return new Classification(version, replaced, hasura, live);
        }
    }

    private DriftCheck() {
    }

    /** Everything that differs and is not a genuine variant, with no path: what a catalog built by this tool never has. */
    public static List<Finding> compare(CatalogShape expected, CatalogShape live, CatalogVersion version) {
        return classify(expected, live, version, PathEffects.none()).beyondVariants();
    }

    /** Sorts every difference between the live catalog and the expected shape of its version. */
    public static Classification classify(CatalogShape expected, CatalogShape live, CatalogVersion version, PathEffects effects) {
        List<Finding> findings = new ArrayList<>();
        Set<CatalogShape.Item> hasura = new LinkedHashSet<>();
        Map<String, List<CatalogShape.Item>> liveByKey = new LinkedHashMap<>();
        Map<String, List<CatalogShape.Item>> liveByCanonicalKey = new LinkedHashMap<>();
        List<CatalogShape.Item> left = new ArrayList<>();
        for (CatalogShape.Item item : live.items()) {
            if (!item.isBody()) {
                liveByKey.computeIfAbsent(item.definitionKey(), k -> new ArrayList<>()).add(item);
                liveByCanonicalKey.computeIfAbsent(canonicalKey(item), k -> new ArrayList<>()).add(item);
                left.add(item);
            }
        }
        for (CatalogShape.Item wanted : expected.items()) {
            if (wanted.isBody()) {
                continue;
            }
            Optional<CatalogShape.Item> same = take(liveByKey.get(wanted.definitionKey()), wanted, left);
            if (same.isPresent()) {
                hasura.add(same.get());
                continue;
            }
            Optional<CatalogShape.Item> equivalent = take(liveByCanonicalKey.get(canonicalKey(wanted)), wanted, left);
            if (equivalent.isPresent()) {
                hasura.add(equivalent.get());
                findings.add(new Finding(ShapeClass.GENUINE_VARIANT, equivalent.get(), List.of(), ShapeVariants.callThatEquates(
                        wanted.definition(), equivalent.get().definition()).map(ShapeVariants.Call::description).orElse("equivalent"), List.of()));
                continue;
            }
            Optional<CatalogShape.Item> sameObject = left.stream().filter(i -> sameIdentity(i, wanted)).findFirst();
            if (sameObject.isPresent()) {
                CatalogShape.Item found = sameObject.get();
                left.remove(found);
                Optional<ShapeVariants.Variant> variant = ShapeVariants.alternativeAt(version, wanted, found);
                if (variant.isPresent()) {
                    hasura.add(found);
                    findings.add(new Finding(ShapeClass.GENUINE_VARIANT, found, List.of(), variant.get().description(), List.of()));
                } else {
                    findings.add(new Finding(ShapeClass.MISSING_OR_DIFFERENT, wanted, effects.needing(wanted), "different: the catalog has "
                            + (found.definition().isEmpty() ? "another one" : found.definition()), List.of()));
                }
                continue;
            }
            Optional<ShapeVariants.Variant> absent = ShapeVariants.absentAt(version, wanted);
            findings.add(absent.isPresent()
                    ? new Finding(ShapeClass.GENUINE_VARIANT, wanted, List.of(), "missing: " + absent.get().description(), List.of())
                    : new Finding(ShapeClass.MISSING_OR_DIFFERENT, wanted, effects.needing(wanted), "missing", List.of()));
        }
        Set<String> views = live.items().stream().filter(i -> i.kind().equals("view") || i.kind().equals("matview"))
                .map(CatalogShape.Item::owner).collect(Collectors.toSet());
        Set<String> foreignRelations = new LinkedHashSet<>();
        List<CatalogShape.Item> foreign = new ArrayList<>();
        Map<CatalogShape.Item, ShapeVariants.Variant> extras = new LinkedHashMap<>();
        for (CatalogShape.Item item : left) {
            Optional<ShapeVariants.Variant> variant = ShapeVariants.extraAt(version, item);
            if (variant.isPresent()) {
                hasura.add(item);
                extras.put(item, variant.get());
                continue;
            }
            Optional<String> creator = effects.creating(item);
            if (creator.isPresent()) {
                findings.add(new Finding(ShapeClass.MISSING_OR_DIFFERENT, item, List.of(creator.get()),
                        "in the way: a step creates an object of this name", List.of()));
                continue;
            }
            foreign.add(item);
            if (isRelation(item)) {
                foreignRelations.add(item.owner());
            }
        }
        Set<String> extraRelations = extras.keySet().stream().filter(DriftCheck::isRelation).map(CatalogShape.Item::owner)
                .collect(Collectors.toSet());
        extras.forEach((item, variant) -> {
            if (isRelation(item) || !extraRelations.contains(item.owner())) {
                findings.add(new Finding(ShapeClass.GENUINE_VARIANT, item, List.of(), variant.description(), isRelation(item)
                        ? extras.keySet().stream().filter(i -> i.owner().equals(item.owner())).toList() : List.of(item)));
            }
        });
        for (CatalogShape.Item item : foreign) {
            if (!isRelation(item) && foreignRelations.contains(item.owner()) || foreignRelations.contains(ownedBy(item))) {
                continue;
            }
            List<CatalogShape.Item> parts = live.items().stream().filter(i -> isRelation(item)
                    ? i.owner().equals(item.owner()) || item.owner().equals(ownedBy(i))
                    : i.equals(item) || item.kind().equals("function") && i.kind().equals("function-body")
                    && i.owner().equals(item.owner()) && i.name().equals(item.name())).toList();
            List<String> destroying = effects.destroying(item, views);
            String origin = ShapeVariants.origin(item).orElse("");
            findings.add(new Finding(destroying.isEmpty() ? ShapeClass.FOREIGN_KEPT : ShapeClass.FOREIGN_DESTROYED, item, destroying,
                    origin, parts));
        }
        return new Classification(version, findings, hasura, live);
    }

    /** Takes the live item for {@code wanted} out of the candidates: the one of the same name if there is one. */
    private static Optional<CatalogShape.Item> take(List<CatalogShape.Item> candidates, CatalogShape.Item wanted, List<CatalogShape.Item> left) {
        if (candidates == null) {
            return Optional.empty();
        }
        Optional<CatalogShape.Item> pick = candidates.stream().filter(left::contains).filter(i -> i.name().equals(wanted.name())).findFirst()
                .or(() -> candidates.stream().filter(left::contains).findFirst());
        pick.ifPresent(left::remove);
        return pick;
    }

    private static String canonicalKey(CatalogShape.Item item) {
        return new CatalogShape.Item(item.kind(), item.owner(), item.name(), ShapeVariants.canonical(item.definition())).definitionKey();
    }

    /** The same object with another definition: a column, function, relation or schema of the same name. */
    private static boolean sameIdentity(CatalogShape.Item a, CatalogShape.Item b) {
        return a.kind().equals(b.kind()) && a.owner().equals(b.owner()) && a.name().equals(b.name())
                && List.of("column", "function", "table", "view", "matview", "sequence", "schema").contains(a.kind());
    }

    /** The table a sequence belongs to (serial columns), or "". */
    private static String ownedBy(CatalogShape.Item item) {
        if (!item.kind().equals("sequence") || !item.definition().startsWith("owned by ")) {
            return "";
        }
        String column = item.definition().substring("owned by ".length());
        return column.substring(0, column.lastIndexOf('.'));
    }

    static boolean isRelation(CatalogShape.Item item) {
        return List.of("table", "view", "matview", "sequence").contains(item.kind());
    }
}
