package com.example.resourceserver.archfixture.auth.issuer;

import com.example.resourceserver.archfixture.auth.pipeline.results.AllowedResult;

/** Violation: an issuer knows the request pipeline that asks it. */
public class IssuerReachingIntoPipeline {
    AllowedResult result;
}
