package io.claimgate.filter;

import org.apache.kafka.common.errors.RetriableException;

/**
 * Thrown by {@link RecordFilterDeserializer} for a record the record filter cannot judge yet: no
 * usable policy file since start, the consumer's principal not known yet, a {@code skip_when} that
 * fails for this record, or an internal error. Kafka's consumer wraps it in a
 * {@link org.apache.kafka.common.errors.RecordDeserializationException} thrown from {@code poll()}
 * (this exception is its cause); the consumer's position stays AT the record, so nothing after it
 * in its partition is delivered or committed, and the next {@code poll()} tries the record again.
 * Keep polling (after a short pause, as for any retriable error); do NOT seek past the record:
 * that is the one way to lose it. It is delivered or skipped by the policy as soon as it can be
 * judged (the file appears or is fixed, the login completes).
 */
public final class RecordHeldBackException extends RetriableException {
    private static final long serialVersionUID = 1L;

    RecordHeldBackException(String message) {
        super(message);
    }

    RecordHeldBackException(String message, Throwable cause) {
        super(message, cause);
    }
}
