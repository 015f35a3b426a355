package io.claimgate.rest;

import java.net.InetAddress;
import org.apache.kafka.common.security.auth.KafkaPrincipal;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.server.authorizer.AuthorizableRequestContext;

/**
 * A REST call as the authorizer sees a Kafka request: the principal (built from the token exactly
 * as the broker's principal builder does), a pseudo listener naming the REST API
 * ({@link RestSurface#listener()}: {@code CONNECT_REST}, {@code REST_PROXY}; so a policy can tell
 * REST calls apart with {@code listener == 'CONNECT_REST'}) and the caller's address when known.
 * There is no Kafka request, so the API key is -1 (logged as "request -1").
 */
record RestRequestContext(KafkaPrincipal principal, InetAddress clientAddress, String clientId, String listenerName)
        implements AuthorizableRequestContext {

    @Override
    public SecurityProtocol securityProtocol() {
        // The REST server's TLS is Connect's business; SASL_* would be wrong, PLAINTEXT claims too little.
        return SecurityProtocol.SASL_PLAINTEXT;
    }

    @Override
    public int requestType() {
        return -1;
    }

    @Override
    public int requestVersion() {
        return 0;
    }

    @Override
    public int correlationId() {
        return 0;
    }
}
