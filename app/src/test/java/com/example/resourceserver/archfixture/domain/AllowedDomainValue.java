package com.example.resourceserver.archfixture.domain;

import java.util.List;

/** Plain Java only: what the domain may do. */
public record AllowedDomainValue(List<String> names) {}
