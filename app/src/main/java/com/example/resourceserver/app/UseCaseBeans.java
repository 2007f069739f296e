package com.example.resourceserver.app;

import com.example.resourceserver.domain.access.ScopePolicy;
import com.example.resourceserver.domain.message.PrivateMessageUseCase;
import com.example.resourceserver.domain.message.PrivateScopedMessageUseCase;
import com.example.resourceserver.domain.message.PublicMessageUseCase;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** Turns the framework-free use cases into beans; the domain itself knows no container. */
@Factory
public class UseCaseBeans {

    @Singleton
    PublicMessageUseCase publicMessageUseCase() {
        return new PublicMessageUseCase();
    }

    @Singleton
    PrivateMessageUseCase privateMessageUseCase() {
        return new PrivateMessageUseCase();
    }

    @Singleton
    PrivateScopedMessageUseCase privateScopedMessageUseCase(ScopePolicy scopePolicy) {
        return new PrivateScopedMessageUseCase(scopePolicy);
    }
}
