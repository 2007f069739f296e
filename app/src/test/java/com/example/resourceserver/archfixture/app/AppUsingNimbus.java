package com.example.resourceserver.archfixture.app;

import com.nimbusds.jose.JWSAlgorithm;

/** Violation: even the app may not use Nimbus; only the auth adapter may. */
public class AppUsingNimbus {

    JWSAlgorithm algorithm = JWSAlgorithm.RS256;
}
