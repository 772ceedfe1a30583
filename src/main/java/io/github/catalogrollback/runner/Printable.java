package io.github.catalogrollback.runner;

/**
 * Text that came from outside (an argument, a value read from the database) made fit for a one-line message: a
 * newline, an escape sequence or a bidirectional override cannot break the line or drive the terminal.
 */
public final class Printable {

    private Printable() {
    }

    /** The text with every control and line/paragraph/bidi formatting character escaped ({@code \n}, {@code \u001b}, ...). */
    public static String escape(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (Character.isISOControl(ch) || ch == '\u2028' || ch == '\u2029' || ch >= '\u202a' && ch <= '\u202e'
                            || ch >= '\u2066' && ch <= '\u2069') {
                        out.append(String.format("\\u%04x", (int) ch));
                    } else {
                        out.append(ch);
                    }
                }
            }
        }
        return out.toString();
    }

    /** The first line of a text (an exception's message), stripped; "" for none. */
    public static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int nl = text.indexOf('\n');
        return (nl < 0 ? text : text.substring(0, nl)).strip();
    }
}
