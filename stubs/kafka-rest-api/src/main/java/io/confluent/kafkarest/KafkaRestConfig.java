package io.confluent.kafkarest;

import io.confluent.rest.RestConfig;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;

/** Compile-only stand-in for REST Proxy's configuration class; claimgate calls nothing on it. */
public class KafkaRestConfig extends RestConfig {

    public KafkaRestConfig(ConfigDef definition, Map<?, ?> originals) {
        super(definition, originals);
    }
}
