package com.example.resourceserver.domain.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.example.resourceserver.domain.access.ScopeDecision;
import com.example.resourceserver.domain.access.ScopePolicy;
import com.example.resourceserver.domain.caller.Caller;
import com.example.resourceserver.domain.caller.Scope;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MessageUseCasesTest {

    private static final Caller CALLER = new Caller("user-1", Set.of());

    @Test
    void publicMessageIsTheQuickstartString() {
        assertEquals(
                "Hello from a public endpoint! You don't need to be authenticated to see this.",
                new PublicMessageUseCase().getMessage().message());
    }

    @Test
    void privateMessageIsTheQuickstartStringAndNeedsACaller() {
        assertEquals(
                "Hello from a private endpoint! You need to be authenticated to see this.",
                new PrivateMessageUseCase().getMessage(CALLER).message());
        assertThrows(NullPointerException.class, () -> new PrivateMessageUseCase().getMessage(null));
    }

    @Test
    void scopedMessageAsksThePolicyForReadMessages() {
        List<Scope> asked = new ArrayList<>();
        ScopePolicy permitting = (caller, required) -> {
            asked.add(required);
            return ScopeDecision.permitted();
        };

        MessageOutcome outcome = new PrivateScopedMessageUseCase(permitting).getMessage(CALLER);

        assertEquals(
                new MessageOutcome.Delivered("Hello from a private endpoint! You need to be authenticated "
                        + "and have a scope of read:messages to see this."),
                outcome);
        assertEquals(List.of(Scope.of("read:messages")), asked);
    }

    @Test
    void scopedMessageDeniedNamesTheMissingScope() {
        ScopePolicy denying = (caller, required) -> ScopeDecision.missing(required);

        MessageOutcome outcome = new PrivateScopedMessageUseCase(denying).getMessage(CALLER);

        assertEquals(new MessageOutcome.MissingScope(Scope.of("read:messages")), outcome);
    }

    @Test
    void scopedMessageNeedsACallerAndAPolicy() {
        assertThrows(NullPointerException.class, () -> new PrivateScopedMessageUseCase(null));
        ScopePolicy any = (caller, required) -> ScopeDecision.permitted();
        assertThrows(NullPointerException.class, () -> new PrivateScopedMessageUseCase(any).getMessage(null));
    }
}
