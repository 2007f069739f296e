package com.example.resourceserver.archfixture.auth;

import com.example.resourceserver.archfixture.app.AllowedWiring;

/** Violation: the auth adapter knows the app. */
public class AuthReachingIntoApp {

    AllowedWiring app;
}
