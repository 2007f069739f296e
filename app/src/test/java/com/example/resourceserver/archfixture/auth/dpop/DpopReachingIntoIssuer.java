package com.example.resourceserver.archfixture.auth.dpop;

import com.example.resourceserver.archfixture.auth.issuer.definition.AllowedDefinition;

/** Violation: DPoP proof checking knows the issuers, which are built on it, not the other way round. */
public class DpopReachingIntoIssuer {
    AllowedDefinition issuer;
}
