package com.example.resourceserver.web.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.resourceserver.domain.caller.Caller;
import com.example.resourceserver.domain.caller.Scope;
import io.micronaut.core.bind.ArgumentBinder;
import io.micronaut.core.convert.ConversionContext;
import io.micronaut.http.HttpAttributes;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.authentication.AuthorizationException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CallerArgumentBinderTest {

    final CallerArgumentBinder binder = new CallerArgumentBinder();

    @Test
    void bindsTheCallerTheAuthAdapterRecorded() {
        Caller caller = new Caller("auth0|123", Set.of(Scope.of("read:messages")));
        Authentication authentication = Authentication.build("auth0|123", List.of("read:messages"), Map.of());
        MutableHttpRequest<?> request = requestWith(authentication);
        request.setAttribute(Caller.ATTRIBUTE, caller);
        assertSame(caller, bind(request));
    }

    @Test
    void anAuthenticationWithoutARecordedCallerFailsClosedInsteadOfRebuildingOne() {
        // The caller is built in one place, from the verified token; never guessed from a principal's roles.
        Authentication authentication = Authentication.build("machine", List.of("read:messages"), Map.of());
        AuthorizationException refused =
                assertThrows(AuthorizationException.class, () -> bind(requestWith(authentication)));
        assertFalse(refused.isForbidden());
    }

    @Test
    void failsClosedWithoutAnAuthentication() {
        // Rendered by RejectedRequestHandler as the usual 401 challenge (see CallerBindingTest).
        AuthorizationException refused =
                assertThrows(AuthorizationException.class, () -> bind(HttpRequest.GET("/api/private")));
        assertFalse(refused.isForbidden());
    }

    @Test
    void bindsTheDomainCallerType() {
        assertEquals(Caller.class, binder.argumentType().getType());
    }

    Caller bind(HttpRequest<?> request) {
        ArgumentBinder.BindingResult<Caller> result = binder.bind(ConversionContext.of(binder.argumentType()), request);
        assertTrue(result.isPresentAndSatisfied());
        return result.get();
    }

    static MutableHttpRequest<?> requestWith(Authentication authentication) {
        MutableHttpRequest<?> request = HttpRequest.GET("/api/private");
        request.setAttribute(HttpAttributes.PRINCIPAL, authentication);
        return request;
    }
}
