package com.example.resourceserver.archfixture.web;

import com.example.resourceserver.archfixture.app.AllowedWiring;

/** Violation: the web adapter knows the app. */
public class WebReachingIntoApp {

    AllowedWiring app;
}
