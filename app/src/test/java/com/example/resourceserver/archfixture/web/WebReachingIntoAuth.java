package com.example.resourceserver.archfixture.web;

import com.example.resourceserver.archfixture.auth.micronaut.AllowedAuthUsage;

/** Violation: the web adapter knows the auth adapter. */
public class WebReachingIntoAuth {

    AllowedAuthUsage auth;
}
