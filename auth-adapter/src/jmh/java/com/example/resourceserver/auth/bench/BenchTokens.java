package com.example.resourceserver.auth.bench;

import com.example.resourceserver.auth.testing.TestKeys;
import com.example.resourceserver.auth.testing.TokenMint;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Mints the load benchmark's tokens (app/bench/load.sh): one RSA key, its public JWKS, and N distinct valid
 * RS256 tokens shaped like real ones, so that a round-robin over them keeps the verified-token cache from
 * answering and every request pays for a full verification.
 *
 * <p>Usage: {@code BenchTokens <dir> <count> <issuer> <audience> <lifetime seconds>}; writes
 * {@code dir/jwks.json}, {@code dir/tokens.txt} (one token a line) and {@code dir/issuer-key.json}, the
 * benchmark issuer's private key, which {@link BenchDpop} signs its bound tokens with.
 */
public final class BenchTokens {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        String issuer = args[2];
        String audience = args[3];
        long exp = Instant.now().getEpochSecond() + Long.parseLong(args[4]);
        RSAKey key = TestKeys.rsa("bench-" + Long.toHexString(System.nanoTime()));
        TokenMint mint = new TokenMint(key, issuer, audience);
        List<String> tokens = IntStream.range(0, count)
                .parallel()
                .mapToObj(i -> BenchIssuer.auth0Shaped(mint, i, exp))
                .collect(Collectors.toList());
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("jwks.json"), new JWKSet(key.toPublicJWK()).toString());
        Files.write(dir.resolve("tokens.txt"), tokens);
        Files.writeString(dir.resolve("issuer-key.json"), key.toJSONString());
    }
}
