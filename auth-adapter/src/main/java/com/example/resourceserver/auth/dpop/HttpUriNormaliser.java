package com.example.resourceserver.auth.dpop;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * The form in which a proof's {@code htu} and the request's URI are compared (RFC 9449 §4.3 point 9): the
 * URI without query and fragment, normalised as RFC 3986 §6.2.2 and §6.2.3 say: scheme and host in lower
 * case, the scheme's default port dropped, an empty path as {@code /}, percent-encodings in upper case and
 * decoded where they encode an unreserved character, and dot segments removed (§5.2.4).
 *
 * <p>Our own: neither Nimbus (which compares {@code htu} as a plain string) nor {@link URI#normalize()}
 * (which keeps leading {@code ..} segments and leaves percent-encodings alone) does all of this.
 */
final class HttpUriNormaliser {

    private HttpUriNormaliser() {}

    /** The normalised {@code http} or {@code https} URI; empty when the text is not an absolute one of those. */
    static Optional<String> normalise(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        int defaultPort = switch (scheme) {
            case "https" -> 443;
            case "http" -> 80;
            default -> -2;
        };
        if (defaultPort == -2 || uri.getHost() == null || uri.isOpaque()) {
            return Optional.empty();
        }
        StringBuilder normalised =
                new StringBuilder(text.length()).append(scheme).append("://");
        if (uri.getRawUserInfo() != null) {
            normalised.append(percentEncodings(uri.getRawUserInfo())).append('@');
        }
        normalised.append(uri.getHost().toLowerCase(Locale.ROOT));
        if (uri.getPort() != -1 && uri.getPort() != defaultPort) {
            normalised.append(':').append(uri.getPort());
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return Optional.of(
                normalised.append(removeDotSegments(percentEncodings(path))).toString());
    }

    /** Upper-case hex digits; unreserved characters (ALPHA, DIGIT, {@code -._~}) decoded. */
    private static String percentEncodings(String raw) {
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < raw.length()) {
                int value = Integer.parseInt(raw.substring(i + 1, i + 3), 16); // java.net.URI checked the digits
                char decoded = (char) value;
                if (isUnreserved(decoded)) {
                    out.append(decoded);
                } else {
                    out.append('%').append(raw.substring(i + 1, i + 3).toUpperCase(Locale.ROOT));
                }
                i += 2;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isUnreserved(char c) {
        return (c >= 'A' && c <= 'Z')
                || (c >= 'a' && c <= 'z')
                || (c >= '0' && c <= '9')
                || c == '-'
                || c == '.'
                || c == '_'
                || c == '~';
    }

    /** RFC 3986 §5.2.4, for an absolute path. */
    static String removeDotSegments(String path) {
        StringBuilder input = new StringBuilder(path);
        StringBuilder output = new StringBuilder(path.length());
        while (input.length() > 0) {
            if (startsWith(input, "../")) {
                input.delete(0, 3);
            } else if (startsWith(input, "./")) {
                input.delete(0, 2);
            } else if (startsWith(input, "/./")) {
                input.delete(0, 2);
            } else if (equals(input, "/.")) {
                input.replace(0, 2, "/");
            } else if (startsWith(input, "/../")) {
                input.delete(0, 3);
                removeLastSegment(output);
            } else if (equals(input, "/..")) {
                input.replace(0, 3, "/");
                removeLastSegment(output);
            } else if (equals(input, ".") || equals(input, "..")) {
                input.setLength(0);
            } else {
                int next = input.indexOf("/", input.charAt(0) == '/' ? 1 : 0);
                int end = next == -1 ? input.length() : next;
                output.append(input, 0, end);
                input.delete(0, end);
            }
        }
        return output.toString();
    }

    private static void removeLastSegment(StringBuilder output) {
        int lastSlash = output.lastIndexOf("/");
        output.setLength(Math.max(lastSlash, 0));
    }

    private static boolean startsWith(StringBuilder s, String prefix) {
        return s.length() >= prefix.length() && s.substring(0, prefix.length()).equals(prefix);
    }

    private static boolean equals(StringBuilder s, String value) {
        return s.length() == value.length() && s.toString().equals(value);
    }
}
