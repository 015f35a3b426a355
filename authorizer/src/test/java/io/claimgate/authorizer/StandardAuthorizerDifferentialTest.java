package io.claimgate.authorizer;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.security.auth.KafkaPrincipal;
import org.apache.kafka.metadata.authorizer.StandardAcl;
import org.apache.kafka.server.authorizer.Action;
import org.apache.kafka.server.authorizer.AuthorizableRequestContext;
import org.apache.kafka.server.authorizer.AuthorizationResult;
import org.apache.kafka.server.authorizer.Authorizer;
import org.junit.jupiter.api.Test;

/**
 * Without a policy file, {@link ClaimAuthorizer} must decide exactly as Kafka's
 * {@code StandardAuthorizer}: it re-implements Kafka's decision rules (deny wins, implied
 * operations, literal / prefixed / wildcard names, {@code User:*}, hosts, super users,
 * {@code allow.everyone.if.no.acl.found}, and {@code authorizeByResourceType}) over its own copy of
 * the ACLs, and this test compares the two on random ACL sets, random requesters and random actions.
 *
 * <p>Each world is a random configuration and ACL history: part of the ACLs arrive as the initial
 * snapshot, the rest as single adds, then some are removed and others added after the initial
 * load (decision caches must follow). Decisions are also asked before the initial load completes.
 * The seed is random per run and printed with any difference; replay it with
 * {@code -Dclaimgate.differential.seed=<seed>} and scale the run with
 * {@code -Dclaimgate.differential.worlds=<n>}. A difference is shrunk to a minimal ACL set first.
 *
 * <p>Two differences are intended and compared as such (see {@link KafkaParityTest}): a requester
 * named {@code User:*} is denied where Kafka throws, and a wildcard ACL covers names that begin
 * with {@code *}, which Kafka skips. Token groups (claimgate's {@code Group:} principals) have no
 * Kafka counterpart and are left out, but for one group that no ACL names.
 */
class StandardAuthorizerDifferentialTest {
    static final long MIN_DECISIONS = 100_000;
    private static final int DEFAULT_WORLDS = 300;
    private static final int MAX_ACLS = 30;
    private static final int REQUESTS_PER_PHASE = 100;
    private static final int BY_TYPE_PER_PHASE = 50;

    private long decisions;
    private long allowed;
    private long denied;
    private long refused;

    @Test
    void withoutPoliciesClaimAuthorizerDecidesLikeStandardAuthorizer() {
        long seed = Long.getLong("claimgate.differential.seed", new SecureRandom().nextLong());
        int worlds = Integer.getInteger("claimgate.differential.worlds", DEFAULT_WORLDS);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long started = System.nanoTime();
        long startedCpu = threads.getCurrentThreadCpuTime();
        Random random = new Random(seed);
        for (int world = 0; world < worlds; world++) {
            runWorld(new RandomAcls(new Random(random.nextLong())), seed, world);
        }
        System.out.printf("differential test: %d decisions compared in %d worlds (%d allowed, %d denied, %d refused),"
                + " 0 differences; %d ms (%d ms CPU); seed %d%n", decisions, worlds, allowed, denied, refused,
                (System.nanoTime() - started) / 1_000_000, (threads.getCurrentThreadCpuTime() - startedCpu) / 1_000_000,
                seed);
        if (worlds >= DEFAULT_WORLDS) {
            assertTrue(decisions >= MIN_DECISIONS, "only " + decisions + " decisions compared");
            // A generator that drifts into deciding (nearly) everything one way would compare little.
            assertTrue(allowed > decisions / 10 && denied > decisions / 10,
                    "one-sided worlds: " + allowed + " allowed, " + denied + " denied");
        }
    }

    private void runWorld(RandomAcls random, long seed, int world) {
        Map<String, Object> configs = random.configs();
        try (AuthorizerPair pair = new AuthorizerPair(configs)) {
            Context context = new Context(seed, world, configs, pair.acls());
            List<StandardAcl> initial = random.acls(MAX_ACLS);
            int inSnapshot = initial.isEmpty() ? 0 : random.pick(List.of(0, initial.size() / 2, initial.size()));
            Map<Uuid, StandardAcl> snapshot = new LinkedHashMap<>();
            initial.subList(0, inSnapshot).forEach(acl -> snapshot.put(random.id(), acl));
            pair.loadSnapshot(snapshot);
            compare(pair, random, context, 5, 5);   // not ready yet: only super users are allowed
            initial.subList(inSnapshot, initial.size()).forEach(acl -> pair.addAcl(random.id(), acl));
            pair.completeInitialLoad();
            compare(pair, random, context, REQUESTS_PER_PHASE, BY_TYPE_PER_PHASE);

            for (Uuid id : List.copyOf(pair.acls().keySet())) {
                if (random.chance(3)) {
                    pair.removeAcl(id);
                }
            }
            for (StandardAcl acl : random.acls(MAX_ACLS / 2)) {
                if (!pair.acls().containsValue(acl)) {   // Kafka refuses an ACL equal to one it holds
                    pair.addAcl(random.id(), acl);
                }
            }
            compare(pair, random, context, REQUESTS_PER_PHASE, BY_TYPE_PER_PHASE);
        }
    }

    private void compare(AuthorizerPair pair, RandomAcls random, Context context, int requests, int byTypes) {
        List<StandardAcl> acls = List.copyOf(context.acls.values());
        for (int i = 0; i < requests; i++) {
            AuthorizableRequestContext request = random.request();
            List<Action> actions = random.actions(acls);
            List<AuthorizationResult> allDenied = Collections.nCopies(actions.size(), AuthorizationResult.DENIED);
            List<String> starNames = actions.stream().map(action -> action.resourcePattern().name())
                    .filter(name -> name.length() > 1 && name.startsWith(ResourcePattern.WILDCARD_RESOURCE)).toList();
            check(pair, context, new Probe(request, "authorize " + actions,
                    authorizer -> authorizer.authorize(request, actions), String.valueOf(allDenied), starNames));
            decisions += actions.size();
        }
        for (int i = 0; i < byTypes; i++) {
            AuthorizableRequestContext request = random.request();
            AclOperation op = random.operation();
            ResourceType type = random.type();
            check(pair, context, new Probe(request, "authorizeByResourceType " + op + " " + type,
                    authorizer -> authorizer.authorizeByResourceType(request, op, type),
                    String.valueOf(AuthorizationResult.DENIED), List.of()));
            decisions++;
        }
    }

    private void check(AuthorizerPair pair, Context context, Probe probe) {
        AuthorizerPair.Answers answers = probe.ask(pair);
        if (!probe.agree(answers)) {
            fail(context.report(probe, answers));
        }
        String answer = answers.claimgate();
        allowed += occurrences(answer, AuthorizationResult.ALLOWED.name());
        denied += occurrences(answer, AuthorizationResult.DENIED.name());
        refused += answer.startsWith("threw ") ? 1 : 0;
    }

    private static int occurrences(String text, String word) {
        int count = 0;
        for (int at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + word.length())) {
            count++;
        }
        return count;
    }

    /**
     * One question asked of both authorizers.
     *
     * @param allDenied the answer when everything asked is denied
     * @param starNames resource names asked about that start with {@code *} (and are longer), on which
     *                  Kafka's answer needs {@link AuthorizerPair#askWithWildcardsOn its wildcard fix}
     */
    record Probe(AuthorizableRequestContext request, String question, Function<Authorizer, Object> call,
                 String allDenied, List<String> starNames) {
        AuthorizerPair.Answers ask(AuthorizerPair pair) {
            return starNames.isEmpty() ? pair.ask(call) : pair.askWithWildcardsOn(starNames, call);
        }

        /**
         * Equal answers, or the one refusal the two express differently: Kafka refuses a requester
         * named {@code User:*} (the ACL wildcard) with an IllegalArgumentException, claimgate denies
         * it; either way the client gets nothing (super users and the not-ready check come first in both).
         */
        boolean agree(AuthorizerPair.Answers answers) {
            return !answers.differ() || (isWildcardUser(request.principal())
                    && answers.kafka().equals("threw " + IllegalArgumentException.class.getSimpleName())
                    && answers.claimgate().equals(allDenied));
        }

        String description() {
            return request.principal() + " from " + request.clientAddress().getHostAddress() + " " + question
                    + (starNames.isEmpty() ? "" : " (Kafka's wildcard ACLs spelled out for " + starNames + ")");
        }

        private static boolean isWildcardUser(KafkaPrincipal principal) {
            return KafkaPrincipal.USER_TYPE.equals(principal.getPrincipalType()) && "*".equals(principal.getName());
        }
    }

    /** Where a world stands, for the report of a difference; {@code acls} is the pair's live view. */
    record Context(long seed, int world, Map<String, Object> configs, Map<Uuid, StandardAcl> acls) {
        String report(Probe probe, AuthorizerPair.Answers answers) {
            List<StandardAcl> minimal = shrink(new ArrayList<>(acls.values()), probe);
            return "ClaimAuthorizer and StandardAuthorizer differ (seed " + seed + ", world " + world
                    + "; replay with -Dclaimgate.differential.seed=" + seed + ")\n  config: " + configs
                    + "\n  question: " + probe.description() + "\n  claimgate: " + answers.claimgate()
                    + "\n  kafka:     " + answers.kafka() + "\n  ACLs at the time: " + acls.size()
                    + (minimal == null ? " (the difference depends on the load history; not shrunk)"
                            : "\n  smallest ACL set that still differs: " + minimal);
        }

        /** The smallest ACL set (loaded as one snapshot) found to still differ, or null if none does. */
        private List<StandardAcl> shrink(List<StandardAcl> candidates, Probe probe) {
            if (!differs(candidates, probe)) {
                return null;
            }
            for (int i = candidates.size() - 1; i >= 0; i--) {
                List<StandardAcl> without = new ArrayList<>(candidates);
                without.remove(i);
                if (differs(without, probe)) {
                    candidates = without;
                }
            }
            return candidates;
        }

        private boolean differs(List<StandardAcl> candidates, Probe probe) {
            try (AuthorizerPair pair = AuthorizerPair.loaded(new HashMap<>(configs), candidates)) {
                return !probe.agree(probe.ask(pair));
            }
        }
    }
}
