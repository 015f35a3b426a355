/**
 * The client-side record filter: {@link io.claimgate.filter.RecordFilterInterceptor}, a consumer
 * interceptor applying the {@code record_filters} of claimgate's policy file (DESIGN.md).
 *
 * <p>How it is put together, one job per class:
 * <ul>
 *   <li>{@code FilterOptions}: the interceptor's consumer configs, checked at start.</li>
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
 *   <li>{@code FilterMetrics}, {@code ErrorLog}, {@code DropReason}: counting and logging.</li>
 * </ul>
 */
package io.claimgate.filter;
