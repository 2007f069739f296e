package com.example.resourceserver.archfixture.app;

import com.example.resourceserver.archfixture.auth.micronaut.AllowedAuthUsage;
import com.example.resourceserver.archfixture.domain.AllowedDomainValue;
import com.example.resourceserver.archfixture.web.AllowedWebUsage;
import io.micronaut.context.env.Environment;

/** The app may see every other layer. */
public class AllowedWiring {

    AllowedDomainValue domain;
    AllowedAuthUsage auth;
    AllowedWebUsage web;
    Environment environment;
}
