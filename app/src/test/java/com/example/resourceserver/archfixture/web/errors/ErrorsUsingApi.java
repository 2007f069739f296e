package com.example.resourceserver.archfixture.web.errors;

import com.example.resourceserver.archfixture.web.api.ApiUsingErrors;

/** Violation, with {@link ApiUsingErrors}: the way back that closes the cycle. */
public class ErrorsUsingApi {

    ApiUsingErrors api;
}
