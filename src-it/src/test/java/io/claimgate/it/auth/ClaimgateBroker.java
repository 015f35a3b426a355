package io.claimgate.it.auth;

import io.claimgate.it.Clients;
import io.claimgate.it.EmbeddedIdp;
import io.claimgate.it.KafkaClusterSpec;
import io.claimgate.it.ListenerSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/** A broker configured as a claimgate user would: our validator on EXTERNAL, our principal builder. */
final class ClaimgateBroker {
    static final String EXTERNAL = "EXTERNAL";
    static final String VALIDATOR = "io.claimgate.server.OAuthValidatorCallbackHandler";
    static final String PRINCIPAL_BUILDER = "io.claimgate.server.OAuthPrincipalBuilder";

    private ClaimgateBroker() {
    }

    /** The validation options every test starts from: JWKS, issuer, audience, client_id as the name. */
    static Map<String, String> validation(EmbeddedIdp idp) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("oauth.jwks.endpoint.uri", idp.jwksUri());
        options.put("oauth.valid.issuer.uri", idp.issuerUri());
        options.put("oauth.valid.audience", EmbeddedIdp.DEFAULT_AUDIENCE);
        options.put("oauth.username.claim", "client_id,sub");
        return options;
    }

    static KafkaClusterSpec.Builder spec(String name, EmbeddedIdp idp, Map<String, String> validationOptions) {
        return KafkaClusterSpec.builder(name)
                .listener(ListenerSpec.oauthBearer(EXTERNAL, VALIDATOR, validationOptions))
                .brokerProperty("principal.builder.class", PRINCIPAL_BUILDER)
                .systemProperty(Clients.ALLOWED_URLS_PROPERTY, idp.allowedUrls())
                .loggerLevel("io.claimgate", "INFO");
    }
}
