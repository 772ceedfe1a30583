package io.github.catalogrollback.safety;

import io.github.catalogrollback.catalog.CatalogVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The genuine shapes Hasura itself leaves besides the one a version's shape file describes (facts §8 and §9),
 * kept as data: every variant the classification accepts is a row here, never an {@code if} elsewhere.
 * <ul>
 *   <li>{@link Form#ALTERNATIVE}: an item of the version's shape may read differently (hdb_table.configuration
 *       nullable, a STABLE gen_hasura_uuid);</li>
 *   <li>{@link Form#EXTRA}: items Hasura made that are not part of the version's shape (the source catalog of a
 *       metadata database that is also a data source, event-trigger functions, hdb_cron_events.additional_payload,
 *       v1's per-permission insert views);</li>
 *   <li>{@link Form#ABSENT}: an item of the version's shape that may be missing because nothing needs it (an empty
 *       schema hdb_views that a dump of schema hdb_catalog alone leaves out);</li>
 *   <li>{@link #CALLS}: calls that mean the same to Hasura, compared by what they call rather than by text.</li>
 * </ul>
 * Also here, as data: what a step destroys or keeps that the shape files cannot show ({@link #STEP_EXTRAS},
 * {@link #STEP_KEEPS}), and foreign objects whose origin is known ({@link #KNOWN_FOREIGN}).
 */
public final class ShapeVariants {

    /** How a variant differs from a version's shape. */
    public enum Form { ALTERNATIVE, EXTRA, ABSENT }

    /**
     * One genuine variant, valid at catalog versions {@code from} … {@code to}. Patterns match the whole of an
     * item's kind, owner, name and definition; for an ALTERNATIVE, {@code expected} is the definition the shape
     * file has.
     */
    public record Variant(String description, int from, int to, Form form, Pattern kind, Pattern owner, Pattern name,
                          String expected, Pattern definition) {

        public boolean appliesAt(CatalogVersion version) {
            return version.number() >= from && version.number() <= to;
        }

        boolean matches(CatalogShape.Item item) {
            return kind.matcher(item.kind()).matches() && owner.matcher(item.owner()).matches() && name.matcher(item.name()).matches()
                    && definition.matcher(item.definition()).matches();
        }

        /** For an ALTERNATIVE: whether {@code live} is this variant's form of {@code wanted}. */
        boolean replaces(CatalogShape.Item wanted, CatalogShape.Item live) {
            return form == Form.ALTERNATIVE && wanted.kind().equals(live.kind()) && wanted.owner().equals(live.owner())
                    && wanted.name().equals(live.name()) && wanted.definition().equals(expected) && matches(live);
        }
    }

    /** Calls that are the same thing to Hasura however they are spelt. */
    public record Call(String description, Pattern spelling, String canonical) {
    }

    /** What a step destroys beyond what the shape files show: every view of a schema, or an object of a variant. */
    public record StepExtra(int from, int to, String kind, String schema, String object, String sub) {
    }

    /**
     * What a step keeps although the shape files show it gone: 42 → 43 keeps the source catalog of a v1 catalog
     * (event_log, event_invocation_logs, insert_event_log), which a fresh v2 catalog has not.
     */
    public record StepKeep(int from, int to, String object) {
    }

    /** A foreign object whose origin is known, to name it in messages. */
    public record KnownForeign(Pattern kind, Pattern owner, String origin) {
    }

    static final int LOWEST = 0;
    static final int HIGHEST = Integer.MAX_VALUE;

    /** The tables of a Postgres source's catalog, kept in hdb_catalog when the metadata database is also a source. */
    public static final List<String> SOURCE_TABLES = List.of("hdb_catalog.event_log", "hdb_catalog.event_invocation_logs",
            "hdb_catalog.hdb_source_catalog_version", "hdb_catalog.hdb_event_log_cleanups");

    /** The known forms of the source catalog's objects (source catalog versions 1 to 4, v1-born and v2-born). */
    static final String SOURCE_CATALOG = "shapes/source-catalog.shape";

    public static final List<Call> CALLS = List.of(
            new Call("pgcrypto's gen_random_uuid() (a database that was on PostgreSQL 12 or older) is the built-in one to Hasura",
                    Pattern.compile("(?:\"[^\"]+\"|[a-z_][a-z0-9_$]*)\\.gen_random_uuid\\(\\)"), "gen_random_uuid()"));

    public static final List<Variant> VARIANTS = variants();

    public static final List<StepExtra> STEP_EXTRAS = List.of(
            // 33 → 34 drops every view of hdb_views, whoever made it.
            new StepExtra(33, 34, "views-in-schema", "hdb_views", "", ""),
            // 43 → 42 undoes the source migrations of a catalog that is also a data source.
            new StepExtra(43, 42, "relation", "hdb_catalog", "hdb_source_catalog_version", ""),
            new StepExtra(43, 42, "relation", "hdb_catalog", "hdb_event_log_cleanups", ""),
            new StepExtra(43, 42, "column", "hdb_catalog", "event_invocation_logs", "trigger_name"));

    public static final List<StepKeep> STEP_KEEPS = List.of(
            new StepKeep(42, 43, "hdb_catalog.event_log"),
            new StepKeep(42, 43, "hdb_catalog.event_invocation_logs"),
            new StepKeep(42, 43, "hdb_catalog.insert_event_log"));

    public static final List<KnownForeign> KNOWN_FOREIGN = List.of(
            new KnownForeign(Pattern.compile("table"), Pattern.compile("hdb_catalog\\.(schema_migrations|migration_settings)"),
                    "the Hasura CLI's migration state: hasura migrate with config v1 or v2"));

    private ShapeVariants() {
    }

    private static List<Variant> variants() {
        List<Variant> out = new ArrayList<>();
        out.add(alternative("hdb_table.configuration nullable with no default, as a v1 server creates it (facts §8)", 24, 42,
                "column", "hdb_catalog.hdb_table", "configuration", "jsonb not null default '{}'::jsonb", "jsonb"));
        out.add(alternative("gen_hasura_uuid() declared STABLE, as some v2 catalogs have it (facts §9)", 42, HIGHEST,
                "function", "hdb_catalog", "gen_hasura_uuid()", "returns uuid language sql volatile", "returns uuid language sql stable"));
        out.add(new Variant("schema hdb_views missing, as a dump of schema hdb_catalog alone restores it: no step needs it"
                + " (each creates it or drops it only if it exists)", LOWEST, 42, Form.ABSENT, exact("schema"), exact("hdb_views"),
                exact("hdb_views"), "", Pattern.compile("")));
        out.add(extra("hdb_cron_events.additional_payload, left by a pre-release v1.3 server (facts §9)", 35, HIGHEST,
                "column", "hdb_catalog\\.hdb_cron_events", "additional_payload", "json"));
        out.add(extra("an event trigger's function, made by graphql-engine from the metadata", LOWEST, HIGHEST,
                "function|function-body|comment|grant", "hdb_views|hdb_catalog", "notify_hasura_.*|FUNCTION hdb_(views|catalog)\\.\"?notify_hasura_.*", ".*"));
        out.add(extra("an event trigger's trigger on a tracked table, made by graphql-engine from the metadata", LOWEST, HIGHEST,
                "trigger", ".*", "notify_hasura_.*", ".*"));
        // v1 servers named a view <role>__insert__<schema>__<table>, and from v1.0.0 (hasura#3444) by the hex Blake2b-224
        // hash of that (56 characters), so that long names fit PostgreSQL's 63-byte identifiers.
        out.add(extra("a per-permission insert view, made by a v1 server before catalog 34 (dropped by 33 → 34)", LOWEST, 33,
                ".*", "hdb_views\\.(.*__insert__.*|\"?[0-9a-f]{56}\"?)", ".*", ".*"));
        out.add(extra("the trigger function of a per-permission insert view, left by a v1 server", LOWEST, 42,
                "function|function-body", "hdb_views", "(.*__insert__.*|\"?[0-9a-f]{56}\"?)\\(.*", ".*"));
        for (CatalogShape.Item item : sourceCatalog().items()) {
            out.add(new Variant("the source catalog of a metadata database that is also a data source (event_log and friends)",
                    CatalogVersion.FIRST_V2.number(), HIGHEST, Form.EXTRA, exact(item.kind()), exact(item.owner()), exact(item.name()),
                    "", exact(item.definition())));
        }
        // Their bodies: insert_event_log was rewritten by several source migrations.
        out.add(extra("the source catalog of a metadata database that is also a data source (event_log and friends)",
                CatalogVersion.FIRST_V2.number(), HIGHEST, "function-body", "hdb_catalog", "insert_event_log\\(.*", ".*"));
        return List.copyOf(out);
    }

    private static Variant alternative(String description, int from, int to, String kind, String owner, String name, String expected,
                                       String alternative) {
        return new Variant(description, from, to, Form.ALTERNATIVE, exact(kind), exact(owner), exact(name), expected, exact(alternative));
    }

    private static Variant extra(String description, int from, int to, String kind, String owner, String name, String definition) {
        return new Variant(description, from, to, Form.EXTRA, Pattern.compile(kind), Pattern.compile(owner), Pattern.compile(name), "",
                Pattern.compile(definition));
    }

    private static Pattern exact(String text) {
        return Pattern.compile(Pattern.quote(text));
    }

    static CatalogShape sourceCatalog() {
        try (InputStream in = ShapeVariants.class.getClassLoader().getResourceAsStream(SOURCE_CATALOG)) {
            if (in == null) {
                throw new IllegalStateException(SOURCE_CATALOG + " is missing from this build");
            }
            return CatalogShape.parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A definition with every equivalent call in its canonical spelling. */
    public static String canonical(String definition) {
        String out = definition;
        for (Call call : CALLS) {
            out = call.spelling().matcher(out).replaceAll(java.util.regex.Matcher.quoteReplacement(call.canonical()));
        }
        return out;
    }

    /** The call rule that makes two spellings equal, for the finding's description. */
    static Optional<Call> callThatEquates(String expected, String live) {
        return CALLS.stream().filter(call -> call.spelling().matcher(live).find() || call.spelling().matcher(expected).find()).findFirst();
    }

    /** The EXTRA variant an item is, at a version. */
    static Optional<Variant> extraAt(CatalogVersion version, CatalogShape.Item item) {
        CatalogShape.Item canonical = new CatalogShape.Item(item.kind(), item.owner(), item.name(), canonical(item.definition()));
        return VARIANTS.stream().filter(v -> v.form() == Form.EXTRA && v.appliesAt(version)
                && (v.matches(item) || v.matches(canonical))).findFirst();
    }

    /** The ALTERNATIVE variant by which {@code live} stands for {@code wanted}, at a version. */
    static Optional<Variant> alternativeAt(CatalogVersion version, CatalogShape.Item wanted, CatalogShape.Item live) {
        return VARIANTS.stream().filter(v -> v.appliesAt(version) && v.replaces(wanted, live)).findFirst();
    }

    /** The ABSENT variant by which a missing expected item is genuine, at a version. */
    static Optional<Variant> absentAt(CatalogVersion version, CatalogShape.Item wanted) {
        return VARIANTS.stream().filter(v -> v.form() == Form.ABSENT && v.appliesAt(version) && v.matches(wanted)).findFirst();
    }

    /** Where a foreign object comes from, when that is known. */
    static Optional<String> origin(CatalogShape.Item item) {
        return KNOWN_FOREIGN.stream().filter(k -> k.kind().matcher(item.kind()).matches() && k.owner().matcher(item.owner()).matches())
                .map(KnownForeign::origin).findFirst();
    }
}
