package com.example.resourceserver.auth.jws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.util.Base64URL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The one strict compact-JWS reader: shape before decoding, strict JSON, headers remembered by their text. */
class JwsReaderTest {

    static final String HEADER =
            Base64URL.encode("{\"alg\":\"RS256\",\"kid\":\"k\"}").toString();
    static final String PAYLOAD = Base64URL.encode("{\"sub\":\"a\"}").toString();

    final JwsReader reader = new JwsReader();

    JwsReader.Problem problem(String compact, int maxLength) {
        return assertThrows(
                        JwsReader.Refused.class,
                        () -> reader.read(compact, maxLength).payload())
                .problem();
    }

    @Test
    void threeBase64UrlSegments() throws Exception {
        Jws jws = reader.read(HEADER + "." + PAYLOAD + ".c2ln", 1000);
        assertEquals("RS256", jws.header().algorithmName());
        assertNotNull(jws.header().parsed());
        assertEquals("a", jws.payload().get("sub"));
        assertEquals(false, jws.unsigned());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "abcd",
                "abcd.efgh",
                "H.P.ijkl.mnop",
                "H.P.ijkl.mnop.qrst",
                ".P.ijkl",
                "H..ijkl",
                "H.P.ij=",
                "H.P.ij+l",
                "H.P.ij/l",
                "H.P .ijkl",
                "H.P.ijk\u00e9",
                "H.P.ij\nk",
                "H.P.a",
                "H.Pe.ijkl",
                "He.P.ijkl",
                "H=.P.ijkl"
            })
    void anythingButThreeSegmentsOfTheAlphabetIsMalformedBeforeAnyDecoding(String shape) {
        String compact = shape.replace("H", HEADER).replace("P", PAYLOAD);
        assertEquals(JwsReader.Problem.MALFORMED, problem(compact, 10_000), compact);
    }

    @Test
    void anEmptySignatureIsAnUnsignedJwsForTheCallerToRefuseByName() throws Exception {
        Jws jws = reader.read(HEADER + "." + PAYLOAD + ".", 1000);
        assertTrue(jws.unsigned());
    }

    @Test
    void tooLongIsRefusedFirst() throws Exception {
        String compact = HEADER + "." + PAYLOAD + ".c2ln";
        assertEquals(JwsReader.Problem.TOO_LONG, problem(compact, compact.length() - 1));
        reader.read(compact, compact.length());
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "[]", "\"text\"", "7", "{\"a\":1} {}", "{\"a\":1,}", "{'a':1}", "{\"a\":NaN}"})
    void aHeaderOrPayloadThatIsNotExactlyOneJsonObjectIsMalformed(String json) {
        String segment = Base64URL.encode(json).toString();
        assertEquals(JwsReader.Problem.MALFORMED, problem(segment + "." + PAYLOAD + ".c2ln", 10_000), json);
        assertEquals(JwsReader.Problem.MALFORMED, problem(HEADER + "." + segment + ".c2ln", 10_000), json);
    }

    @Test
    void aRepeatedMemberAtAnyDepthIsNamed() {
        String nested =
                Base64URL.encode("{\"cnf\":{\"jkt\":\"a\",\"jkt\":\"b\"}}").toString();
        assertEquals(JwsReader.Problem.REPEATED_MEMBER, problem(HEADER + "." + nested + ".c2ln", 10_000));
        String top = Base64URL.encode("{\"alg\":\"RS256\",\"alg\":\"none\"}").toString();
        assertEquals(JwsReader.Problem.REPEATED_MEMBER, problem(top + "." + PAYLOAD + ".c2ln", 10_000));
    }

    @Test
    void aHeaderIsReadOnceAndRememberedByItsExactText() throws Exception {
        JwsHeader first = reader.read(HEADER + "." + PAYLOAD + ".c2ln", 1000).header();
        assertSame(first, reader.read(HEADER + "." + PAYLOAD + ".b3RoZXI", 1000).header());
    }

    @Test
    void anUnsignedHeaderHasNoNimbusHeaderButItsAlgorithmName() throws Exception {
        String none = Base64URL.encode("{\"alg\":\"none\"}").toString();
        JwsHeader header = reader.read(none + "." + PAYLOAD + ".", 1000).header();
        assertNull(header.parsed());
        assertEquals("none", header.algorithmName());
    }
}
