package com.example.resourceserver.auth.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one JSON reader for everything a peer sends us: tokens' and proofs' headers and payloads, key sets,
 * metadata documents and introspection answers. Strict: the text must be exactly one JSON object (not
 * {@code null}, not an array, nothing after it), no object may repeat a member name at any depth (RFC 8259
 * §4, RFC 7515 §4: two readers must not see different values), nesting is bounded, and numbers become
 * {@code Long} when integral and in range, else {@code Double} (the types Nimbus's own parser gives, so Nimbus
 * builds its header and key objects from these maps unchanged).
 *
 * <p>jackson-core does the tokenising (it refuses comments, single quotes, {@code NaN}, leading zeros and raw
 * control characters by default); we only build the maps, which is where repeated names are caught. Nimbus's
 * parser, used before, refused a repeated member only at the top level and let {@code null} through as a null
 * map.
 */
public final class StrictJson {

    /** Deep enough for any header, claim set, key set or answer we accept; far below what could exhaust a stack. */
    static final int MAX_DEPTH = 32;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(
                    StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .build();

    /** Why a text was refused. */
    public static final class Invalid extends Exception {
        private final boolean repeatedMember;

        Invalid(boolean repeatedMember) {
            super(repeatedMember ? "repeated member" : "not a JSON object", null, false, false);
            this.repeatedMember = repeatedMember;
        }

        /** The text was JSON, but an object repeats a member name. */
        public boolean repeatedMember() {
            return repeatedMember;
        }
    }

    private StrictJson() {}

    /** The object the text holds, unmodifiable; its nested objects and arrays are unmodifiable too. */
    public static Map<String, Object> object(String text) throws Invalid {
        try (JsonParser parser = FACTORY.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new Invalid(false);
            }
            Map<String, Object> object = readObject(parser);
            if (parser.nextToken() != null) {
                throw new Invalid(false); // something after the object
            }
            return object;
        } catch (IOException | RuntimeException e) {
            throw new Invalid(false); // jackson's parse errors and its constraint violations
        }
    }

    private static Map<String, Object> readObject(JsonParser parser) throws IOException, Invalid {
        Map<String, Object> object = new LinkedHashMap<>();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
            String name = parser.currentName();
            parser.nextToken();
            if (object.containsKey(name)) {
                throw new Invalid(true);
            }
            object.put(name, readValue(parser));
        }
        return Collections.unmodifiableMap(object);
    }

    private static Object readValue(JsonParser parser) throws IOException, Invalid {
        return switch (parser.currentToken()) {
            case START_OBJECT -> readObject(parser);
            case START_ARRAY -> readArray(parser);
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT ->
                parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        ? (Object) parser.getDoubleValue()
                        : (Object) parser.getLongValue();
            case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new Invalid(false);
        };
    }

    private static List<Object> readArray(JsonParser parser) throws IOException, Invalid {
        List<Object> array = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            array.add(readValue(parser));
        }
        return Collections.unmodifiableList(array);
    }
}
