/**
 * The record filter's Kafka boundary: every use of kafka-clients outside Kafka's public API, and
 * of public API that not every supported release has. The filter runs on the application's
 * kafka-clients (3.7 and later), so each class here is one job, checked on each supported release
 * by {@code RecordFilterBoundaryContract} (test sources; listed in docs/KAFKA-COMPATIBILITY.md).
 * Not an API for applications: public only for {@code io.claimgate.filter}.
 * <ul>
 *   <li>{@link io.claimgate.filter.kafka.ConsumerRecordsFactory}: filtered batches, with next
 *       offsets on 4.0+ and without on 3.x;</li>
 *   <li>{@link io.claimgate.filter.kafka.HeaderLookup}: a header found without decoding the
 *       others (private fields of {@code RecordHeaders}/{@code RecordHeader});</li>
 *   <li>{@link io.claimgate.filter.kafka.ClientJaasEntries}: the consumer's login module entry, by
 *       Kafka's {@code JaasContext};</li>
 *   <li>{@link io.claimgate.filter.kafka.PluginInstances}: the application's deserializer, by
 *       Kafka's {@code Utils.newInstance};</li>
 *   <li>{@link io.claimgate.filter.kafka.KafkaVersion}: the running kafka-clients version, for messages.</li>
 * </ul>
 */
package io.claimgate.filter.kafka;
