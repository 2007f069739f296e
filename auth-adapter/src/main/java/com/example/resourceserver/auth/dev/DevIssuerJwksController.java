package com.example.resourceserver.auth.dev;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.util.concurrent.CompletionStage;

/** Serves the development issuer's public key set; exists only together with {@link DevIssuer}. */
@Controller
@Requires(bean = DevIssuer.class)
@Secured(SecurityRule.IS_ANONYMOUS)
class DevIssuerJwksController {

    private final DevIssuer devIssuer;

    DevIssuerJwksController(DevIssuer devIssuer) {
        this.devIssuer = devIssuer;
    }

    /** Asynchronous: a request that comes before the key is generated must not hold its event loop. */
    @Get(uri = DevIssuer.JWKS_PATH, produces = "application/jwk-set+json")
    CompletionStage<String> jwks() {
        return devIssuer.publicJwks();
    }
}
