package com.example.resourceserver.auth.token.dpop;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * Finds a repeated member name in any object of a JSON text that a parser has already accepted.
 *
 * <p>Our own because Nimbus's parser refuses a repeated member only at the top level: inside {@code jwk}
 * it keeps the last one, and two readers of the same proof could then see different keys (RFC 8259 §4,
 * RFC 7515 §4 require rejecting or consistently handling duplicates; we reject).
 */
final class JsonDuplicates {

    private static final Set<String> ARRAY = Set.of();

    private JsonDuplicates() {}

    /** True when some object repeats a member name (compared after unescaping). Expects valid JSON. */
    static boolean present(String json) {
        Deque<Set<String>> open = new ArrayDeque<>();
        boolean expectingName = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            switch (c) {
                case '{' -> {
                    open.push(new HashSet<>());
                    expectingName = true;
                }
                case '[' -> {
                    open.push(ARRAY);
                    expectingName = false;
                }
                case '}', ']' -> {
                    open.pop();
                    expectingName = false;
                }
                case ',' -> expectingName = !open.isEmpty() && open.peek() != ARRAY;
                case '"' -> {
                    StringBuilder name = new StringBuilder();
                    i = readString(json, i + 1, name);
                    if (expectingName && !open.peek().add(name.toString())) {
                        return true;
                    }
                    expectingName = false;
                }
                default -> {
                    // whitespace, ':' and the characters of numbers and literals
                }
            }
        }
        return false;
    }

    /** Reads the string starting after its opening quote into {@code out}; returns the index of its closing quote. */
    private static int readString(String json, int start, StringBuilder out) {
        int i = start;
        while (json.charAt(i) != '"') {
            char c = json.charAt(i);
            if (c == '\\') {
                char escaped = json.charAt(i + 1);
                if (escaped == 'u') {
                    out.append((char) Integer.parseInt(json.substring(i + 2, i + 6), 16));
                    i += 6;
                } else {
                    out.append(
                            switch (escaped) {
                                case 'b' -> '\b';
                                case 'f' -> '\f';
                                case 'n' -> '\n';
                                case 'r' -> '\r';
                                case 't' -> '\t';
                                default -> escaped; // \" \\ \/
                            });
                    i += 2;
                }
            } else {
                out.append(c);
                i++;
            }
        }
        return i;
    }
}
