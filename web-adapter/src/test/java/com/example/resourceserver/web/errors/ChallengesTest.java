package com.example.resourceserver.web.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.example.resourceserver.domain.access.AcceptedSchemes;
import com.example.resourceserver.domain.caller.CredentialScheme;
import com.example.resourceserver.web.ResourceIdentifier;
import com.example.resourceserver.web.WebSettings;
import io.micronaut.http.HttpRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@link ErrorResponsesTest} leaves out: which schemes are offered at the edges, and the {@code algs} value. */
class ChallengesTest {

    static final String METADATA = ErrorResponsesTest.METADATA;

    final HttpRequest<?> request = HttpRequest.GET("/api/private").header("Host", "api.example:8080");

    static Challenges challenges(AcceptedSchemes schemes) {
        WebSettings settings = new WebSettings();
        return new Challenges(settings.getBearerRealm(), schemes, new ResourceIdentifier(settings));
    }

    static AcceptedSchemes schemes(boolean bearer, boolean dpop, List<String> algorithms) {
        return new AcceptedSchemes() {
            @Override
            public boolean bearer() {
                return bearer;
            }

            @Override
            public boolean dpop() {
                return dpop;
            }

            @Override
            public List<String> dpopAlgorithms() {
                return algorithms;
            }
        };
    }

    @Test
    void withoutTheAcceptedSchemesPortOnlyBearerIsOffered() {
        assertEquals(
                List.of("Bearer realm=\"api\"" + METADATA), challenges(null).missingCredentials(request));
    }

    @Test
    void aResourceThatAcceptsNeitherSchemeStillAnswersWithTheBearerChallenge() {
        // A 401 without any challenge would break RFC 9110 §11.6.1; Bearer is the scheme every client knows.
        assertEquals(
                List.of("Bearer realm=\"api\"" + METADATA),
                challenges(schemes(false, false, List.of("ES256"))).missingCredentials(request));
    }

    @Test
    void algsListsTheConfiguredAlgorithmsInTheirOrder() {
        Challenges challenges = challenges(schemes(false, true, List.of("EdDSA", "RS256")));
        assertEquals(
                List.of("DPoP realm=\"api\", algs=\"EdDSA RS256\"" + METADATA), challenges.missingCredentials(request));
        HttpRequest<?> dpop = HttpRequest.GET("/api/private").header("Host", "api.example:8080");
        dpop.setAttribute(CredentialScheme.REQUEST_ATTRIBUTE, CredentialScheme.DPOP);
        assertEquals(
                "DPoP error=\"invalid_dpop_proof\", algs=\"EdDSA RS256\", error_description=\"d\"" + METADATA,
                challenges.error(dpop, "invalid_dpop_proof", null, "d", true));
    }

    @Test
    void anErrorWithoutARecordedSchemeIsABearerChallengeWithoutAlgs() {
        Challenges challenges = challenges(schemes(true, true, List.of("ES256")));
        assertEquals(
                "Bearer error=\"invalid_token\", error_description=\"d\"" + METADATA,
                challenges.error(request, "invalid_token", null, "d", true));
        HttpRequest<?> odd = HttpRequest.GET("/api/private").header("Host", "api.example:8080");
        odd.setAttribute(CredentialScheme.REQUEST_ATTRIBUTE, "DPoP"); // not the domain type: not trusted
        assertEquals(
                "Bearer error=\"invalid_request\", error_description=\"d\"",
                challenges.error(odd, "invalid_request", null, "d", false));
    }
}
