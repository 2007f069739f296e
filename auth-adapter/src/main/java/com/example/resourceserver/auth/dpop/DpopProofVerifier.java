package com.example.resourceserver.auth.dpop;

import com.example.resourceserver.auth.jws.Jws;
import com.example.resourceserver.auth.jws.JwsReader;
import com.example.resourceserver.auth.jws.Sha256;
import com.example.resourceserver.domain.caller.AuthenticationFailure.Reason;
import com.nimbusds.jose.JOSEException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Checks the DPoP proof of one request to a protected resource, as RFC 9449 §4.3 lists (the numbers below
 * are its points), together with the access token's binding (§6.1, §7.1), and uses the proof up.
 *
 * <p>Order: the proof's shape and JSON (2), its claims (3), {@code typ} (4), {@code alg} (5), the public
 * {@code jwk} (7), the signature (6), {@code htm} (8), {@code htu} (9), {@code iat} (11), the token's
 * {@code cnf.jkt} present, {@code ath} (12), {@code cnf.jkt} equal to the key's thumbprint, and last the
 * {@code jti} (§11.1), so that only a proof that passed everything else takes a place in the replay store.
 * Point 1 (exactly one {@code DPoP} header) and point 10 (server nonces) belong to the caller. The proof is
 * read by the service's one {@link JwsReader} (strict shape, no repeated JSON member at any depth); a header
 * whose exact text passed points 4, 5 and 7 before is not checked again ({@link ProofKey}); everything else
 * is checked for every proof.
 *
 * <p>Nimbus's OAuth SDK has {@code DPoPProtectedResourceRequestVerifier}; we do not use it because it reports
 * failures only as message strings (we need a typed reason per failure, for the challenge's description and
 * for metrics), compares {@code htu} as a plain string (RFC 9449 asks for RFC 3986 normalisation), reads
 * the system clock (we are given "now"), marks the {@code jti} used before checking {@code ath} and the
 * binding, and its synchronous single-use checker has no way to say "cannot tell" (a shared store that is
 * unreachable must give a 503, not an acceptance). Nimbus JOSE+JWT still does the JSON and JWK parsing,
 * the signature maths and the RFC 7638 thumbprint.
 */
public final class DpopProofVerifier {

    private final ProofRules rules;
    private final ProofReplayStore replayStore;
    private final JwsReader reader;

    public DpopProofVerifier(ProofRules rules, ProofReplayStore replayStore, JwsReader reader) {
        this.rules = rules;
        this.replayStore = replayStore;
        this.reader = reader;
    }

    /**
     * @param proof            the {@code DPoP} header's value
     * @param method           the request's method, as received
     * @param requestUri       the request's effective URI (any query and fragment are ignored)
     * @param accessToken      the access token of the {@code Authorization: DPoP} header
     * @param tokenThumbprint  the token's {@code cnf.jkt}; null when the token has none
     * @param now              the time to judge {@code iat} by
     * @return never fails: every problem is a {@link DpopOutcome.Refused} or {@link DpopOutcome.ReplayStoreUnavailable}
     */
    public CompletionStage<DpopOutcome> verify(
            String proof, String method, String requestUri, String accessToken, String tokenThumbprint, Instant now) {
        Checked checked;
        try {
            checked = check(proof, method, requestUri, accessToken, tokenThumbprint, now);
        } catch (ProofRefused refused) {
            return CompletableFuture.completedFuture(new DpopOutcome.Refused(refused.reason()));
        } catch (RuntimeException e) {
            // Nimbus's parsers throw unchecked exceptions on some hostile inputs: still just a bad proof.
            return CompletableFuture.completedFuture(new DpopOutcome.Refused(Reason.DPOP_PROOF_MALFORMED));
        }
        return useUp(checked);
    }

    /** What the stateless checks established: the key's thumbprint, and the proof's place in the replay store. */
    private record Checked(String thumbprint, ProofReplayKey replayKey, Duration remember) {}

    private Checked check(
            String proof, String method, String requestUri, String accessToken, String tokenThumbprint, Instant now)
            throws ProofRefused {
        Jws jws;
        ProofClaims claims;
        try {
            jws = reader.read(proof, rules.maxLength());
            claims = ProofClaims.of(jws.payload());
        } catch (JwsReader.Refused refused) {
            throw new ProofRefused(
                    switch (refused.problem()) {
                        case TOO_LONG -> Reason.DPOP_PROOF_TOO_LONG;
                        case REPEATED_MEMBER -> Reason.DPOP_PROOF_DUPLICATE_MEMBER;
                        case MALFORMED -> Reason.DPOP_PROOF_MALFORMED;
                    });
        }
        ProofKey header = ProofKey.of(jws.header(), rules);
        if (!signedBy(jws, header)) {
            throw new ProofRefused(Reason.DPOP_PROOF_BAD_SIGNATURE);
        }
        if (!claims.htm().equals(method)) { // RFC 9110 §9.1: methods are case-sensitive
            throw new ProofRefused(Reason.DPOP_PROOF_METHOD_MISMATCH);
        }
        String htu = HttpUriNormaliser.normalise(claims.htu())
                .orElseThrow(() -> new ProofRefused(Reason.DPOP_PROOF_URI_MISMATCH));
        if (!HttpUriNormaliser.normalise(requestUri).map(htu::equals).orElse(false)) {
            throw new ProofRefused(Reason.DPOP_PROOF_URI_MISMATCH);
        }
        Instant acceptableUntil = claims.iat().plus(rules.maxAge()).plus(rules.leeway());
        if (now.isAfter(acceptableUntil)) {
            throw new ProofRefused(Reason.DPOP_PROOF_ISSUED_TOO_LONG_AGO);
        }
        if (claims.iat().isAfter(now.plus(rules.leeway()))) {
            throw new ProofRefused(Reason.DPOP_PROOF_ISSUED_IN_FUTURE);
        }
        if (tokenThumbprint == null) {
            throw new ProofRefused(Reason.TOKEN_NOT_DPOP_BOUND);
        }
        if (!sameText(claims.ath(), accessTokenHash(accessToken))) {
            throw new ProofRefused(Reason.DPOP_PROOF_ACCESS_TOKEN_HASH_MISMATCH);
        }
        String thumbprint = header.thumbprint();
        if (!sameText(tokenThumbprint, thumbprint)) {
            throw new ProofRefused(Reason.DPOP_PROOF_KEY_NOT_BOUND_TO_TOKEN);
        }
        // Remembered while the proof is acceptable here, plus one leeway for replicas whose clocks lag ours.
        Duration remember = Duration.between(now, acceptableUntil).plus(rules.leeway());
        return new Checked(
                thumbprint,
                ProofReplayKey.of(thumbprint, htu, claims.jti()),
                remember.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : remember);
    }

    private static boolean signedBy(Jws jws, ProofKey key) {
        try {
            return jws.signedBy(key.verifier()); // an empty signature is a bad one: the alg is asymmetric by now
        } catch (JOSEException e) {
            return false;
        }
    }

    private CompletionStage<DpopOutcome> useUp(Checked checked) {
        CompletionStage<ProofReplayStore.Use> use;
        try {
            use = replayStore.recordIfAbsent(checked.replayKey(), checked.remember());
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(new DpopOutcome.ReplayStoreUnavailable());
        }
        return use.handle((answer, failure) -> {
            if (answer == ProofReplayStore.Use.FIRST && failure == null) {
                return new DpopOutcome.Accepted(checked.thumbprint());
            }
            if (answer == ProofReplayStore.Use.REPEATED && failure == null) {
                return new DpopOutcome.Refused(Reason.DPOP_PROOF_REPLAYED);
            }
            return new DpopOutcome.ReplayStoreUnavailable();
        });
    }

    /** RFC 9449 §4.2: base64url of the SHA-256 of the token's ASCII bytes. */
    static String accessTokenHash(String accessToken) {
        return Sha256.base64Url(accessToken); // a token is ASCII (RFC 6750 b64token): its UTF-8 bytes are its ASCII
    }

    private static boolean sameText(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
