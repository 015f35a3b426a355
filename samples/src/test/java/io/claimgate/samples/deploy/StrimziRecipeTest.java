package io.claimgate.samples.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.claimgate.common.config.OptionNames;
import io.claimgate.samples.SampleConfig;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.strimzi.api.kafka.model.common.authentication.KafkaClientAuthenticationCustom;
import io.strimzi.api.kafka.model.common.template.AdditionalVolume;
import io.strimzi.api.kafka.model.common.template.ContainerEnvVar;
import io.strimzi.api.kafka.model.common.template.ContainerTemplate;
import io.strimzi.api.kafka.model.common.template.PodTemplate;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.api.kafka.model.connect.KafkaConnectSpec;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.kafka.KafkaAuthorizationCustom;
import io.strimzi.api.kafka.model.kafka.KafkaClusterSpec;
import io.strimzi.api.kafka.model.kafka.listener.GenericKafkaListener;
import io.strimzi.api.kafka.model.kafka.listener.KafkaListenerAuthenticationCustom;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.nodepool.ProcessRoles;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * deploy/strimzi/kafka.yaml and kafka-connect.yaml, parsed into Strimzi's own model classes
 * (io.strimzi:api) the way the operator reads them, so every field name is one Strimzi knows; and
 * the values are claimgate's: class names that the shipped jar carries, JAAS options claimgate
 * accepts, config keys Strimzi passes through, the same options as the samples the tests run.
 */
class StrimziRecipeTest {
    /** Strimzi's models keep unknown fields (additionalProperties) instead of failing; see {@link #noUnknownFields}. */
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private static List<JsonNode> documents(String file) throws Exception {
        try (var values = YAML.readerFor(JsonNode.class).readValues(Recipes.read(Recipes.DEPLOY.resolve("strimzi/" + file)))) {
            return values.readAll().stream().map(JsonNode.class::cast).toList();
        }
    }

    private static <T> T document(String file, String kind, Class<T> type) throws Exception {
        List<JsonNode> matching = documents(file).stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
        assertEquals(1, matching.size(), file + " has one " + kind);
        T parsed = YAML.treeToValue(matching.get(0), type);
        noUnknownFields(parsed, file + " " + kind);
        return parsed;
    }

    @Test
    void kafkaResourceUsesClaimgateForAuthenticationAndAuthorization() throws Exception {
        Kafka kafka = document("kafka.yaml", "Kafka", Kafka.class);
        KafkaNodePool pool = document("kafka.yaml", "KafkaNodePool", KafkaNodePool.class);
        KafkaClusterSpec spec = kafka.getSpec().getKafka();

        assertEquals(kafka.getMetadata().getName(), pool.getMetadata().getLabels().get("strimzi.io/cluster"));
        assertEquals("enabled", kafka.getMetadata().getAnnotations().get("strimzi.io/node-pools"));
        assertEquals(Set.of(ProcessRoles.CONTROLLER, ProcessRoles.BROKER), Set.copyOf(pool.getSpec().getRoles()));

        GenericKafkaListener external = spec.getListeners().stream()
                .filter(l -> l.getAuth() instanceof KafkaListenerAuthenticationCustom).findFirst().orElseThrow();
        KafkaListenerAuthenticationCustom auth = (KafkaListenerAuthenticationCustom) external.getAuth();
        assertTrue(auth.isSasl());
        Map<String, Object> listenerConfig = auth.getListenerConfig();
        notForbidden(listenerConfig.keySet(), KafkaListenerAuthenticationCustom.FORBIDDEN_PREFIXES, "");
        assertEquals("OAUTHBEARER", listenerConfig.get("sasl.enabled.mechanisms"));

        // The same classes and options as samples/config/server.properties, which the quickstart runs.
        Properties sample = SampleConfig.properties("server.properties", placeholderValues("server.properties"));
        String handler = (String) listenerConfig.get("oauthbearer.sasl.server.callback.handler.class");
        assertEquals(sample.getProperty("listener.name.external.oauthbearer.sasl.server.callback.handler.class"), handler);
        assertTrue(Recipes.brokerJarHas(handler));
        Map<String, ?> jaas = Recipes.jaasOptions((String) listenerConfig.get("oauthbearer.sasl.jaas.config"));
        claimgateAccepts(jaas.keySet());
        Set<String> sampleOptions = Recipes.jaasOptions(
                sample.getProperty("listener.name.external.oauthbearer.sasl.jaas.config")).keySet().stream()
                .map(String.class::cast).collect(Collectors.toCollection(TreeSet::new));
        assertTrue(jaas.keySet().containsAll(sampleOptions), "every option of the sample's listener: " + sampleOptions);

        // The IdP's CA arrives as a listener secret, mounted where the trust store option points.
        var secret = auth.getSecrets().get(0);
        assertEquals("/opt/kafka/custom-authn-secrets/custom-listener-" + external.getName() + "-" + external.getPort()
                + "/" + secret.getSecretName() + "/" + secret.getKey(), jaas.get(OptionNames.SSL_TRUSTSTORE_LOCATION));

        KafkaAuthorizationCustom authorization = assertInstanceOf(KafkaAuthorizationCustom.class, spec.getAuthorization());
        assertEquals(sample.getProperty("authorizer.class.name"), authorization.getAuthorizerClass());
        assertTrue(Recipes.brokerJarHas(authorization.getAuthorizerClass()));
        assertTrue(authorization.isSupportsAdminApi(), "ClaimAuthorizer keeps Kafka's ACL API");
        assertFalse(authorization.getSuperUsers().isEmpty());

        Map<String, Object> config = spec.getConfig();
        notForbidden(config.keySet(), KafkaClusterSpec.FORBIDDEN_PREFIXES, KafkaClusterSpec.FORBIDDEN_PREFIX_EXCEPTIONS);
        assertEquals(sample.getProperty("principal.builder.class"), config.get("principal.builder.class"));
        assertTrue(Recipes.brokerJarHas((String) config.get("principal.builder.class")));
        assertPolicyMounted((String) config.get("claimgate.policy.location"), spec.getTemplate().getPod(),
                spec.getTemplate().getKafkaContainer(), "claimgate-policy");

        assertTrue(spec.getJvmOptions().getJavaSystemProperties().stream().anyMatch(p ->
                p.getName().equals("org.apache.kafka.sasl.oauthbearer.allowed.urls")
                        && p.getValue().contains((String) jaas.get(OptionNames.JWKS_ENDPOINT_URI))),
                "Kafka may fetch the JWKS");
    }

    @Test
    void kafkaConnectResourceAddsTheRestExtensionAndLogsInWithClaimgate() throws Exception {
        KafkaConnect connect = document("kafka-connect.yaml", "KafkaConnect", KafkaConnect.class);
        KafkaConnectSpec spec = connect.getSpec();

        // The worker's own clients: claimgate's login handler, the secret from the environment.
        KafkaClientAuthenticationCustom auth = assertInstanceOf(KafkaClientAuthenticationCustom.class, spec.getAuthentication());
        assertTrue(auth.isSasl());
        Set<String> allowed = Set.of(KafkaClientAuthenticationCustom.ALLOWED_PREFIXES.split(",\\s*"));
        auth.getConfig().keySet().forEach(key -> assertTrue(allowed.stream().anyMatch(key::startsWith),
                key + " is passed through by Strimzi (" + allowed + ")"));
        assertEquals(SampleConfig.properties("client1.properties", placeholderValues("client1.properties"))
                .getProperty("sasl.login.callback.handler.class"), auth.getConfig().get("sasl.login.callback.handler.class"));
        assertTrue(Recipes.brokerJarHas((String) auth.getConfig().get("sasl.login.callback.handler.class")));
        Map<String, ?> jaas = Recipes.jaasOptions((String) auth.getConfig().get("sasl.jaas.config"));
        claimgateAccepts(jaas.keySet());
        assertFalse(jaas.containsKey(OptionNames.CLIENT_SECRET), "no secret in the resource");
        ContainerEnvVar secret = spec.getTemplate().getConnectContainer().getEnv().stream()
                .filter(e -> e.getName().equals("OAUTH_CLIENT_SECRET")).findFirst().orElseThrow();
        assertFalse(secret.getValueFrom().getSecretKeyRef().getName().isBlank(), "from a Secret");

        // The worker configuration is samples/config/connect-worker.properties, which ConnectSampleTest runs.
        Map<String, Object> config = spec.getConfig();
        Properties sample = SampleConfig.properties("connect-worker.properties", placeholderValues("connect-worker.properties"));
        sample.stringPropertyNames().forEach(key -> assertTrue(config.containsKey(key), "connect-worker.properties has " + key));
        assertEquals(sample.getProperty("rest.extension.classes"), config.get("rest.extension.classes"));
        assertTrue(Recipes.brokerJarHas((String) config.get("rest.extension.classes")));
        claimgateAccepts(config.keySet().stream().filter(k -> k.startsWith("oauth.")).toList());
        assertPolicyMounted((String) config.get("claimgate.policy.location"), spec.getTemplate().getPod(),
                spec.getTemplate().getConnectContainer(), "claimgate-connect-policy");

        // What docs/DEPLOYING.md says: of all of it, Strimzi 0.49 drops only rest.extension.classes.
        Set<String> dropped = new TreeSet<>(forbidden(config.keySet(), KafkaConnectSpec.FORBIDDEN_PREFIXES,
                KafkaConnectSpec.FORBIDDEN_PREFIX_EXCEPTIONS));
        assertEquals(Set.of("rest.extension.classes"), dropped);
    }

    /** The recipe's ConfigMap volume is mounted where claimgate.policy.location points. */
    private static void assertPolicyMounted(String location, PodTemplate pod, ContainerTemplate container, String configMap) {
        AdditionalVolume volume = pod.getVolumes().stream().filter(v -> v.getConfigMap() != null
                && configMap.equals(v.getConfigMap().getName())).findFirst().orElseThrow();
        VolumeMount mount = container.getVolumeMounts().stream().filter(m -> m.getName().equals(volume.getName()))
                .findFirst().orElseThrow();
        assertTrue(mount.getMountPath().startsWith("/mnt/"), "Strimzi mounts additional volumes only under /mnt");
        assertEquals(mount.getMountPath() + "/policy.yaml", location);
    }

    /** As claimgate's option reader does on start-up: an unknown {@code oauth.} option fails. */
    private static void claimgateAccepts(Collection<?> options) {
        options.stream().map(String.class::cast).filter(o -> o.startsWith("oauth."))
                .forEach(o -> assertTrue(OptionNames.ALL.contains(o), o + " is a claimgate option"));
    }

    private static void notForbidden(Set<String> keys, String prefixes, String exceptions) {
        assertEquals(List.of(), forbidden(keys, prefixes, exceptions), "Strimzi would drop these");
    }

    /** Strimzi's rule: a key starting with a forbidden prefix is dropped unless it is an exception. */
    private static List<String> forbidden(Set<String> keys, String prefixes, String exceptions) {
        List<String> prefixList = Arrays.asList(prefixes.split(",\\s*"));
        Set<String> exceptionSet = exceptions.isEmpty() ? Set.of() : Set.of(exceptions.split(",\\s*"));
        return keys.stream().filter(k -> !exceptionSet.contains(k) && prefixList.stream().anyMatch(k::startsWith)).toList();
    }

    private static Map<String, String> placeholderValues(String file) {
        Map<String, String> values = new TreeMap<>();
        SampleConfig.placeholders(file).forEach(name -> values.put(name, "value-of-" + name));
        return values;
    }

    /**
     * Strimzi's and fabric8's model classes put fields they do not know into additionalProperties
     * rather than failing (so an old operator can read a newer resource); a misspelt field would
     * be silently ignored there, so every object reached from the resource must have none.
     */
    private static void noUnknownFields(Object root, String where) {
        List<String> unknown = new ArrayList<>();
        walk(root, where, unknown, new IdentityHashMap<>());
        assertEquals(List.of(), unknown, "fields the model does not know");
    }

    private static void walk(Object value, String path, List<String> unknown, IdentityHashMap<Object, Boolean> seen) {
        if (value == null || seen.put(value, true) != null) {
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> walk(v, path + "." + k, unknown, seen));
            return;
        }
        if (value instanceof Collection<?> list) {
            int i = 0;
            for (Object item : list) {
                walk(item, path + "[" + i++ + "]", unknown, seen);
            }
            return;
        }
        String pkg = value.getClass().getPackageName();
        if (!pkg.startsWith("io.strimzi.") && !pkg.startsWith("io.fabric8.")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || getter.getDeclaringClass() == Object.class
                    || !(getter.getName().startsWith("get") || getter.getName().startsWith("is"))) {
                continue;
            }
            Object child;
            try {
                child = getter.invoke(value);
            } catch (ReflectiveOperationException | RuntimeException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    unknown.add(path + ": " + extra.keySet());
                }
            } else {
                walk(child, path + "." + getter.getName(), unknown, seen);
            }
        }
    }
}
