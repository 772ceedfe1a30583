package io.github.catalogrollback.catalog;

/**
 * A Hasura catalog version: the number in {@code hdb_catalog.hdb_version.version} (e.g. 47).
 * Parses, compares and steps to its neighbours; never a bare int that means "none" when -1.
 */
public record CatalogVersion(int number) implements Comparable<CatalogVersion> {

    /** The first catalog of Hasura v2 (metadata as one JSON document, v1.4.0-alpha.1). */
    public static final CatalogVersion FIRST_V2 = new CatalogVersion(43);

    public CatalogVersion {
        if (number < 0) {
            throw new IllegalArgumentException("catalog version must not be negative: " + number);
        }
    }

    public static CatalogVersion of(int number) {
        return new CatalogVersion(number);
    }

    /**
     * Parses a version as Hasura stores it ("47", with surrounding blanks tolerated).
     *
     * @throws IllegalArgumentException with a message naming the text when it is not a whole number
     */
    public static CatalogVersion parse(String text) {
        String trimmed = text == null ? "" : text.strip();
        if (!trimmed.matches("\\d{1,9}")) {
            throw new IllegalArgumentException("'" + (text == null ? "" : text) + "' is not a catalog version (a whole number such as 47)");
        }
        return new CatalogVersion(Integer.parseInt(trimmed));
    }

    public CatalogVersion next() {
        return new CatalogVersion(number + 1);
    }

    public CatalogVersion previous() {
        return new CatalogVersion(number - 1);
    }

    /** The Liquibase tag that marks this version in the changelog and in DATABASECHANGELOG. */
    public String tag() {
        return "catalog-" + number;
    }

    public boolean isAbove(CatalogVersion other) {
        return number > other.number;
    }

    public boolean isBelow(CatalogVersion other) {
        return number < other.number;
    }

    @Override
    public int compareTo(CatalogVersion other) {
        return Integer.compare(number, other.number);
    }

    @Override
    public String toString() {
        return Integer.toString(number);
    }
}
