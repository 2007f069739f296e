package com.example.resourceserver.archfixture.auth.scope;

import com.example.resourceserver.archfixture.auth.token.rules.AllowedRule;

/** Violation: the scope policy knows the token layer instead of only the domain's caller. */
public class ScopeReachingIntoToken {

    AllowedRule rule;
}
