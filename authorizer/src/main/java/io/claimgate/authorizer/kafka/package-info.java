/**
 * The authorizer's Kafka boundary: every use of a Kafka class outside Kafka's public API, except
 * that {@code io.claimgate.authorizer.ClaimAuthorizer} itself extends kafka-metadata's
 * {@code StandardAuthorizer} (Kafka loads the authorizer by that public class name). Listed in
 * docs/KAFKA-COMPATIBILITY.md; {@code AuthorizerBoundaryContract} (test sources) checks it on every
 * Kafka release claimgate supports.
 */
package io.claimgate.authorizer.kafka;
