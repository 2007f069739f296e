package com.example.resourceserver.web.api;

import io.micronaut.serde.annotation.Serdeable;

/** The body of every 200 answer: {@code {"message": "..."}}. */
@Serdeable
public record MessageBody(String message) {}
