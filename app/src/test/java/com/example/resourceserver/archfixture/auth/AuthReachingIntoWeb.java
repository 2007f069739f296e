package com.example.resourceserver.archfixture.auth;

import com.example.resourceserver.archfixture.web.AllowedWebUsage;

/** Violation: the auth adapter knows the web adapter. */
public class AuthReachingIntoWeb {

    AllowedWebUsage web;
}
