package com.example.resourceserver.auth.token.dpop;

import com.example.resourceserver.domain.caller.AuthenticationFailure.Reason;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.util.Base64URL;
import java.text.ParseException;
import java.util.Map;
import java.util.Set;

/**
 * The proofs' JOSE headers that passed their checks (RFC 9449 §4.3 points 4, 5, 7), remembered by their exact
 * base64url text with what was made from them: Nimbus's parsed header, the verifier built from the {@code jwk},
 * and the key's RFC 7638 thumbprint.
 *
 * <p>Why: a client signs every proof with the same key, so its proofs' header text repeats, and building the
 * key, its verifier and its thumbprint was a third of an RS256 proof's cost (docs/performance.md). Safe because
 * each remembered value follows from the text alone; the signature, the claims, the token binding and the
 * replay check are still done for every proof. Bounded; only headers that passed their checks are remembered
 * (whatever the signature of the proof that brought them: a flood of one-off headers costs what it did before,
 * and W-TinyLFU keeps the clients' recurring ones). Not {@code SignedTokenParser}'s table of 64 slots, which
 * suits an issuer's handful of token headers: here there is one header per client key, and with more clients
 * than slots that table would keep overwriting them.
 */
final class ProofHeaders {

    /** A header that passed its checks, and what each proof with it needs. */
    record Checked(JWSHeader header, JWSVerifier verifier, String thumbprint) {}

    /** Distinct client keys in use at once, about; past it the least useful are forgotten (W-TinyLFU). */
    static final int MAX_ENTRIES = 4096;

    private final Set<JWSAlgorithm> algorithms;
    private final Cache<String, Checked> remembered = Caffeine.newBuilder()
            .maximumSize(MAX_ENTRIES)
            .executor(Runnable::run) // maintenance on the calling thread: no wake-up of another per write
            .build();

    ProofHeaders(Set<JWSAlgorithm> algorithms) {
        this.algorithms = algorithms;
    }

    /** The remembered header for exactly this text, or null. */
    Checked remembered(String segment) {
        return remembered.getIfPresent(segment);
    }

    /** Checks the header's JSON, builds what a proof needs from it, and remembers it. */
    Checked check(String segment, Map<String, Object> json) throws ProofRefused {
        ProofHeader checked = ProofHeader.check(json, algorithms);
        JWSHeader header;
        try {
            header = JWSHeader.parse(json, new Base64URL(segment));
        } catch (ParseException e) {
            throw new ProofRefused(Reason.DPOP_PROOF_MALFORMED); // a header Nimbus does not accept as a JWS header
        }
        JWSVerifier verifier = ProofKey.verifier(checked.key(), checked.alg());
        String thumbprint;
        try {
            thumbprint = checked.key().computeThumbprint("SHA-256").toString();
        } catch (JOSEException e) {
            throw new ProofRefused(Reason.DPOP_PROOF_UNUSABLE_KEY);
        }
        Checked fresh = new Checked(header, verifier, thumbprint);
        remembered.put(segment, fresh);
        return fresh;
    }
}
