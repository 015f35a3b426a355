package io.claimgate.it;

/** The policy file of DESIGN.md, verbatim: the headline scenario's policies and record filter. */
public final class DesignPolicy {
    public static final String YAML = """
            policies:
              - name: client1-full-access
                when: principal.name == 'client1'
                rules:
                  - {action: allow, resource: topic, names: ["*"], operations: [describe, read, write]}
                  - {action: allow, resource: group, names: ["*"], operations: [read, describe]}
              - name: client2-limited
                when: principal.name == 'client2'
                rules:
                  - {action: allow, resource: topic, names: [topic, topic-encrypted, extra_topic], operations: [describe]}
                  - {action: allow, resource: topic, names: [topic], operations: [read]}
              - name: team-topics-from-token
                when: "'kafka' in scopes"
                rules:
                  - {action: allow, resource: topic, names_from: "claims.topics", operations: [all]}
            record_filters:
              - name: hide-internal
                topics: ["*"]
                skip_when: "record.headers['internal'] == 'true' && principal.name != 'client1'"
            """;

    private DesignPolicy() {
    }
}
