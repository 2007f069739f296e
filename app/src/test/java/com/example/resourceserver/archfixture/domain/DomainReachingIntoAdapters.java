package com.example.resourceserver.archfixture.domain;

import com.example.resourceserver.archfixture.app.AllowedWiring;
import com.example.resourceserver.archfixture.auth.micronaut.AllowedAuthUsage;
import com.example.resourceserver.archfixture.web.AllowedWebUsage;

/** Violation: the domain knows the adapters and the app. */
public class DomainReachingIntoAdapters {

    AllowedAuthUsage auth;
    AllowedWebUsage web;
    AllowedWiring app;
}
