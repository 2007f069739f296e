package com.example.resourceserver.archfixture.auth.token;

import com.example.resourceserver.archfixture.auth.dev.AllowedDevIssuer;

/** Violation: the token layer knows the glue (here the development issuer, which is glue too). */
public class TokenReachingIntoGlue {

    AllowedDevIssuer devIssuer;
}
