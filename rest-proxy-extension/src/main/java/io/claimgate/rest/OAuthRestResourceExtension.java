package io.claimgate.rest;

import io.confluent.kafkarest.KafkaRestConfig;
import io.confluent.kafkarest.extension.RestResourceExtension;
import jakarta.ws.rs.Priorities;
import java.util.Map;
import org.apache.kafka.common.Configurable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code kafka.rest.resource.extension.class=io.claimgate.rest.OAuthRestResourceExtension} in a
 * Confluent REST Proxy's properties: every call to REST Proxy needs an OAuth 2.0 bearer token that
 * claimgate's broker validator accepts, and the policy file must allow the operation on the topic,
 * group or cluster the call touches ({@link RestProxyAccess}), as the broker would for a Kafka
 * client. Policies see the listener {@code REST_PROXY}.
 *
 * <p>Life cycle, as REST Proxy's {@code KafkaRestApplication} drives it: it creates the extension
 * with Kafka's {@code AbstractConfig.getConfiguredInstances}, which calls {@link #configure} with
 * all of REST Proxy's properties; then {@link #register} while it sets up its JAX-RS resources;
 * {@link #clean} on shutdown. A missing or wrong option makes {@link #configure} throw with a
 * message naming it, and REST Proxy does not start. Options are the broker's names
 * ({@code oauth.jwks.endpoint.uri}, ..., {@code claimgate.policy.location}, required) or
 * environment variables ({@link RestOptions}).
 *
 * <p>Built against compile-only stubs of REST Proxy's published extension interface (Confluent's
 * artifacts are not on Maven Central) and tested on a plain Jersey server, not on REST Proxy itself.
 * Nothing is called on the {@link KafkaRestConfig}.
 */
public class OAuthRestResourceExtension implements RestResourceExtension, Configurable {
    private static final Logger LOG = LoggerFactory.getLogger(OAuthRestResourceExtension.class);

    private volatile RestSecurity security;

    /** REST Proxy instantiates the extension by class name, then calls {@link #configure}. */
    public OAuthRestResourceExtension() {
    }

    @Override
    public void configure(Map<String, ?> restProxyConfig) {
        RestOptions options = RestOptions.from(restProxyConfig, System::getenv, RestSurface.REST_PROXY);
        clean();   // configured once by REST Proxy; be safe if called again
        security = RestSecurity.start(options, RestSurface.REST_PROXY);
        LOG.info("claimgate REST Proxy extension: bearer tokens required on the REST Proxy API{}",
                options.publicPaths().isEmpty() ? "" : " except GET " + options.publicPaths());
    }

    /**
     * Adds the bearer-token filter to REST Proxy's JAX-RS application, ahead of its resources.
     *
     * @param config    REST Proxy's resource configuration
     * @param appConfig REST Proxy's configuration; not used (the options came through {@link #configure})
     */
    @Override
    public void register(jakarta.ws.rs.core.Configurable<?> config, KafkaRestConfig appConfig) {
        RestSecurity current = security;
        if (current == null) {
            throw new IllegalStateException("claimgate OAuthRestResourceExtension: register() before configure();"
                    + " REST Proxy configures extensions it creates from kafka.rest.resource.extension.class");
        }
        config.register(current.filter(), Priorities.AUTHENTICATION);
    }

    /** Stops the JWKS refresh and policy reload threads and releases the caches; safe to call twice. */
    @Override
    public void clean() {
        RestSecurity current = security;
        security = null;
        if (current != null) {
            current.close();
        }
    }
}
