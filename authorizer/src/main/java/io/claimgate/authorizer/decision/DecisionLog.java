package io.claimgate.authorizer.decision;

import org.apache.kafka.common.protocol.ApiKeys;
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
 */
final class DecisionLog {
    static final String LOGGER = "io.claimgate.authorizer.decisions";
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

    void denied(AuthorizableRequestContext context, Action action, Decision decision) {
        if (action.logIfDenied()) {
            if (LOG.isInfoEnabled()) {
                LOG.info("Denied {}: {}", describe(context, action), decision.reason());
            }
        } else if (LOG.isDebugEnabled()) {
            LOG.debug("Denied {}: {}", describe(context, action), decision.reason());
        }
    }

    void auditAllowed(AuthorizableRequestContext context, Action action, Decision decision) {
        if (action.logIfDenied()) {
            if (LOG.isInfoEnabled()) {
                LOG.info("Audit mode, would deny {}: {}; allowed because claimgate.authorizer.mode=audit",
                        describe(context, action), decision.reason());
            }
        } else if (LOG.isDebugEnabled()) {
            LOG.debug("Audit mode, would deny {}: {}", describe(context, action), decision.reason());
        }
    }

    void allowed(AuthorizableRequestContext context, Action action, Decision decision) {
        if (action.logIfAllowed() ? LOG.isDebugEnabled() : LOG.isTraceEnabled()) {
            String line = "Allowed " + describe(context, action) + ": " + decision.reason();
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
        return context.principal().getPrincipalType() + ":" + context.principal().getName() + " "
                + action.operation() + " on " + action.resourcePattern().resourceType() + ":"
                + action.resourcePattern().name() + " (" + requestName(context.requestType()) + " from "
                + (context.clientAddress() == null ? "?" : context.clientAddress().getHostAddress())
                + " via " + context.listenerName() + ")";
    }

    private static String requestName(int apiKey) {
        try {
            return ApiKeys.forId(apiKey).name;
        } catch (IllegalArgumentException e) {
            return "request " + apiKey;
        }
    }
}
