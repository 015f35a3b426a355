package io.claimgate.common.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.NamingConvention;
import java.util.Set;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * JMX names for Micrometer meters with one key property per tag:
 * {@code claimgate:name=<meter name>,<tag>=<value>,...}, tags in Micrometer's (alphabetical) order.
 *
 * <p>Micrometer's JMX registry hands a meter to Dropwizard's {@code JmxReporter} as one string; by
 * default that string is the name and tag values joined by dots, which a reader cannot split again
 * when a value (a topic name, say) contains dots. Here the string already is the key-property list
 * of the final name, with values quoted where JMX requires it.
 */
final class TaggedObjectNames {
    /** Keys the name itself uses; a tag with one of them would make the name ambiguous. */
    private static final Set<String> RESERVED = Set.of("name", "type");

    private TaggedObjectNames() {
    }

    /** The key-property list of a meter's JMX name (a {@code HierarchicalNameMapper}). */
    static String keyProperties(Meter.Id id, NamingConvention ignored) {
        StringBuilder list = new StringBuilder("name=").append(value(id.getName()));
        for (Tag tag : id.getTagsAsIterable()) {
            String key = RESERVED.contains(tag.getKey()) ? "tag_" + tag.getKey() : tag.getKey();
            list.append(',').append(key).append('=').append(value(tag.getValue()));
        }
        return list.toString();
    }

    /** Dropwizard's {@code ObjectNameFactory}: the domain plus the list made by {@link #keyProperties}. */
    static ObjectName objectName(String dropwizardType, String domain, String keyProperties) {
        try {
            return new ObjectName(domain + ":" + keyProperties);
        } catch (MalformedObjectNameException e) {
            // Only a tag key outside JMX's syntax gets here (values are quoted); keep the meter visible.
            try {
                return new ObjectName(domain, "name", ObjectName.quote(keyProperties));
            } catch (MalformedObjectNameException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
    }

    /** A property value as is when JMX allows it unquoted, quoted otherwise. */
    static String value(String raw) {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == ',' || c == '=' || c == ':' || c == '"' || c == '*' || c == '?' || c == '\n' || c == '\\') {
                return ObjectName.quote(raw);
            }
        }
        return raw.isEmpty() ? ObjectName.quote(raw) : raw;
    }
}
