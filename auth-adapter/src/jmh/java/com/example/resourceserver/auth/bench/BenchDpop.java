package com.example.resourceserver.auth.bench;

import com.example.resourceserver.auth.testing.TokenMint;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory;
import com.nimbusds.oauth2.sdk.id.JWTID;
import com.nimbusds.oauth2.sdk.token.DPoPAccessToken;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The load benchmark's DPoP traffic (app/bench/load.sh): a client key (ES256: P-256, or RS256: RSA-2048),
 * one access token from the benchmark issuer bound to it ({@code cnf.jkt}, the key's RFC 7638 thumbprint,
 * RFC 9449 §6.1), and N proofs for {@code GET <url>}, each with its own {@code jti} and {@code iat} now, as
 * Nimbus's OAuth SDK makes them for a client. Every request uses a proof once, so N bounds the requests.
 *
 * <p>Usage: {@code BenchDpop <dir> <ES256|RS256> <count> <url> <issuer> <audience>}; reads
 * {@code dir/issuer-key.json} (written by {@link BenchTokens}); writes {@code dir/dpop-<alg>-token.txt} and
 * {@code dir/dpop-<alg>-proofs.txt} (one proof a line).
 */
public final class BenchDpop {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        JWSAlgorithm alg = JWSAlgorithm.parse(args[1]);
        int count = Integer.parseInt(args[2]);
        URI url = URI.create(args[3]);
        RSAKey issuerKey = RSAKey.parse(Files.readString(dir.resolve("issuer-key.json")));
        JWK clientKey = alg.equals(JWSAlgorithm.ES256)
                ? new ECKeyGenerator(Curve.P_256).generate()
                : new RSAKeyGenerator(2048).generate();
        String token = new TokenMint(issuerKey, args[4], args[5])
                .token()
                .claim("sub", "auth0|bench-dpop-client")
                .claim("scope", "openid profile read:messages")
                .claim("exp", Instant.now().getEpochSecond() + 3600)
                .claim(
                        "cnf",
                        Map.of("jkt", clientKey.computeThumbprint("SHA-256").toString()))
                .sign();
        DefaultDPoPProofFactory factory = new DefaultDPoPProofFactory(clientKey, alg);
        DPoPAccessToken accessToken = new DPoPAccessToken(token);
        List<String> proofs = IntStream.range(0, count)
                .parallel()
                .mapToObj(i -> {
                    try {
                        return factory.createDPoPJWT(
                                        new JWTID("bench-" + i), "GET", url, Date.from(Instant.now()), accessToken)
                                .serialize();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                })
                .collect(Collectors.toList());
        String name = "dpop-" + alg.getName().toLowerCase(java.util.Locale.ROOT);
        Files.writeString(dir.resolve(name + "-token.txt"), token + "\n");
        Files.write(dir.resolve(name + "-proofs.txt"), proofs);
    }
}
