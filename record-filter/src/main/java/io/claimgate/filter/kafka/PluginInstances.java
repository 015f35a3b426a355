package io.claimgate.filter.kafka;

import org.apache.kafka.common.utils.Utils;

/**
 * New instances of classes named in a consumer's configs, created the way Kafka creates its own
 * plugins (the internal {@code Utils.newInstance}: the thread's context class loader, else
 * Kafka's; the public no-argument constructor), so that a class the application could name in
 * {@code value.deserializer} can be named in claimgate's options too.
 */
public final class PluginInstances {
    private PluginInstances() {
    }

    /**
     * @param classOrName a {@link Class} or a class name, as config values come
     * @throws ClassNotFoundException for an unknown name
     * @throws RuntimeException (Kafka's) when the class is not a {@code base} or cannot be instantiated
     */
    public static <T> T newInstance(Object classOrName, Class<T> base) throws ClassNotFoundException {
        if (classOrName instanceof Class<?>) {
            return Utils.newInstance(((Class<?>) classOrName).asSubclass(base));
        }
        return Utils.newInstance(classOrName.toString().trim(), base);
    }
}
