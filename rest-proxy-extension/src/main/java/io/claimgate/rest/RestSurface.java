package io.claimgate.rest;

import java.util.List;
import java.util.Map;

/**
 * One REST API claimgate guards: its access table and how it names itself to callers (the
 * {@code WWW-Authenticate} realm) and to policies (the pseudo listener, CEL's {@code listener}).
 * Everything else (validation, policies, responses) is the same for every API.
 *
 * @param name        for logs and messages
 * @param realm       the realm in {@code WWW-Authenticate: Bearer realm="..."}
 * @param listener    the listener name policies see, so a rule can be about this API only
 * @param table       what each request needs
 * @param optionKind  what the host calls its properties, in option error messages
 * @param docsSection the docs/CONFIGURATION.md section, in option error messages
 */
record RestSurface(String name, String realm, String listener, Table table, String optionKind, String docsSection) {

    /** Maps one request to what it needs; deny ({@link RestAccess#UNMAPPED}) when unsure. */
    @FunctionalInterface
    interface Table {
        /**
         * @param method  HTTP method
         * @param rawPath the request path relative to the application root, still percent-encoded
         * @param query   decoded query parameters
         * @param signed  whether the request carries Connect's worker signature header
         */
        RestAccess of(String method, String rawPath, Map<String, List<String>> query, boolean signed);
    }

    static final RestSurface CONNECT = new RestSurface("Kafka Connect", "kafka-connect", "CONNECT_REST",
            ConnectAccess::of, "worker property", "Kafka Connect REST API");

    static final RestSurface REST_PROXY = new RestSurface("REST Proxy", "kafka-rest", "REST_PROXY",
            (method, rawPath, query, signed) -> RestProxyAccess.of(method, rawPath),
            "REST Proxy property", "Confluent REST Proxy");
}
