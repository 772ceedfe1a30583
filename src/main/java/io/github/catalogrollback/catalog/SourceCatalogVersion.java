package io.github.catalogrollback.catalog;

/**
 * A Hasura <em>source</em> catalog version: the number in {@code hdb_catalog.hdb_source_catalog_version.version} of a
 * Postgres source (1 … 4). Versioned apart from the metadata catalog ({@link CatalogVersion}): every source database
 * with event triggers carries one, and so does a metadata database that is also a source.
 */
public record SourceCatalogVersion(int number) implements Comparable<SourceCatalogVersion> {

    public SourceCatalogVersion {
        if (number < 0) {
            throw new IllegalArgumentException("source catalog version must not be negative: " + number);
        }
    }

    public static SourceCatalogVersion of(int number) {
        return new SourceCatalogVersion(number);
    }

    /**
     * Parses a version as Hasura stores it ("3", with surrounding blanks tolerated).
     *
     * @throws IllegalArgumentException with a message naming the text when it is not a whole number
     */
    public static SourceCatalogVersion parse(String text) {
        String trimmed = text == null ? "" : text.strip();
        if (!trimmed.matches("\\d{1,9}")) {
            throw new IllegalArgumentException("'" + (text == null ? "" : text) + "' is not a source catalog version (a whole number such as 3)");
        }
        return new SourceCatalogVersion(Integer.parseInt(trimmed));
    }

    public SourceCatalogVersion next() {
        return new SourceCatalogVersion(number + 1);
    }

    public SourceCatalogVersion previous() {
        return new SourceCatalogVersion(number - 1);
    }

    /** The Liquibase tag that marks this version in the source changelog and its history. */
    public String tag() {
        return "source-" + number;
    }

    public boolean isAbove(SourceCatalogVersion other) {
        return number > other.number;
    }

    public boolean isBelow(SourceCatalogVersion other) {
        return number < other.number;
    }

    @Override
    public int compareTo(SourceCatalogVersion other) {
        return Integer.compare(number, other.number);
    }

    @Override
    public String toString() {
        return Integer.toString(number);
    }
}
