package io.claimgate.cli.policy;

import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.security.auth.KafkaPrincipal;
import org.apache.kafka.metadata.authorizer.StandardAcl;
import org.apache.kafka.server.authorizer.Action;

/**
 * One request to decide: who (principal with its groups, scopes and claims), from where (listener,
 * client address), what (the action), with which Kafka ACLs besides the file's, and the expected
 * outcome (absent for {@code policy explain}).
 *
 * @param where {@code file:line:column} of the case, for messages
 */
record PolicyCase(String name, String where, KafkaPrincipal principal, String listener, String clientAddress,
                  Action action, List<StandardAcl> acls, Optional<Boolean> expectAllowed) {
    PolicyCase {
        acls = List.copyOf(acls);
    }

    /** {@code read topic 'orders'} */
    String describeAction() {
        return action.operation().name().toLowerCase(java.util.Locale.ROOT) + " "
                + action.resourcePattern().resourceType().name().toLowerCase(java.util.Locale.ROOT) + " '"
                + action.resourcePattern().name() + "'";
    }
}
