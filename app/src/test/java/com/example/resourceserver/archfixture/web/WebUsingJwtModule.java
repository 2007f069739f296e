package com.example.resourceserver.archfixture.web;

import io.micronaut.security.token.jwt.validator.JwtValidator;

/** Violation: Micronaut's JWT module is the auth adapter's business, even though it is "Micronaut". */
public class WebUsingJwtModule {

    JwtValidator<?> validator;
}
