package com.example.resourceserver.archfixture.auth.scope;

import com.example.resourceserver.archfixture.domain.AllowedDomainValue;
import jakarta.inject.Provider;

/** The scope policy knows the domain and jakarta.inject (which is not Micronaut), nothing else. */
public class AllowedScopeUsage {

    Provider<AllowedDomainValue> granted;
}
