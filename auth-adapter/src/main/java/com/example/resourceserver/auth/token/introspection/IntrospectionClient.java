package com.example.resourceserver.auth.token.introspection;

import com.example.resourceserver.auth.config.IntrospectionTarget;
import com.example.resourceserver.auth.config.IntrospectionTarget.SignedAnswers;
import com.example.resourceserver.auth.token.TokenCaller;
import com.example.resourceserver.domain.caller.AuthenticationFailure.Reason;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.TokenIntrospectionRequest;
import com.nimbusds.oauth2.sdk.TokenIntrospectionResponse;
import com.nimbusds.oauth2.sdk.TokenIntrospectionSuccessResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.TypelessAccessToken;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Asks one issuer's introspection endpoint about one token (RFC 7662 §2.1, {@code client_secret_basic}).
 * Nimbus builds the request and reads the answer; {@link BoundedHttp} carries it. Any answer but a 200
 * with a JSON object holding a boolean {@code active} is {@link IntrospectionAnswer.Unavailable}: the
 * endpoint failed, not the token. The token is never logged and never part of an exception message.
 *
 * <p>RFC 9701 signed (JWT) answers are asked for as the target's {@link SignedAnswers} setting says, and
 * opened by {@link SignedAnswerVerifier}; the RFC 7662 answer inside is then judged as a plain one. With
 * {@code NONE} we ask for {@code application/json} only, so a provider that answers with a JWT anyway is
 * reported as {@code invalid_answer}; with {@code REQUIRED} a plain JSON answer is {@code unsigned_answer}.
 */
final class IntrospectionClient {

    private final IntrospectionTarget target;
    private final BoundedHttp http;
    private final EndpointDiscovery discovery;
    private final Clock clock;
    private final Duration leeway;
    private final TokenCaller callers;
    private final SignedAnswerVerifier signed;

    /** @param signed opens signed answers; null when the target asks for none ({@link SignedAnswers#NONE}) */
    IntrospectionClient(
            IntrospectionTarget target,
            BoundedHttp http,
            Clock clock,
            Duration leeway,
            boolean insecureHttpAllowed,
            TokenCaller callers,
            SignedAnswerVerifier signed) {
        this.target = target;
        this.http = http;
        this.discovery = new EndpointDiscovery(target, http, insecureHttpAllowed);
        this.clock = clock;
        this.leeway = leeway;
        this.callers = callers;
        this.signed = target.signedAnswers() == SignedAnswers.NONE ? null : signed;
    }

    IntrospectionTarget target() {
        return target;
    }

    IntrospectionAnswer introspect(String token) {
        try {
            URI endpoint = discovery.endpoint();
            HTTPRequest request = new TokenIntrospectionRequest(
                            endpoint,
                            new ClientSecretBasic(new ClientID(target.clientId()), new Secret(target.clientSecret())),
                            new TypelessAccessToken(token))
                    .toHTTPRequest();
            Map<String, String> headers = new HashMap<>();
            headers.put("Authorization", request.getAuthorization());
            headers.put("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8");
            headers.put("Accept", accept(target.signedAnswers()));
            BoundedHttp.Answer answer = http.post(endpoint, headers, request.getBody());
            return judge(answer);
        } catch (BoundedHttp.Failure failure) {
            return new IntrospectionAnswer.Unavailable(failure.outcome);
        }
    }

    private IntrospectionAnswer judge(BoundedHttp.Answer answer) {
        if (answer.status() >= 300 && answer.status() < 400) {
            return new IntrospectionAnswer.Unavailable("redirect");
        }
        if (answer.status() != 200) {
            return new IntrospectionAnswer.Unavailable("error_status");
        }
        boolean isJwt = signed != null && mediaType(answer.contentType()).equals(SignedAnswerVerifier.MEDIA_TYPE);
        if (!isJwt && target.signedAnswers() == SignedAnswers.REQUIRED) {
            return new IntrospectionAnswer.Unavailable("unsigned_answer");
        }
        try {
            Map<String, Object> members = isJwt ? new HashMap<>(signed.open(answer.body())) : plain(answer);
            if (!(members.get("active") instanceof Boolean active)) {
                return new IntrospectionAnswer.Unavailable("invalid_answer");
            }
            if (!active) {
                return new IntrospectionAnswer.Refused(Reason.INACTIVE, "inactive");
            }
            return IntrospectionClaims.judge(
                    members,
                    target.issuer(),
                    clock.instant(),
                    leeway,
                    256L + 2L * answer.body().length(),
                    callers);
        } catch (BoundedHttp.Failure failure) {
            return new IntrospectionAnswer.Unavailable(failure.outcome); // a signed answer we cannot trust
        } catch (ParseException | RuntimeException e) {
            return new IntrospectionAnswer.Unavailable("invalid_answer"); // not JSON, no or non-boolean active
        }
    }

    /** The members of a plain JSON answer, which Nimbus parses: a JSON object with a boolean {@code active}. */
    private static Map<String, Object> plain(BoundedHttp.Answer answer) throws ParseException {
        HTTPResponse response = new HTTPResponse(answer.status());
        response.setContentType(answer.contentType());
        response.setBody(answer.body());
        if (!(TokenIntrospectionResponse.parse(response) instanceof TokenIntrospectionSuccessResponse success)) {
            throw new ParseException("not a success response");
        }
        return new HashMap<>(success.toJSONObject());
    }

    /** {@code ACCEPTED} prefers a signed answer (RFC 9701 §4) and still takes JSON. */
    static String accept(SignedAnswers signedAnswers) {
        return switch (signedAnswers) {
            case NONE -> "application/json";
            case ACCEPTED -> SignedAnswerVerifier.MEDIA_TYPE + ", application/json;q=0.5";
            case REQUIRED -> SignedAnswerVerifier.MEDIA_TYPE;
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
