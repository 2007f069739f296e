package com.example.resourceserver.archfixture.web;

import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;

/** Violation: the web adapter parses tokens itself. */
public class WebUsingNimbus {

    public SignedJWT parse(String token) throws ParseException {
        return SignedJWT.parse(token);
    }
}
