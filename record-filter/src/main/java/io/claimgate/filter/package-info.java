/**
 * The client-side record filter, applying the {@code record_filters} of claimgate's policy file in
 * a consumer: {@link io.claimgate.filter.RecordFilterDeserializer} judges each record as the
 * consumer parses it (holding back, by throwing {@link io.claimgate.filter.RecordHeldBackException},
 * a record it cannot judge yet, so nothing is lost) and {@link io.claimgate.filter.RecordFilterInterceptor}
 * removes the records it marked as skipped.
 *
 * <p>How it is put together, one job per class:
 * <ul>
 *   <li>{@code FilterOptions}, {@code FilterWiring}: the filter's consumer configs, checked at start.</li>
 *   <li>{@code FilterRuntime}, {@code FilterLink}: one consumer's policy, principal and view, built
 *       by its deserializer and shared with its interceptor.</li>
 *   <li>{@code WithheldMark}: the unforgeable "skip" mark from the deserializer to the interceptor.</li>
 *   <li>{@code PrincipalSources}, {@code TokenPrincipalSource}, {@code FilterPrincipal}: who the
 *       consumer is: the consumer's own token, published by claimgate's login handler in
 *       {@link io.claimgate.common.token.IssuedTokens}, decoded and mapped with the broker's rules
 *       ({@link io.claimgate.common.claims.ClaimMapping}); or {@code claimgate.filter.principal}.</li>
 *   <li>{@code FilterPolicy}, {@code PolicySnapshot}, {@code CompiledFilter}: the policy file,
 *       loaded and reloaded with the authorizer's parser and {@code PolicyWatcher}; filters are
 *       prepared once per load.</li>
 *   <li>{@code HeaderReads}: which headers a {@code skip_when} reads, and the rewrite that makes a
 *       missing header read as {@code ''}; {@code HeaderValues}: the header rules.</li>
 *   <li>{@code FilterView}, {@code FilterDecider}: per (policy, principal), which filters apply to a
 *       topic and their remembered decisions per header value.</li>
 *   <li>{@code BatchFilter}: one polled batch in, the records to deliver (with next offsets) out.</li>
 *   <li>{@code RecordFilterDeserializer}: one record in, its value, a mark, or "held back" out.</li>
 *   <li>{@code FilterMetrics}, {@code ErrorLog}, {@code DropReason}: counting and logging.</li>
 *   <li>{@code io.claimgate.filter.kafka}: every use of kafka-clients outside its public API (and of
 *       API not every supported release has); this package uses Kafka's public API only.</li>
 * </ul>
 */
package io.claimgate.filter;
