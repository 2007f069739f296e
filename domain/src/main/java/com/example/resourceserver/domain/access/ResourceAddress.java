package com.example.resourceserver.domain.access;

/**
 * Port: where this resource is, as its clients address it. Implemented by the adapter that serves HTTP (it alone
 * knows the service's external URL, {@code WEB_EXTERNAL_URL}); read by the adapter that checks DPoP proofs, whose
 * {@code htu} must name the URI the client used (RFC 9449 §4.3), so that the metadata, the challenges and the
 * proofs agree on one address, built in one place.
 */
public interface ResourceAddress {

    /**
     * The URI a client used for a request, without query and fragment.
     *
     * @param secure whether the connection the request came on is TLS
     * @param host   its {@code Host} header, possibly null or not a plain host[:port]
     * @param path   its path as received (raw, percent-encoded)
     */
    String requestUri(boolean secure, String host, String path);
}
