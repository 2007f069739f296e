package com.example.resourceserver.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.example.resourceserver.app.support.ServiceUnderTest;
import com.example.resourceserver.auth.micronaut.PublicRouteSecurityFilter;
import com.example.resourceserver.auth.testing.TestIdentityProvider;
import io.micronaut.security.filters.SecurityFilter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The filter that lets declared-public routes skip Micronaut Security's work (issue 18) is the security
 * filter in use, and gives up its shortcut when IP patterns restrict who may call at all.
 */
class PublicRouteSecurityFilterTest {

    @RegisterExtension
    final TestIdentityProvider idp = TestIdentityProvider.withKey("k1");

    @Test
    void replacesMicronautsSecurityFilter() {
        try (ServiceUnderTest service = ServiceUnderTest.startTrusting(idp)) {
            assertInstanceOf(PublicRouteSecurityFilter.class, service.context().getBean(SecurityFilter.class));
            assertEquals(200, service.get("/api/public").statusCode());
            assertEquals(401, service.get("/api/private").statusCode());
        }
    }

    @Test
    void ipPatternsThatExcludeTheCallerStillRefuseThePublicRoute() {
        try (ServiceUnderTest service = ServiceUnderTest.trusting(idp)
                .with("micronaut.security.ip-patterns", "10.255.255.1")
                .start()) {
            assertEquals(401, service.get("/api/public").statusCode());
        }
    }
}
