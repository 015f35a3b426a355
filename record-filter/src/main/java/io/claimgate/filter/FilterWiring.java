package io.claimgate.filter;

import io.claimgate.common.config.InvalidOptionException;
import io.claimgate.filter.kafka.PluginInstances;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * The two consumer configs that put the filter together, checked where they are read: the
 * interceptor needs claimgate's value deserializer (it judges; the interceptor only removes what it
 * marked), and the deserializer needs the interceptor (without it, skipped records would reach the
 * application). Either alone fails the consumer's construction with a message naming what to add.
 */
final class FilterWiring {
    /** The application's own value deserializer, which {@link RecordFilterDeserializer} wraps. */
    static final String VALUE_DESERIALIZER = "claimgate.filter.value.deserializer";

    private static final String INTERCEPTOR = RecordFilterInterceptor.class.getName();
    private static final String DESERIALIZER = RecordFilterDeserializer.class.getName();

    private FilterWiring() {
    }

    /** For the interceptor: {@code value.deserializer} must be claimgate's, wrapping the application's. */
    static void requireDeserializer(Map<String, ?> configs) {
        List<String> named = classNames(configs.get(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG));
        if (!named.equals(List.of(DESERIALIZER)) || blank(configs.get(VALUE_DESERIALIZER))) {
            throw new InvalidOptionException(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, "the record filter"
                    + " judges records in claimgate's value deserializer, so that a record it cannot judge yet stays"
                    + " in the partition instead of being dropped; set " + ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG
                    + "=" + DESERIALIZER + " and " + VALUE_DESERIALIZER + "=<your value deserializer class>"
                    + " (now " + ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG + "=" + describe(named) + ", "
                    + VALUE_DESERIALIZER + "=" + describe(classNames(configs.get(VALUE_DESERIALIZER))) + ")");
        }
    }

    /** For the deserializer: {@code interceptor.classes} must include the filter's interceptor. */
    static void requireInterceptor(Map<String, ?> configs) {
        List<String> interceptors = classNames(configs.get(ConsumerConfig.INTERCEPTOR_CLASSES_CONFIG));
        if (!interceptors.contains(INTERCEPTOR)) {
            throw new InvalidOptionException(ConsumerConfig.INTERCEPTOR_CLASSES_CONFIG, "must include " + INTERCEPTOR
                    + " when " + ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG + "=" + DESERIALIZER + ": the"
                    + " deserializer only marks the records a filter skips, and the interceptor removes them"
                    + " (now " + describe(interceptors) + ")");
        }
    }

    /** A new instance of the application's value deserializer, not yet configured. */
    @SuppressWarnings("unchecked")
    static <T> Deserializer<T> newDelegate(Map<String, ?> configs) {
        Object value = configs.get(VALUE_DESERIALIZER);
        if (blank(value)) {
            throw new InvalidOptionException(VALUE_DESERIALIZER, "is required: the class of the value deserializer"
                    + " the application would use without the record filter (e.g."
                    + " org.apache.kafka.common.serialization.StringDeserializer)");
        }
        try {
            Deserializer<?> delegate = PluginInstances.newInstance(value, Deserializer.class);
            if (delegate instanceof RecordFilterDeserializer<?>) {
                throw new InvalidOptionException(VALUE_DESERIALIZER, "must be the application's own value"
                        + " deserializer, not " + DESERIALIZER + " itself");
            }
            return (Deserializer<T>) delegate;
        } catch (InvalidOptionException e) {
            throw e;
        } catch (ClassNotFoundException | RuntimeException e) {
            throw new InvalidOptionException(VALUE_DESERIALIZER, "expected a " + Deserializer.class.getName()
                    + " class with a public no-argument constructor, got '" + className(value) + "': " + e);
        }
    }

    /** Class names in a class-list config: "a, b", a list of names or classes, or one class. */
    static List<String> classNames(Object value) {
        List<String> names = new ArrayList<>();
        if (value instanceof Collection<?>) {
            for (Object item : (Collection<?>) value) {
                names.addAll(classNames(item));
            }
        } else if (value != null) {
            for (String name : className(value).split(",")) {
                if (!name.isBlank()) {
                    names.add(name.trim());
                }
            }
        }
        return names;
    }

    private static String className(Object value) {
        return value instanceof Class<?> ? ((Class<?>) value).getName() : String.valueOf(value);
    }

    private static boolean blank(Object value) {
        return value == null || className(value).isBlank();
    }

    private static String describe(List<String> names) {
        return names.isEmpty() ? "(not set)" : String.join(",", names);
    }
}
