package com.example.resourceserver.archfixture.web.api;

import com.example.resourceserver.archfixture.web.errors.ErrorsUsingApi;

/** Violation, with {@link ErrorsUsingApi}: two packages of one module that use each other. */
public class ApiUsingErrors {

    ErrorsUsingApi errors;
}
