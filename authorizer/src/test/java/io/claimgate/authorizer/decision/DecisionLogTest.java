package io.claimgate.authorizer.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.security.auth.KafkaPrincipal;
import org.apache.kafka.server.authorizer.Action;
import org.junit.jupiter.api.Test;

/**
 * A decision log line cannot be forged or hidden: principal names (another listener's or another
 * handler's principal is not bound by claimgate's name rules) and resource names (a group id is
 * any string a client picks) are printed sanitised.
 */
class DecisionLogTest {

    @Test
    void principalAndResourceNamesArePrintedSanitised() throws Exception {
        var context = new SubjectKeysTest.Context(new KafkaPrincipal(KafkaPrincipal.USER_TYPE, "ad\u202emin\r\n"),
                InetAddress.getByName("10.0.0.7"));
        Action action = new Action(AclOperation.READ, new ResourcePattern(ResourceType.GROUP,
                "grp\u001b[2J\nDenied User:admin", PatternType.LITERAL), 1, true, true);

        assertEquals("User:ad?min?? READ on GROUP:grp?[2J?Denied User:admin (Produce from 10.0.0.7 via SASL_SSL)",
                DecisionLog.describe(context, action));
    }

    @Test
    void longNamesAreKeptUpTo256Characters() throws Exception {
        String group = "g".repeat(256);
        var context = new SubjectKeysTest.Context(new KafkaPrincipal(KafkaPrincipal.USER_TYPE, "svc"),
                InetAddress.getByName("10.0.0.7"));
        Action action = new Action(AclOperation.READ, new ResourcePattern(ResourceType.GROUP, group + "-tail",
                PatternType.LITERAL), 1, true, true);

        assertEquals("User:svc READ on GROUP:" + group + "... (Produce from 10.0.0.7 via SASL_SSL)",
                DecisionLog.describe(context, action));
    }
}
