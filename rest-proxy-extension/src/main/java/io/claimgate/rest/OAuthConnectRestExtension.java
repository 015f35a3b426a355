package io.claimgate.rest;

import jakarta.ws.rs.Priorities;
import java.util.Map;
import org.apache.kafka.connect.rest.ConnectRestExtension;
import org.apache.kafka.connect.rest.ConnectRestExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code rest.extension.classes=io.claimgate.rest.OAuthConnectRestExtension} in a Kafka Connect
 * worker's properties: every call to the worker's REST API needs an OAuth 2.0 bearer token that
 * claimgate's broker validator accepts, and the policy file's {@code cluster} rules must allow what
 * the call does ({@link ConnectAccess}).
 *
 * <p>Options are worker properties with the broker's names ({@code oauth.jwks.endpoint.uri}, ...,
 * {@code claimgate.policy.location}), or environment variables ({@link RestOptions}). A missing or
 * wrong option fails the worker's start-up with a message naming it: Connect calls
 * {@link #configure} while starting its REST server and gives up on an exception.
 *
 * <p>Deployment: the class ships in the shaded {@code claimgate-broker} jar; put it in Kafka's
 * {@code libs/} (the worker's classpath), as for a broker.
 */
public class OAuthConnectRestExtension implements ConnectRestExtension {
    private static final Logger LOG = LoggerFactory.getLogger(OAuthConnectRestExtension.class);

    private volatile RestSecurity security;

    /** Connect instantiates the extension by class name, then calls {@link #configure}. */
    public OAuthConnectRestExtension() {
    }

    @Override
    public void configure(Map<String, ?> workerConfig) {
        RestOptions options = RestOptions.from(workerConfig);
        close();   // Connect configures once; be safe if called again
        security = RestSecurity.start(options, RestSurface.CONNECT);
        LOG.info("claimgate REST extension: bearer tokens required on the Connect REST API{}",
                options.publicPaths().isEmpty() ? "" : " except GET " + options.publicPaths());
    }

    @Override
    public void register(ConnectRestExtensionContext context) {
        RestSecurity current = security;
        if (current == null) {
            throw new IllegalStateException("claimgate OAuthConnectRestExtension: register() before configure()");
        }
        context.configurable().register(current.filter(), Priorities.AUTHENTICATION);
    }

    @Override
    public String version() {
        String version = OAuthConnectRestExtension.class.getPackage().getImplementationVersion();
        return version == null ? "unknown" : version;
    }

    /** Stops the JWKS refresh and policy reload threads and releases the caches. */
    @Override
    public void close() {
        RestSecurity current = security;
        security = null;
        if (current != null) {
            current.close();
        }
    }
}
