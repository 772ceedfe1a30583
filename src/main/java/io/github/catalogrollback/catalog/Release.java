package io.github.catalogrollback.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Hasura GraphQL Engine release tag (v2.0.7, v2.23.0-beta.1, v1.0.0-alpha41, v2.36.5-1) and the
 * catalog version it runs. Releases order as Hasura published them: alpha &lt; beta &lt; rc &lt; final &lt;
 * a '-N' rebuild of the final.
 */
public record Release(String tag, CatalogVersion catalog) implements Comparable<Release> {

    private static final Pattern TAG = Pattern.compile(
            "v(\\d+)\\.(\\d+)\\.(\\d+)(?:-(?:(alpha|beta|rc)\\.?(\\d+)|(\\d+)))?");

    /**
     * What may follow a release in a Hasura image tag: the edition ({@code -ce}), then flavours such as
     * {@code .cli-migrations-v3} or {@code .ubuntu}. They name the same release.
     */
    private static final Pattern IMAGE_SUFFIX = Pattern.compile(
            "(?:-ce)?(?:\\.(?:cli-migrations(?:-v\\d+)?|ubuntu|centos|amd64|arm64))*");

    /**
     * Normalises what an operator may type or copy ("2.0.7", "V2.0.7", "v1.0.0-alpha01", the image tags
     * "v2.0.7.cli-migrations-v3" and "v2.36.0-ce", the image reference "hasura/graphql-engine:v2.36.0-ce@sha256:…")
     * to the stored tag form, or null when it names no release.
     */
    public static String normalise(String text) {
        if (text == null) {
            return null;
        }
        String t = text.strip().toLowerCase(Locale.ROOT);
        int digest = t.indexOf('@');
        if (digest >= 0) {
            t = t.substring(0, digest);
        }
        int colon = t.lastIndexOf(':');
        if (colon >= 0) {
            // An image reference (registry/repository:tag): the tag names the release. A colon before a '/' is a
            // registry's port, so "registry:5000/hasura/graphql-engine" has no tag.
            t = t.substring(colon + 1);
            if (t.contains("/")) {
                return null;
            }
        }
        if (!t.startsWith("v")) {
            t = "v" + t;
        }
        Matcher m = TAG.matcher(t);
        if (!m.lookingAt() || !IMAGE_SUFFIX.matcher(t.substring(m.end())).matches()) {
            return null;
        }
        StringBuilder out = new StringBuilder("v").append(Integer.parseInt(m.group(1))).append('.')
                .append(Integer.parseInt(m.group(2))).append('.').append(Integer.parseInt(m.group(3)));
        if (m.group(4) != null) {
            String kind = m.group(4);
            int n = Integer.parseInt(m.group(5));
            // Hasura spelled the pre-beta tags without a dot (v1.0.0-alpha41) and the later ones with one (beta.1).
            out.append('-').append(kind).append(kind.equals("alpha") && m.group(1).equals("1") && m.group(2).equals("0")
                    && m.group(3).equals("0") ? "" : ".").append(n);
        } else if (m.group(6) != null) {
            out.append('-').append(Integer.parseInt(m.group(6)));
        }
        return out.toString();
    }

    /** Each tag's sort key, parsed once: start-up sorts and compares the ~300 releases thousands of times. */
    private static final java.util.Map<String, List<Integer>> SORT_KEYS = new java.util.concurrent.ConcurrentHashMap<>();

    private List<Integer> sortKey() {
        return SORT_KEYS.computeIfAbsent(tag, Release::parseSortKey);
    }

    private static List<Integer> parseSortKey(String tag) {
        Matcher m = TAG.matcher(tag);
        if (!m.matches()) {
            throw new IllegalStateException("not a release tag: " + tag);
        }
        List<Integer> key = new ArrayList<>(List.of(
                Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))));
        if (m.group(4) != null) {
            key.add(List.of("alpha", "beta", "rc").indexOf(m.group(4)));
            key.add(Integer.parseInt(m.group(5)));
        } else if (m.group(6) != null) {
            key.add(4);
            key.add(Integer.parseInt(m.group(6)));
        } else {
            key.add(3);
            key.add(0);
        }
        return List.copyOf(key);
    }

    @Override
    public int compareTo(Release other) {
        List<Integer> a = sortKey();
        List<Integer> b = other.sortKey();
        for (int i = 0; i < a.size(); i++) {
            int c = Integer.compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    @Override
    public String toString() {
        return tag;
    }
}
