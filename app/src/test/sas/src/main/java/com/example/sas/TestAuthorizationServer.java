package com.example.sas;

import com.nimbusds.jose.KeySourceException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Spring Authorization Server with Spring Boot's defaults (OpenID discovery, RFC 8414 metadata, JWK set
 * endpoint, JWT access tokens with {@code scope} as a JSON array and no {@code typ} header), plus what a
 * real deployment configures for an API: the clients, and the API identifier as the token's audience
 * (by default Spring Authorization Server puts the client id into {@code aud}).
 */
@SpringBootApplication
public class TestAuthorizationServer {

    static final String API = "messages-api";
    static final String OTHER_API = "other-api";
    static final String SCOPE = "read:messages";
    /** The client setting naming the audience of the client's access tokens. */
    static final String AUDIENCE = "audience";
    static final Duration SHORT_LIVED = Duration.ofSeconds(5);

    public static void main(String[] args) {
        SpringApplication.run(TestAuthorizationServer.class, args);
    }

    /** The keys of SAS_KEYS_FILE, read again on every use so that the tests can rotate them. */
    @Bean
    KeyFile jwkSource(@Value("${SAS_KEYS_FILE}") Path file) {
        return new KeyFile(file);
    }

    /**
     * Clients as in the Keycloak realm and the oidc-provider setup: messages-client may have the scope,
     * basic-client may not, other-api-client gets tokens for another API, short-lived-client tokens that
     * expire after a few seconds.
     */
    @Bean
    RegisteredClientRepository clients() {
        return new InMemoryRegisteredClientRepository(
                client("messages-client", API, Duration.ofMinutes(10), SCOPE),
                client("basic-client", API, Duration.ofMinutes(10)),
                client("other-api-client", OTHER_API, Duration.ofMinutes(10), SCOPE),
                client("short-lived-client", API, SHORT_LIVED, SCOPE));
    }

    /** Access tokens name the client's API in {@code aud} and carry the signing key's {@code kid}. */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> accessTokenShape(KeyFile keys) {
        return context -> {
            if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
                String audience = context.getRegisteredClient().getClientSettings().getSetting(AUDIENCE);
                context.getClaims().audience(List.of(audience));
                // With several keys published, Spring's JWT encoder needs the kid to choose the signing one.
                try {
                    context.getJwsHeader().keyId(keys.signingKid());
                } catch (KeySourceException e) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
            }
        };
    }

    private static RegisteredClient client(String clientId, String audience, Duration lifetime, String... scopes) {
        RegisteredClient.Builder builder = RegisteredClient.withId(clientId)
                .clientId(clientId)
                .clientSecret("{noop}" + clientId + "-secret")
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .clientSettings(ClientSettings.builder().setting(AUDIENCE, audience).build())
                .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(lifetime).build());
        for (String scope : scopes) {
            builder.scope(scope);
        }
        return builder.build();
    }
}
