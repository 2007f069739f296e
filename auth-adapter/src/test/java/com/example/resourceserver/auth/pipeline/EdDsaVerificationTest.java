package com.example.resourceserver.auth.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.example.resourceserver.auth.config.AuthSettings;
import com.example.resourceserver.auth.issuer.VerifiedToken;
import com.example.resourceserver.auth.testing.JwksServer;
import com.example.resourceserver.auth.testing.TestConfigurations;
import com.example.resourceserver.auth.testing.TestPipeline;
import com.example.resourceserver.domain.caller.AuthenticationFailure.Reason;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** EdDSA (Ed25519, RFC 8037) tokens, signed with the JDK and verified against an OKP key served over real HTTP. */
class EdDsaVerificationTest {

    static final String ISSUER = "https://issuer.example/";
    static final String AUDIENCE = "https://api.example/";

    static KeyPair ed25519;
    static OctetKeyPair publicJwk;
    static JwksServer jwks;
    static ExecutorService executor;

    @BeforeAll
    static void start() throws Exception {
        ed25519 = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] spki = ed25519.getPublic().getEncoded();
        byte[] x = Arrays.copyOfRange(spki, spki.length - 32, spki.length);
        publicJwk = new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(x))
                .keyID("ed-1")
                .build();
        jwks = JwksServer.start().publish(publicJwk);
        executor = Executors.newCachedThreadPool();
    }

    @AfterAll
    static void stop() {
        jwks.close();
        executor.shutdownNow();
    }

    static String token(String alg) throws Exception {
        Map<String, Object> header = new LinkedHashMap<>(Map.of("alg", alg, "kid", "ed-1", "typ", "JWT"));
        long now = Instant.now().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>(Map.of(
                "iss",
                ISSUER,
                "aud",
                AUDIENCE,
                "sub",
                "ed-user",
                "iat",
                now,
                "exp",
                now + 300,
                "scope",
                "read:messages"));
        String input = Base64URL.encode(JSONObjectUtils.toJSONString(header)) + "."
                + Base64URL.encode(JSONObjectUtils.toJSONString(claims));
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(ed25519.getPrivate());
        signer.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + Base64URL.encode(signer.sign());
    }

    static AuthResult<VerifiedToken> verify(String algorithms, String token) throws Exception {
        AuthSettings settings = new AuthSettings();
        settings.setAlgorithms(algorithms);
        try (TestPipeline pipeline =
                TestPipeline.start(TestConfigurations.trusting(settings, ISSUER, AUDIENCE, jwks.jwksUri()), executor)) {
            return pipeline.bearer(token);
        }
    }

    @Test
    void anEd25519SignedTokenVerifiesWhenEdDsaIsAllowed() throws Exception {
        var verified = assertInstanceOf(AuthResult.Authenticated.class, verify("RS256,EdDSA", token("EdDSA")));
        assertEquals("ed-user", verified.token().caller().subject());
        assertEquals("ed-1", verified.token().key().getKeyID());
    }

    @Test
    void aTamperedSignatureIsRefused() throws Exception {
        String token = token("EdDSA");
        char last = token.charAt(token.length() - 2);
        String tampered =
                token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A') + token.charAt(token.length() - 1);
        var rejected = assertInstanceOf(AuthResult.Refused.class, verify("EdDSA", tampered));
        assertEquals(Reason.BAD_SIGNATURE, rejected.failure().reason());
    }

    @Test
    void edDsaIsRefusedUnlessAllowed() throws Exception {
        var rejected = assertInstanceOf(AuthResult.Refused.class, verify("RS256", token("EdDSA")));
        assertEquals(Reason.DISALLOWED_ALGORITHM, rejected.failure().reason());
    }
}
