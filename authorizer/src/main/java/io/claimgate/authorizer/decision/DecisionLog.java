package io.claimgate.authorizer.decision;

import io.claimgate.authorizer.kafka.KafkaRules;
import io.claimgate.common.text.Sanitizer;
import org.apache.kafka.server.authorizer.Action;
import org.apache.kafka.server.authorizer.AuthorizableRequestContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decision log lines, on the logger {@value #LOGGER} (route it like Kafka's
 * {@code kafka.authorizer.logger}). Like Kafka, a denial is logged at INFO when the request
 * explicitly asked for the resource ({@link Action#logIfDenied()}), and at DEBUG when Kafka is only
 * filtering (e.g. which topics a metadata request may see); allows are logged at DEBUG/TRACE.
 *
 * <pre>
 * Denied User:client2 WRITE on TOPIC:orders (PRODUCE from 10.0.0.7 via SASL_SSL): no rule matched
 * </pre>
 * Principal and resource names come from clients (a group id or transactional id is any string;
 * a principal of another listener or handler is not bound by claimgate's name rules), and the
 * reason may quote an ACL's principal: all go through {@link Sanitizer}, so a line can be neither
 * forged nor hidden by line breaks, bidi controls or terminal escapes.
 */
final class DecisionLog {
    static final String LOGGER = "io.claimgate.authorizer.decisions";
    /** Long enough for any topic name (249) and realistic principal names, group ids and reasons. */
    private static final int MAX_NAME = 256;
    private static final int MAX_REASON = 1024;
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

    void denied(AuthorizableRequestContext context, Action action, Decision decision) {
        if (action.logIfDenied()) {
            if (LOG.isInfoEnabled()) {
                LOG.info("Denied {}: {}", describe(context, action), reason(decision));
            }
        } else if (LOG.isDebugEnabled()) {
            LOG.debug("Denied {}: {}", describe(context, action), reason(decision));
        }
    }

    void auditAllowed(AuthorizableRequestContext context, Action action, Decision decision) {
        if (action.logIfDenied()) {
            if (LOG.isInfoEnabled()) {
                LOG.info("Audit mode, would deny {}: {}; allowed because claimgate.authorizer.mode=audit",
                        describe(context, action), reason(decision));
            }
        } else if (LOG.isDebugEnabled()) {
            LOG.debug("Audit mode, would deny {}: {}", describe(context, action), reason(decision));
        }
    }

    void allowed(AuthorizableRequestContext context, Action action, Decision decision) {
        if (action.logIfAllowed() ? LOG.isDebugEnabled() : LOG.isTraceEnabled()) {
            String line = "Allowed " + describe(context, action) + ": " + reason(decision);
            if (action.logIfAllowed()) {
                LOG.debug(line);
            } else {
                LOG.trace(line);
            }
        }
    }

    void failed(AuthorizableRequestContext context, Action action, RuntimeException e) {
        LOG.error("Authorization of {} failed; denied", describe(context, action), e);
    }

    static String describe(AuthorizableRequestContext context, Action action) {
        return Sanitizer.sanitize(context.principal().getPrincipalType(), MAX_NAME) + ":"
                + Sanitizer.sanitize(context.principal().getName(), MAX_NAME) + " "
                + action.operation() + " on " + action.resourcePattern().resourceType() + ":"
                + Sanitizer.sanitize(action.resourcePattern().name(), MAX_NAME) + " ("
                + KafkaRules.requestName(context.requestType()) + " from "
                + (context.clientAddress() == null ? "?" : context.clientAddress().getHostAddress())
                + " via " + context.listenerName() + ")";
    }

    private static String reason(Decision decision) {
        return Sanitizer.sanitize(decision.reason(), MAX_REASON);
    }
}
