package io.confluent.kafkarest.extension;

import io.confluent.kafkarest.KafkaRestConfig;
import jakarta.ws.rs.core.Configurable;

/**
 * Compile-only stand-in for Confluent REST Proxy's extension point (same package, name and
 * signatures as in io.confluent:kafka-rest 8.x). REST Proxy instantiates the classes named by
 * {@code kafka.rest.resource.extension.class}, calls {@link #register} while setting up its JAX-RS
 * resources and {@link #clean} on shutdown.
 */
public interface RestResourceExtension {

    void register(Configurable<?> config, KafkaRestConfig appConfig);

    void clean();
}
