package io.claimgate.filter;

/** Why the record filter could not judge a record: the tag of {@code filter.records.held_back} and {@code filter.records.dropped}. */
enum DropReason {
    /** The policy file could not be loaded at start (and not since): nothing can be judged. */
    POLICY_UNAVAILABLE("policy_unavailable"),
    /** Neither a token from claimgate's login handler nor {@code claimgate.filter.principal}. */
    NO_PRINCIPAL("no_principal"),
    /** A filter's {@code skip_when} failed for the record. */
    EVALUATION_ERROR("evaluation_error"),
    /** A bug or a broken installation. */
    INTERNAL_ERROR("internal_error");

    private final String tag;

    DropReason(String tag) {
        this.tag = tag;
    }

    String tag() {
        return tag;
    }
}
