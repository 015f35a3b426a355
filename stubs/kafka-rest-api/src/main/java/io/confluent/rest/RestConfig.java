package io.confluent.rest;

import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;

/** Compile-only stand-in for rest-utils' configuration base class (a Kafka {@link AbstractConfig}). */
public class RestConfig extends AbstractConfig {

    public RestConfig(ConfigDef definition, Map<?, ?> originals) {
        super(definition, originals);
    }
}
