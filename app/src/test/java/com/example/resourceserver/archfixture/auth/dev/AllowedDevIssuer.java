package com.example.resourceserver.archfixture.auth.dev;

import com.example.resourceserver.archfixture.auth.config.AllowedSettings;
import io.micronaut.http.HttpResponse;

/** The development issuer is glue as well: Micronaut is allowed, and so is the configuration. */
public class AllowedDevIssuer {

    AllowedSettings settings;

    public HttpResponse<String> jwks() {
        return HttpResponse.ok("{\"keys\":[]}");
    }
}
