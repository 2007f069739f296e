package com.example.resourceserver.archfixture.auth.keys;

import com.example.resourceserver.archfixture.auth.token.rules.AllowedRule;

/** Violation: the keys layer knows the token layer above it. */
public class KeysReachingIntoToken {

    AllowedRule rule;
}
