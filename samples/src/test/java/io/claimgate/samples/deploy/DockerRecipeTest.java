package io.claimgate.samples.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.claimgate.samples.SampleConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/docker/Dockerfile (and deploy/strimzi/Dockerfile): everything they copy exists in the
 * repository or the build output, the configuration they copy is byte for byte the sample the
 * quickstart and the tests run, and the entrypoint renders it exactly as the quickstart does.
 */
class DockerRecipeTest {
    private static final Path DOCKERFILE = Recipes.DEPLOY.resolve("docker/Dockerfile");
    private static final Path ENTRYPOINT = Recipes.DEPLOY.resolve("docker/claimgate-entrypoint.sh");
    private static final Pattern ARG_DEFAULT = Pattern.compile("^ARG\\s+(\\w+)=(\\S+)\\s*$", Pattern.MULTILINE);

    private static Map<String, String> argDefaults(Path dockerfile) {
        Map<String, String> args = new TreeMap<>();
        Matcher m = ARG_DEFAULT.matcher(Recipes.read(dockerfile));
        while (m.find()) {
            args.put(m.group(1), m.group(2));
        }
        return args;
    }

    /** ENV name=value pairs (one instruction, continued lines). */
    private static Map<String, String> env(Path dockerfile) {
        Matcher block = Pattern.compile("^ENV\\s+((?:.*\\\\\\n)*.*)$", Pattern.MULTILINE).matcher(Recipes.read(dockerfile));
        Map<String, String> env = new TreeMap<>();
        while (block.find()) {
            Matcher pair = Pattern.compile("(\\w+)=(\\S+)").matcher(block.group(1));
            while (pair.find()) {
                env.put(pair.group(1), pair.group(2));
            }
        }
        return env;
    }

    @Test
    void extendsTheOfficialKafkaImageOfTheVersionClaimgateIsBuiltFor() {
        assertEquals("apache/kafka:" + Recipes.kafkaVersion(), argDefaults(DOCKERFILE).get("KAFKA_IMAGE"));
        assertTrue(Recipes.read(DOCKERFILE).contains("FROM ${KAFKA_IMAGE}"));
    }

    @Test
    void theStrimziImageCarriesAKafkaTheBrokerJarRunsOn() {
        // docs/CONFIGURATION.md, "Kafka versions": the broker jar runs on 4.0.1 and later.
        String image = argDefaults(Recipes.DEPLOY.resolve("strimzi/Dockerfile")).get("STRIMZI_KAFKA_IMAGE");
        Matcher version = Pattern.compile("-kafka-(\\d+)\\.(\\d+)\\.(\\d+)$").matcher(image);
        assertTrue(version.find(), image);
        int[] v = {Integer.parseInt(version.group(1)), Integer.parseInt(version.group(2)), Integer.parseInt(version.group(3))};
        assertTrue(java.util.Arrays.compare(v, new int[] {4, 0, 1}) >= 0, image + " has Kafka 4.0.1 or later");
    }

    @Test
    void everythingTheDockerfilesCopyExists() {
        for (Path dockerfile : List.of(DOCKERFILE, Recipes.DEPLOY.resolve("strimzi/Dockerfile"))) {
            Map<String, String> copies = Recipes.dockerCopies(dockerfile);
            assertFalse(copies.isEmpty(), dockerfile.toString());
            copies.keySet().forEach(source -> assertTrue(Files.isRegularFile(Recipes.ROOT.resolve(source)),
                    dockerfile + " copies " + source + ", which is not in the repository or the build output"));
            String jar = "dist/broker/target/claimgate-broker-" + Recipes.version() + ".jar";
            assertEquals("/opt/kafka/libs/", copies.get(jar), dockerfile + ": the broker jar goes onto Kafka's class path");
            assertEquals(Recipes.brokerJar(), Recipes.ROOT.resolve(jar));
        }
        assertTrue(Files.isExecutable(ENTRYPOINT), "COPY keeps the executable bit of the repository's file");
    }

    @Test
    void theConfigurationItCopiesIsTheOneTheQuickstartRuns() {
        Map<String, String> samples = new TreeMap<>();
        Recipes.dockerCopies(DOCKERFILE).forEach((source, destination) -> {
            if (source.startsWith("samples/config/")) {
                String name = source.substring("samples/config/".length());
                assertTrue(SampleConfig.FILES.contains(name), name + " is a sample the tests load");
                // SampleConfig reads the copy the build packaged for the quickstart: same bytes.
                assertEquals(SampleConfig.text(name), Recipes.read(Recipes.ROOT.resolve(source)), name);
                samples.put(name, destination);
            }
        });
        assertEquals(Set.of("server.properties", "policy.yaml"), samples.keySet());
        Map<String, String> env = env(DOCKERFILE);
        assertEquals(samples.get("policy.yaml"), env.get("POLICY_FILE"), "the broker reads the copied policy");
        assertTrue(Recipes.read(ENTRYPOINT).contains("CLAIMGATE_TEMPLATE:-" + samples.get("server.properties")),
                "the entrypoint renders the copied sample");

        // Only the IdP's addresses are left for whoever runs the image.
        Set<String> unset = new TreeSet<>(SampleConfig.placeholders("server.properties"));
        unset.removeAll(env.keySet());
        assertEquals(Set.of("IDP_ISSUER", "IDP_JWKS_URI"), unset);
    }

    @Test
    void theEntrypointRendersTheSampleAsTheQuickstartDoes(@TempDir Path dir) throws Exception {
        Map<String, String> values = new TreeMap<>(env(DOCKERFILE));
        values.put("IDP_JWKS_URI", "https://idp.example.com/jwks?a=1&b=$HOME\\x");
        values.put("IDP_ISSUER", "https://idp.example.com/");
        Path output = dir.resolve("server.properties");
        Result result = entrypoint(dir, values, output);

        assertEquals(0, result.exit, result.stderr);
        assertEquals(SampleConfig.render("server.properties", values), Files.readString(output),
                "no shell expansion, nothing left over: the same text the quickstart's broker runs with");
    }

    @Test
    void theEntrypointRefusesToStartWithAMissingValue(@TempDir Path dir) throws Exception {
        Map<String, String> values = new TreeMap<>(env(DOCKERFILE));
        values.put("IDP_ISSUER", "https://idp.example.com/");
        Path output = dir.resolve("server.properties");
        Result result = entrypoint(dir, values, output);

        assertEquals(2, result.exit);
        assertTrue(result.stderr.contains("${IDP_JWKS_URI}"), result.stderr);
        assertFalse(Files.exists(output), "no half-rendered configuration is left for Kafka's launcher");
        assertFalse(Files.exists(dir.resolve("ran")), "the command does not run");
    }

    private record Result(int exit, String stderr) {
    }

    /** Runs the entrypoint with exactly {@code values} as its environment; its command touches a file. */
    private static Result entrypoint(Path dir, Map<String, String> values, Path output) throws Exception {
        List<String> command = new ArrayList<>(List.of("sh", ENTRYPOINT.toString(), "touch", dir.resolve("ran").toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(dir.resolve("stderr").toFile());
        builder.environment().clear();
        builder.environment().put("PATH", "/usr/bin:/bin");
        builder.environment().putAll(values);
        builder.environment().put("CLAIMGATE_TEMPLATE", Recipes.ROOT.resolve("samples/config/server.properties").toString());
        builder.environment().put("CLAIMGATE_OUTPUT", output.toString());
        Process process = builder.start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "entrypoint finished");
        return new Result(process.exitValue(), Files.readString(dir.resolve("stderr")));
    }
}
