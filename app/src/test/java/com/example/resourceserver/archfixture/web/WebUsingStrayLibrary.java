package com.example.resourceserver.archfixture.web;

import com.fasterxml.jackson.core.JsonFactory;

/** Violation: the web adapter may use Jackson's annotations, not Jackson itself. */
public class WebUsingStrayLibrary {

    JsonFactory json = new JsonFactory();
}
