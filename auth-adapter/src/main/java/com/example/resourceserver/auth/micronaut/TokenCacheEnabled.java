package com.example.resourceserver.auth.micronaut;

import io.micronaut.context.condition.Condition;
import io.micronaut.context.condition.ConditionContext;
import io.micronaut.core.value.PropertyResolver;

/**
 * {@code auth.token-cache.enabled} read as a boolean the way every other boolean setting is read
 * ({@code false}, {@code FALSE}, {@code no}, {@code off} all switch it off). A plain
 * {@code @Requires(notEquals = "false")} would compare strings and leave the cache on for {@code FALSE}.
 */
public class TokenCacheEnabled implements Condition {

    @Override
    public boolean matches(ConditionContext context) {
        if (context.getBeanContext() instanceof PropertyResolver properties) {
            return properties
                    .getProperty("auth.token-cache.enabled", Boolean.class)
                    .orElse(true);
        }
        return true;
    }
}
