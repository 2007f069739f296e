package com.example.resourceserver.auth.introspection;

import com.example.resourceserver.auth.config.IntrospectionTarget;
import com.example.resourceserver.auth.config.IntrospectionTarget.SignedAnswers;
import com.example.resourceserver.auth.http.BoundedFetcher;
import com.example.resourceserver.auth.http.IssuerMetadata;
import com.example.resourceserver.auth.json.StrictJson;
import com.example.resourceserver.auth.jws.JwsReader;
import com.example.resourceserver.auth.keys.IssuerKeys;
import com.example.resourceserver.domain.caller.AuthenticationFailure.Reason;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.oauth2.sdk.TokenIntrospectionRequest;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.TypelessAccessToken;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Asks one issuer's introspection endpoint about one token (RFC 7662 §2.1, {@code client_secret_basic}).
 * Nimbus's OAuth SDK builds the request; the service's {@link BoundedFetcher} carries it; the endpoint, when
 * not configured, comes from the issuer's metadata ({@link IssuerMetadata}). Any answer but a 200 with a JSON
 * object holding a boolean {@code active} is {@link IntrospectionAnswer.Unavailable}: the endpoint failed,
 * not the token. The token is never logged and never part of an exception message.
 *
 * <p>RFC 9701 signed (JWT) answers are asked for as the target's {@link SignedAnswers} setting says, and
 * opened by {@link SignedAnswer}; the RFC 7662 answer inside is then judged as a plain one. With
 * {@code NONE} we ask for {@code application/json} only, so a provider that answers with a JWT anyway is
 * reported as {@code invalid_answer}; with {@code REQUIRED} a plain JSON answer is {@code unsigned_answer}.
 */
public final class IntrospectionClient {

    private final IntrospectionTarget target;
    private final String issuer;
    private final String audience;
    private final BoundedFetcher http;
    private final IssuerMetadata metadata;
    private final Clock clock;
    private final Duration leeway;
    private final SignedAnswer signed;

    /**
     * @param keys       the issuer's keys, which sign its RFC 9701 answers
     * @param algorithms the access-token allow-list, which signed answers must meet too
     */
    public IntrospectionClient(
            IntrospectionTarget target,
            String issuer,
            String audience,
            BoundedFetcher http,
            IssuerMetadata metadata,
            IssuerKeys keys,
            JwsReader reader,
            Set<JWSAlgorithm> algorithms,
            Clock clock,
            Duration leeway) {
        this.target = target;
        this.issuer = issuer;
        this.audience = audience;
        this.http = http;
        this.metadata = metadata;
        this.clock = clock;
        this.leeway = leeway;
        this.signed = target.signedAnswers() == SignedAnswers.NONE
                ? null
                : new SignedAnswer(issuer, target.clientId(), keys, reader, algorithms, clock, leeway, http.timeout());
    }

    public IntrospectionTarget target() {
        return target;
    }

    /** Blocks for at most the fetcher's timeout (plus, for a signed answer, a key fetch). */
    public IntrospectionAnswer introspect(String token) {
        try {
            URI endpoint =
                    target.endpoint().isPresent() ? target.endpoint().get() : metadata.url("introspection_endpoint");
            HTTPRequest request = new TokenIntrospectionRequest(
                            endpoint,
                            new ClientSecretBasic(new ClientID(target.clientId()), new Secret(target.clientSecret())),
                            new TypelessAccessToken(token))
                    .toHTTPRequest();
            BoundedFetcher.Answer answer = http.post(
                    endpoint,
                    Map.of(
                            "Authorization", request.getAuthorization(),
                            "Content-Type", "application/x-www-form-urlencoded; charset=UTF-8",
                            "Accept", accept(target.signedAnswers())),
                    request.getBody());
            return judge(answer);
        } catch (BoundedFetcher.Failure failure) {
            return new IntrospectionAnswer.Unavailable(failure.outcome());
        }
    }

    private IntrospectionAnswer judge(BoundedFetcher.Answer answer) throws BoundedFetcher.Failure {
        if (answer.status() >= 300 && answer.status() < 400) {
            return new IntrospectionAnswer.Unavailable("redirect");
        }
        if (answer.status() != 200) {
            return new IntrospectionAnswer.Unavailable("error_status");
        }
        String type = mediaType(answer.contentType());
        boolean isJwt = signed != null && type.equals(SignedAnswer.MEDIA_TYPE);
        if (!isJwt && target.signedAnswers() == SignedAnswers.REQUIRED) {
            return new IntrospectionAnswer.Unavailable("unsigned_answer");
        }
        Map<String, Object> members;
        if (isJwt) {
            members = signed.open(answer.body());
        } else {
            if (!type.equals("application/json")) {
                return new IntrospectionAnswer.Unavailable("invalid_answer"); // RFC 7662 §2.2: JSON only
            }
            try {
                members = StrictJson.object(answer.body());
            } catch (StrictJson.Invalid e) {
                return new IntrospectionAnswer.Unavailable("invalid_answer");
            }
        }
        if (!(members.get("active") instanceof Boolean active)) {
            return new IntrospectionAnswer.Unavailable("invalid_answer");
        }
        if (!active) {
            return new IntrospectionAnswer.Refused(Reason.INACTIVE, "inactive");
        }
        return IntrospectionClaims.judge(
                members,
                issuer,
                audience,
                clock.instant(),
                leeway,
                256L + 2L * answer.body().length());
    }

    /** {@code ACCEPTED} prefers a signed answer (RFC 9701 §4) and still takes JSON. */
    static String accept(SignedAnswers signedAnswers) {
        return switch (signedAnswers) {
            case NONE -> "application/json";
            case ACCEPTED -> SignedAnswer.MEDIA_TYPE + ", application/json;q=0.5";
            case REQUIRED -> SignedAnswer.MEDIA_TYPE;
        };
    }

    /** The media type without parameters, in lower case. */
    static String mediaType(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
                .strip()
                .toLowerCase(Locale.ROOT);
    }
}
