package io.github.catalogrollback.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The command-line arguments that may hold a credential, and how a message that echoes them shows them instead.
 * It works on the argument values themselves: a URL (with or without user info), a {@code password=…} pair, and
 * anything given to {@code --database-url} or to an unknown option whose name suggests a URL or a password. A
 * message keeps every other word as it was.
 */
final class Redaction {

    private static final Pattern URL = Pattern.compile("(?i)^([a-z][a-z0-9+.-]*:)*//");
    /** A bare option name such as --to-version: the next option, not the value of the one before. */
    private static final Pattern OPTION_NAME = Pattern.compile("--?[A-Za-z][A-Za-z-]*");
    private static final Pattern PASSWORD_PAIR = Pattern.compile("(?i)((?:ssl)?password=)");
    /** Left-over safety net for text that is not an argument verbatim: user info of a URL and password= values. */
    private static final Pattern URL_USERINFO = Pattern.compile("(?i)([a-z][a-z0-9+.-]*://)[^\\s'\"/?#]*@");
    private static final Pattern PASSWORD_VALUE = Pattern.compile("(?i)((?:ssl)?password=)[^&\\s'\"]*");

    /** Echoed text → what a message shows instead; longest first, so a whole argument is replaced before its parts. */
    private final Map<String, String> replacements;

    private Redaction(Map<String, String> replacements) {
        this.replacements = replacements;
    }

    static Redaction of(List<String> args) {
        Map<String, String> found = new LinkedHashMap<>();
        String previous = null;
        for (String arg : args) {
            boolean valueOfCredentialOption = previous != null && namesCredential(previous) && !previous.contains("=")
                    && !OPTION_NAME.matcher(arg).matches();
            if (valueOfCredentialOption) {
                found.put(arg, looksLikeUrl(arg) ? shown(arg) : "***");
            } else if (arg.startsWith("-") && arg.contains("=")) {
                String name = arg.substring(0, arg.indexOf('='));
                String value = arg.substring(arg.indexOf('=') + 1);
                if (namesCredential(name) || isSensitive(value)) {
                    String shownValue = namesCredential(name) && !looksLikeUrl(value) ? "***" : shown(value);
                    found.put(arg, name + "=" + shownValue);
                    found.put(value, shownValue);
                }
            } else if (isSensitive(arg)) {
                found.put(arg, shown(arg));
            }
            previous = arg;
        }
        Map<String, String> ordered = new LinkedHashMap<>();
        found.entrySet().stream().filter(e -> !e.getKey().isEmpty())
                .sorted((a, b) -> Integer.compare(b.getKey().length(), a.getKey().length()))
                .forEach(e -> ordered.put(e.getKey(), e.getValue()));
        return new Redaction(ordered);
    }

    /** The message with every echoed credential-bearing argument shown redacted. */
    String apply(String message) {
        String out = message;
        for (Map.Entry<String, String> e : replacements.entrySet()) {
            out = out.replace("'" + e.getKey() + "'", "'" + e.getValue() + "'");
        }
        out = URL_USERINFO.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1)) + "***@");
        return PASSWORD_VALUE.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1)) + "***");
    }

    /** An option name (given or mistyped) that takes a URL or a secret: --database-url, --database-ur, --password, … */
    static boolean namesCredential(String option) {
        if (!option.startsWith("-")) {
            return false;
        }
        String name = option.toLowerCase(Locale.ROOT);
        return name.contains("url") || name.contains("uri") || name.contains("pass") || name.contains("pwd")
                || name.contains("secret") || name.contains("database") || name.contains("datab");
    }

    static boolean isSensitive(String arg) {
        return looksLikeUrl(arg) || PASSWORD_PAIR.matcher(arg).find();
    }

    private static boolean looksLikeUrl(String arg) {
        return arg.contains("://") || URL.matcher(arg).find();
    }

    /** A URL keeps only its scheme; a password= pair loses its value (and anything after it, an unencoded '&' included). */
    private static String shown(String arg) {
        int scheme = arg.indexOf("://");
        if (scheme >= 0) {
            return arg.substring(0, scheme) + "://***";
        }
        Matcher pair = PASSWORD_PAIR.matcher(arg);
        if (pair.find()) {
            return arg.substring(0, pair.end()) + "***";
        }
        return "***";
    }
}
