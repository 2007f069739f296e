package com.example.resourceserver.app.recipe;

import com.example.resourceserver.domain.access.ScopePolicy;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/**
 * Step 2 of docs/add-a-route.md, test-only: the use case made a bean. In a real change this is one more
 * method in {@code app}'s {@code UseCaseBeans}; the scope policy is the auth adapter's
 * {@code GrantedScopePolicy}, found by its port.
 */
@Factory
class RecipeUseCaseBeans {

    @Singleton
    ArchiveMessageUseCase archiveMessageUseCase(ScopePolicy scopePolicy) {
        return new ArchiveMessageUseCase(scopePolicy);
    }
}
