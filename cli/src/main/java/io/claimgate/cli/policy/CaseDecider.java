package io.claimgate.cli.policy;

import io.claimgate.authorizer.ClaimAuthorizer;
import io.claimgate.authorizer.acl.AclEntry;
import io.claimgate.authorizer.config.AuthorizerOptions;
import io.claimgate.authorizer.decision.Decision;
import io.claimgate.policy.Rule;
import io.claimgate.cli.UsageException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.network.ClientInformation;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.requests.RequestContext;
import org.apache.kafka.common.requests.RequestHeader;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.metadata.authorizer.StandardAcl;

/**
 * Decides cases with a real {@link ClaimAuthorizer}, set up as a KRaft node sets it up (configure,
 * ACLs as metadata records, initial load complete) and asked with Kafka's own
 * {@link RequestContext}: the decision code, ACL matching and super users are the broker's.
 */
final class CaseDecider implements AutoCloseable {
    private final ClaimAuthorizer authorizer = new ClaimAuthorizer();

    CaseDecider(Path policy, Map<String, Object> authorizerOptions, List<StandardAcl> acls) throws UsageException {
        Map<String, Object> configs = new HashMap<>(authorizerOptions);
        configs.putIfAbsent("node.id", "1");
        configs.put(AuthorizerOptions.POLICY_LOCATION, policy.toString());
        try {
            authorizer.configure(configs);
        } catch (ConfigException | IllegalArgumentException | IllegalStateException e) {
            throw new UsageException("the authorizer refuses this configuration: " + e.getMessage());
        }
        authorizer.loadSnapshot(Map.of());
        acls.forEach(acl -> authorizer.addAcl(Uuid.randomUuid(), acl));
        authorizer.completeInitialLoad();
    }

    /** The decision for one case; its own ACLs are added for it and removed afterwards. */
    Decision decide(PolicyCase testCase) throws UsageException {
        List<Uuid> added = new ArrayList<>();
        for (StandardAcl acl : testCase.acls()) {
            Uuid id = Uuid.randomUuid();
            authorizer.addAcl(id, acl);
            added.add(id);
        }
        try {
            return authorizer.explain(request(testCase), testCase.action());
        } finally {
            added.forEach(authorizer::removeAcl);
        }
    }

    /** What decided, with the rule's place in the policy file. */
    static String decidedBy(Decision decision) {
        String where = decision.decidedBy() instanceof Rule rule ? " at " + rule.location()
                : decision.decidedBy() instanceof AclEntry ? " (Kafka ACL)" : "";
        return decision.reason() + where;
    }

    private static RequestContext request(PolicyCase testCase) throws UsageException {
        InetAddress address;
        try {
            address = InetAddress.getByName(testCase.clientAddress());
        } catch (UnknownHostException e) {
            throw new UsageException(testCase.where() + ": client: not an IP address: " + testCase.clientAddress());
        }
        ApiKeys api = ApiKeys.METADATA;
        return new RequestContext(new RequestHeader(api, api.latestVersion(), "claimgate-cli", 1), "cli", address,
                testCase.principal(), ListenerName.normalised(testCase.listener()), SecurityProtocol.SASL_SSL,
                ClientInformation.EMPTY, false);
    }

    @Override
    public void close() throws IOException {
        authorizer.close();
    }
}
