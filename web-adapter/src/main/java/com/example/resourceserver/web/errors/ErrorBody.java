package com.example.resourceserver.web.errors;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The body of every error answer: {@code {"error": "...", "error_description": "..."}}, the field names
 * of RFC 6749 §5.2 and RFC 6750 §3. Descriptions are fixed sentences, never request data.
 */
@Serdeable
public record ErrorBody(
        String error, @JsonProperty("error_description") String errorDescription) {}
