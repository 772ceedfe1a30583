package io.github.catalogrollback.safety;

import io.github.catalogrollback.catalog.Path;
import io.github.catalogrollback.catalog.Step;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the steps of one or more paths destroy and create, worked out from the shapes of the versions on each side
 * of every step (plus {@link ShapeVariants#STEP_EXTRAS}): schemas, tables, views and sequences present before a
 * step and absent after it; views the step re-creates with another body or other columns; columns dropped or
 * given another type; functions dropped or given another result. These are the roots from which the objects that
 * depend on them are found ({@code ForeignObjects}); an item that lives on one of them goes with it.
 */
public final class PathEffects {

    /** What a root is. */
    public enum RootKind { SCHEMA, VIEWS_IN_SCHEMA, RELATION, COLUMN, RETYPED_COLUMN, FUNCTION }

    /**
     * One object a step destroys: {@code schema}, {@code object} (relation or function name) and {@code sub} (column
     * name, or a function's identity arguments). {@code order} is the step's place in the path.
     */
    public record Root(RootKind kind, String schema, String object, String sub, String step, int order) {
    }

    private final List<Root> roots;
    /** Identities a step creates ("kind owner name"), with the first step that creates them. */
    private final Map<String, String> created;
    /** Objects a step changes (a relation, with all it holds, or a function), with the steps that change them. */
    private final Map<String, Set<String>> touched;

    private PathEffects(List<Root> roots, Map<String, String> created, Map<String, Set<String>> touched) {
        this.roots = List.copyOf(roots);
        this.created = Map.copyOf(created);
        this.touched = Map.copyOf(touched);
    }

    /** Nothing is destroyed or created: the effects of no path (the catalog stays where it is). */
    public static PathEffects none() {
        return new PathEffects(List.of(), Map.of(), Map.of());
    }

    public static PathEffects of(Path path) {
        return of(List.of(path));
    }

    /** The effects of several paths together (verify looks at the way down to the lowest and up to the highest). */
    public static PathEffects of(List<Path> paths) {
        List<Root> roots = new ArrayList<>();
        Map<String, String> created = new LinkedHashMap<>();
        Map<String, Set<String>> touched = new LinkedHashMap<>();
        Map<io.github.catalogrollback.catalog.CatalogVersion, Indexed> shapes = new java.util.HashMap<>();
        for (Path path : paths) {
            int order = 0;
            for (Step step : path.steps()) {
                Indexed before = shapes.computeIfAbsent(step.from(), v -> Indexed.of(ExpectedShapes.require(v)));
                Indexed after = shapes.computeIfAbsent(step.to(), v -> Indexed.of(ExpectedShapes.require(v)));
                addStep(step, before, after, order++, roots, created);
                touch(before.shape().items(), after.shape().items(), step, touched);
                touch(after.shape().items(), before.shape().items(), step, touched);
            }
        }
        return new PathEffects(roots, created, touched);
    }

    /** A version's shape with what the steps compare looked up once: relations, their columns and view items, functions. */
    private record Indexed(CatalogShape shape, Map<String, String> relations, Map<String, Map<String, String>> columns,
                           Map<String, Set<CatalogShape.Item>> viewItems, Map<String, String> functions, Set<String> schemas,
                           Set<String> identities) {

        static Indexed of(CatalogShape shape) {
            Map<String, String> relations = new LinkedHashMap<>();
            Map<String, Map<String, String>> columns = new java.util.HashMap<>();
            Map<String, Set<CatalogShape.Item>> viewItems = new java.util.HashMap<>();
            Map<String, String> functions = new LinkedHashMap<>();
            Set<String> schemas = new TreeSet<>();
            Set<String> identities = new java.util.HashSet<>();
            for (CatalogShape.Item i : shape.items()) {
                identities.add(identity(i));
                switch (i.kind()) {
                    case "table", "view", "matview", "sequence" -> relations.put(i.owner(), i.kind());
                    case "function" -> functions.put(i.owner() + "." + i.name(), result(i.definition()));
                    case "schema" -> schemas.add(i.owner());
                    default -> { }
                }
                if (i.kind().equals("column")) {
                    columns.computeIfAbsent(i.owner(), k -> new LinkedHashMap<>()).put(i.name(), i.definition());
                }
                if (i.kind().equals("column") || i.kind().equals("view-body")) {
                    viewItems.computeIfAbsent(i.owner(), k -> new java.util.HashSet<>()).add(i);
                }
            }
            return new Indexed(shape, relations, columns, viewItems, functions, schemas, identities);
        }
    }

    private static void touch(Set<CatalogShape.Item> items, Set<CatalogShape.Item> other, Step step, Map<String, Set<String>> touched) {
        for (CatalogShape.Item item : items) {
            if (!other.contains(item)) {
                touched.computeIfAbsent(object(item), k -> new java.util.LinkedHashSet<>()).add(step.toString());
            }
        }
    }

    /** The steps that change the object an expected item belongs to: what needs it as it should be. */
    public List<String> needing(CatalogShape.Item item) {
        return List.copyOf(touched.getOrDefault(object(item), Set.of()));
    }

    /** A relation (with everything it holds) or a function. */
    private static String object(CatalogShape.Item item) {
        return item.kind().startsWith("function") ? "function " + item.owner() + "." + item.name() : item.owner();
    }

    private static void addStep(Step step, Indexed before, Indexed after, int order, List<Root> roots, Map<String, String> created) {
        String label = step.toString();
        for (String schema : before.schemas()) {
            if (!after.schemas().contains(schema)) {
                roots.add(new Root(RootKind.SCHEMA, schema, "", "", label, order));
            }
        }
        Map<String, String> relationsBefore = before.relations();
        Map<String, String> relationsAfter = after.relations();
        relationsBefore.forEach((relation, kind) -> {
            String[] name = split(relation);
            if (kept(step, relation)) {
                return;
            }
            if (!relationsAfter.containsKey(relation) || !relationsAfter.get(relation).equals(kind)
                    || (kind.equals("view") || kind.equals("matview"))
                    && !Objects.equals(before.viewItems().get(relation), after.viewItems().get(relation))) {
                roots.add(new Root(RootKind.RELATION, name[0], name[1], "", label, order));
                return;
            }
            Map<String, String> columnsAfter = after.columns().getOrDefault(relation, Map.of());
            before.columns().getOrDefault(relation, Map.of()).forEach((column, definition) -> {
                if (!columnsAfter.containsKey(column)) {
                    roots.add(new Root(RootKind.COLUMN, name[0], name[1], column, label, order));
                } else if (!type(definition).equals(type(columnsAfter.get(column)))) {
                    roots.add(new Root(RootKind.RETYPED_COLUMN, name[0], name[1], column, label, order));
                }
            });
        });
        Map<String, String> functionsAfter = after.functions();
        before.functions().forEach((function, result) -> {
            if (!Objects.equals(functionsAfter.get(function), result) && !kept(step, function.substring(0, function.indexOf('(')))) {
                int paren = function.indexOf('(');
                String schema = function.substring(0, function.indexOf('.'));
                roots.add(new Root(RootKind.FUNCTION, schema, function.substring(schema.length() + 1, paren),
                        function.substring(paren + 1, function.length() - 1), label, order));
            }
        });
        for (ShapeVariants.StepExtra extra : ShapeVariants.STEP_EXTRAS) {
            if (extra.from() == step.from().number() && extra.to() == step.to().number()) {
                RootKind kind = switch (extra.kind()) {
                    case "views-in-schema" -> RootKind.VIEWS_IN_SCHEMA;
                    case "relation" -> RootKind.RELATION;
                    case "column" -> RootKind.COLUMN;
                    default -> throw new IllegalStateException("unknown step extra " + extra.kind());
                };
                roots.add(new Root(kind, extra.schema(), extra.object(), extra.sub(), label, order));
            }
        }
        Set<String> identitiesBefore = before.identities();
        for (CatalogShape.Item item : after.shape().items()) {
            String identity = identity(item);
            // A column, key or trigger is in the way only of a step that adds it to a table that exists already: a
            // table the step creates comes with its own (and the step creates it only if it is missing).
            boolean onNewTable = !identity.startsWith("relation ") && !identity.startsWith("function ")
                    && !relationsBefore.containsKey(item.owner());
            if (!identitiesBefore.contains(identity) && !onNewTable) {
                created.putIfAbsent(identity, label);
            }
        }
    }

    private static boolean kept(Step step, String object) {
        return ShapeVariants.STEP_KEEPS.stream().anyMatch(k -> k.from() == step.from().number() && k.to() == step.to().number()
                && k.object().equals(object));
    }

    public List<Root> roots() {
        return roots;
    }

    /**
     * The steps, first first, that destroy what an item lives on: its schema, its table or view, or for a comment
     * on a column, or a comment or grant on a function, that column or function. {@code views} are the live catalog's views (a step
     * may drop every view of a schema). Objects that merely depend on a root are found in the live database.
     */
    public List<String> destroying(CatalogShape.Item item, Set<String> views) {
        Set<String> steps = new java.util.LinkedHashSet<>();
        String schema = item.owner().contains(".") ? item.owner().substring(0, item.owner().indexOf('.')) : item.owner();
        boolean commentOrGrant = item.kind().equals("comment") || item.kind().equals("grant");
        for (Root root : sorted()) {
            String relation = root.schema() + "." + root.object();
            boolean hit = switch (root.kind()) {
                case SCHEMA -> root.schema().equals(schema);
                case VIEWS_IN_SCHEMA -> root.schema().equals(schema) && views.contains(item.owner());
                case RELATION -> item.owner().equals(relation);
                case COLUMN -> commentOrGrant && item.owner().equals(relation)
                        && item.name().equals("COLUMN " + quoteIdent(root.schema()) + "." + quoteIdent(root.object()) + "."
                        + quoteIdent(root.sub()));
                case FUNCTION -> commentOrGrant && item.owner().equals(root.schema())
                        && item.name().startsWith("FUNCTION " + quoteIdent(root.schema()) + "." + quoteIdent(root.object()) + "(");
                case RETYPED_COLUMN -> false;
            };
            if (hit) {
                steps.add(root.step());
            }
        }
        return List.copyOf(steps);
    }

    /** The first step that creates an object with this item's identity, which a foreign item of that name would block. */
    public Optional<String> creating(CatalogShape.Item item) {
        return Optional.ofNullable(created.get(identity(item)));
    }

    private List<Root> sorted() {
        return roots.stream().sorted(java.util.Comparator.comparingInt(Root::order)).toList();
    }

    /**
     * What makes two objects the same object to PostgreSQL: relations by name, columns by table and name,
     * functions by signature, indexes by name (they share the relation namespace).
     */
    static String identity(CatalogShape.Item item) {
        return switch (item.kind()) {
            case "table", "view", "matview", "sequence" -> "relation " + item.owner();
            case "index" -> "relation " + item.owner().substring(0, item.owner().indexOf('.') + 1) + item.name();
            case "function" -> "function " + item.owner() + "." + item.name();
            default -> item.kind() + " " + item.owner() + " " + item.name();
        };
    }

    /** "returns uuid language sql volatile" → "returns uuid": what CREATE OR REPLACE cannot change. */
    private static String result(String definition) {
        int language = definition.indexOf(" language ");
        return language < 0 ? definition : definition.substring(0, language);
    }

    /** "text not null default now()" → "text". */
    static String type(String columnDefinition) {
        String out = columnDefinition;
        int cut = out.indexOf(" default ");
        if (cut >= 0) {
            out = out.substring(0, cut);
        }
        return out.endsWith(" not null") ? out.substring(0, out.length() - " not null".length()) : out;
    }

    private static String[] split(String relation) {
        int dot = relation.indexOf('.');
        return new String[] {relation.substring(0, dot), relation.substring(dot + 1)};
    }

    /** PostgreSQL's quote_ident for the plain names of the catalog. */
    static String quoteIdent(String name) {
        return name.matches("[a-z_][a-z0-9_$]*") ? name : "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
