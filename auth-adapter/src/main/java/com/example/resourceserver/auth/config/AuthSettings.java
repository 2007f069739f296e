package com.example.resourceserver.auth.config;

import com.nimbusds.jose.JOSEObjectType;
import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.inject.Inject;
import java.util.Set;

/**
 * The settings under {@code auth.*} that apply to every issuer; each also comes from the environment variable of
 * the same name in upper case ({@code AUTH_ALGORITHMS}, {@code AUTH_LEEWAY}, ...). What is configured per issuer
 * is read through {@link IssuerSetting} instead. Values that users type by hand are
 * read as strings and checked here (and by the small parsers this class calls), so a typo stops
 * startup with a sentence naming the variable rather than a conversion stack trace.
 */
@ConfigurationProperties("auth")
public class AuthSettings {

    private String algorithms = "RS256";
    private String leeway = "60s";
    private boolean requireAtJwtType;
    private boolean insecureAllowHttp;
    private int maxTokenLength = 16 * 1024;
    private JwksSettings jwks = new JwksSettings();
    private TokenCacheSettings tokenCache = new TokenCacheSettings();
    private DpopSettings dpop = new DpopSettings();
    private IntrospectionSettings introspection = new IntrospectionSettings();

    /** Comma-separated JWS algorithm allow-list, e.g. {@code RS256,PS256,ES256}. */
    public String getAlgorithms() {
        return algorithms;
    }

    public void setAlgorithms(String algorithms) {
        this.algorithms = algorithms;
    }

    /** Clock-skew tolerance for exp, nbf and iat, e.g. {@code 60s}. */
    public String getLeeway() {
        return leeway;
    }

    public void setLeeway(String leeway) {
        this.leeway = leeway;
    }

    /** Accept only {@code typ: at+jwt} tokens (RFC 9068) instead of also JWT and no typ. */
    public boolean isRequireAtJwtType() {
        return requireAtJwtType;
    }

    public void setRequireAtJwtType(boolean requireAtJwtType) {
        this.requireAtJwtType = requireAtJwtType;
    }

    /** Allow plain-http discovery and JWKS URLs to hosts other than loopback. Insecure by name. */
    public boolean isInsecureAllowHttp() {
        return insecureAllowHttp;
    }

    public void setInsecureAllowHttp(boolean insecureAllowHttp) {
        this.insecureAllowHttp = insecureAllowHttp;
    }

    /** Longer bearer tokens are rejected before any parsing. */
    public int getMaxTokenLength() {
        return maxTokenLength;
    }

    public void setMaxTokenLength(int maxTokenLength) {
        this.maxTokenLength = maxTokenLength;
    }

    /** {@code auth.jwks.*}, bound on its own and handed in here so that one object carries all auth settings. */
    public JwksSettings getJwks() {
        return jwks;
    }

    @Inject
    public void setJwks(JwksSettings jwks) {
        this.jwks = jwks;
    }

    /** {@code auth.token-cache.*}, likewise. */
    public TokenCacheSettings getTokenCache() {
        return tokenCache;
    }

    @Inject
    public void setTokenCache(TokenCacheSettings tokenCache) {
        this.tokenCache = tokenCache;
    }

    /** {@code auth.dpop.*}, likewise. */
    public DpopSettings getDpop() {
        return dpop;
    }

    @Inject
    public void setDpop(DpopSettings dpop) {
        this.dpop = dpop;
    }

    /** {@code auth.introspection.*}, likewise. */
    public IntrospectionSettings getIntrospection() {
        return introspection;
    }

    @Inject
    public void setIntrospection(IntrospectionSettings introspection) {
        this.introspection = introspection;
    }

    /** The rules every token must meet, read from these settings, or one sentence naming the bad one. */
    public VerificationPolicy verificationPolicy() {
        if (maxTokenLength < 256) {
            throw new InvalidAuthConfigurationException("auth.max-token-length must be at least 256 characters.");
        }
        Set<JOSEObjectType> types =
                requireAtJwtType ? VerificationPolicy.ACCESS_TOKEN_TYPES : VerificationPolicy.DEFAULT_TYPES;
        return new VerificationPolicy(
                AlgorithmAllowList.parse(algorithms), Leeway.parse(leeway), types, requireAtJwtType, maxTokenLength);
    }
}
