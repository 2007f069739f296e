package com.example.resourceserver.domain.access;

import com.example.resourceserver.domain.caller.Caller;
import com.example.resourceserver.domain.caller.Scope;

/**
 * Outgoing port: does a caller's grant satisfy the scope a use case requires?
 *
 * <p>Which scope a use case needs is the use case's own knowledge (see
 * {@link com.example.resourceserver.domain.message.PrivateScopedMessageUseCase#REQUIRED_SCOPE});
 * how grants are matched against it belongs to the adapter that knows where grants come from.
 */
public interface ScopePolicy {

    ScopeDecision decide(Caller caller, Scope required);
}
