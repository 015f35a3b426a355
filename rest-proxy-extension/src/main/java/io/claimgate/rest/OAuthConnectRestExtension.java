package io.claimgate.rest;

import io.claimgate.server.ValidatorFactory;
import io.claimgate.server.validation.TokenValidator;
import jakarta.ws.rs.Priorities;
import java.time.Clock;
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
    static final String REALM = "kafka-connect";

    private volatile TokenValidator validator;
    private volatile RestAuthorizer authorizer;
    private volatile RestGuard guard;

    /** Connect instantiates the extension by class name, then calls {@link #configure}. */
    public OAuthConnectRestExtension() {
    }

    @Override
    public void configure(Map<String, ?> workerConfig) {
        RestOptions options = RestOptions.from(workerConfig);
        close();   // Connect configures once; be safe if called again
        // Policies first: a bad file then leaves no validator (with its JWKS refresh thread) behind.
        RestAuthorizer newAuthorizer = new RestAuthorizer(options.authorizer(), options.policyLocation());
        TokenValidator newValidator;
        try {
            newValidator = ValidatorFactory.create(options.validator(), Clock.systemUTC());
        } catch (RuntimeException | Error e) {
            newAuthorizer.close();
            throw e;
        }
        authorizer = newAuthorizer;
        validator = newValidator;
        guard = new RestGuard(newValidator, newAuthorizer::allowed, options.publicPaths(), REALM);
        LOG.info("claimgate REST extension: bearer tokens required on the Connect REST API{}",
                options.publicPaths().isEmpty() ? "" : " except GET " + options.publicPaths());
    }

    @Override
    public void register(ConnectRestExtensionContext context) {
        RestGuard current = guard;
        if (current == null) {
            throw new IllegalStateException("claimgate OAuthConnectRestExtension: register() before configure()");
        }
        context.configurable().register(new BearerTokenFilter(current), Priorities.AUTHENTICATION);
    }

    @Override
    public String version() {
        String version = OAuthConnectRestExtension.class.getPackage().getImplementationVersion();
        return version == null ? "unknown" : version;
    }

    /** Stops the JWKS refresh and policy reload threads and releases the caches. */
    @Override
    public void close() {
        TokenValidator currentValidator = validator;
        validator = null;
        if (currentValidator != null) {
            currentValidator.close();
        }
        RestAuthorizer currentAuthorizer = authorizer;
        authorizer = null;
        if (currentAuthorizer != null) {
            currentAuthorizer.close();
        }
    }
}
