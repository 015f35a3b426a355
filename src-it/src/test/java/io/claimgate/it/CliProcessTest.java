package io.claimgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/claimgate's jar as a process, as operators run it: {@code java -jar claimgate-cli-*.jar},
 * against the sample broker configuration with the embedded IdP's URLs filled in.
 */
class CliProcessTest {
    private static EmbeddedIdp idp;
    private static Path serverProperties;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws IOException {
        idp = EmbeddedIdp.start();
        String sample = Files.readString(Path.of("../samples/config/server.properties"));
        serverProperties = Files.writeString(dir.resolve("server.properties"), sample
                .replace("${IDP_JWKS_URI}", idp.jwksUri()).replace("${IDP_ISSUER}", idp.issuerUri())
                .replace("${EXTERNAL_PORT}", "9092").replace("${INTERNAL_PORT}", "9093")
                .replace("${CONTROLLER_PORT}", "9094").replace("${LOG_DIR}", dir.toString())
                .replace("${POLICY_FILE}", Path.of("../samples/config/policy.yaml").toAbsolutePath().toString()));
    }

    @AfterAll
    static void stop() {
        idp.close();
    }

    @Test
    void anAcceptedTokenIsExplainedStepByStepWithoutPrintingIt() throws Exception {
        String token = idp.issueToken(EmbeddedIdp.CLIENT1);
        Result run = explain(token, "EXTERNAL");
        assertEquals(0, run.exit, run.output);
        for (String step : List.of("header:      alg=RS256 kid=" + idp.currentKeyId(), "algorithm:   RS256 allowed",
                "signature:   valid", "iss:         " + idp.issuerUri() + " (expected, ok)", "aud:         [kafka] (one of [kafka], ok)",
                "exp:", "principal:   User:client1", "ACCEPTED")) {
            assertTrue(run.output.contains(step), step + " missing in:\n" + run.output);
        }
        String signature = token.substring(token.lastIndexOf('.') + 1);
        assertFalse(run.output.contains(signature), "the signature was printed:\n" + run.output);
        assertFalse(run.output.contains(token), "the token was printed");
    }

    @Test
    void theTokenMayComeFromStandardInput() throws Exception {
        Result run = run(idp.issueToken(EmbeddedIdp.CLIENT2) + "\n", "token", "explain", "--config",
                serverProperties.toString(), "--listener", "external", "-");
        assertEquals(0, run.exit, run.output);
        assertTrue(run.output.contains("principal:   User:client2"), run.output);
    }

    @Test
    void refusalsNameTheValidatorsReason() throws Exception {
        Result expired = explain(idp.issueToken(EmbeddedIdp.CLIENT1, Map.of(), Duration.ofMinutes(-10)), "EXTERNAL");
        assertEquals(1, expired.exit, expired.output);
        assertTrue(expired.output.contains("REFUSED EXPIRED: "), expired.output);

        String forged = idp.issueForgedToken(EmbeddedIdp.CLIENT1, Map.of(), Duration.ofMinutes(5));
        Result badSignature = explain(forged, "EXTERNAL");
        assertEquals(1, badSignature.exit, badSignature.output);
        assertTrue(badSignature.output.contains("REFUSED BAD_SIGNATURE: "), badSignature.output);
        assertFalse(badSignature.output.contains(forged.substring(forged.lastIndexOf('.') + 1)), badSignature.output);

        Result wrongAudience = explain(idp.issueToken(EmbeddedIdp.CLIENT1, Map.of("aud", "billing"),
                Duration.ofMinutes(5)), "EXTERNAL");
        assertEquals(1, wrongAudience.exit, wrongAudience.output);
        assertTrue(wrongAudience.output.contains("REFUSED WRONG_AUDIENCE: "), wrongAudience.output);
    }

    @Test
    void anUnknownListenerIsAConfigurationError() throws Exception {
        Result run = explain(idp.issueToken(EmbeddedIdp.CLIENT1), "PUBLIC");
        assertEquals(2, run.exit, run.output);
        assertTrue(run.output.contains("unknown listener 'PUBLIC'") && run.output.contains("EXTERNAL, INTERNAL, CONTROLLER"),
                run.output);
        Result notOAuth = explain(idp.issueToken(EmbeddedIdp.CLIENT1), "INTERNAL");
        assertEquals(2, notOAuth.exit, notOAuth.output);
        assertTrue(notOAuth.output.contains("does not validate tokens with claimgate"), notOAuth.output);
    }

    @Test
    void theSamplePolicyPassesItsCasesAndLints() throws Exception {
        Result test = run("", "policy", "test", "../samples/config/policy.yaml", "../samples/config/policy-cases.yaml");
        assertEquals(0, test.exit, test.output);
        assertTrue(test.output.contains("PASS: 19/19 cases passed"), test.output);
        Result lint = run("", "policy", "lint", "--strict", "../samples/config/policy.yaml");
        assertEquals(0, lint.exit, lint.output);
        Result usage = run("", "policy", "frobnicate");
        assertEquals(2, usage.exit, usage.output);
    }

    private static Result explain(String token, String listener) throws Exception {
        return run("", "token", "explain", "--config", serverProperties.toString(), "--listener", listener, token);
    }

    private record Result(int exit, String output) {
    }

    /** The CLI jar as a child process; standard error merged into the output. */
    private static Result run(String stdin, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-D" + Clients.ALLOWED_URLS_PROPERTY + "=" + idp.allowedUrls(), "-jar", cliJar().toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the CLI did not finish:\n" + output);
        }
        return new Result(process.exitValue(), output);
    }

    /** The runnable jar dist/cli builds (the reactor builds it before this module). */
    static Path cliJar() throws IOException {
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(Path.of("../dist/cli/target"), "claimgate-cli-*.jar")) {
            for (Path jar : jars) {
                return jar;
            }
        }
        throw new AssertionError("no dist/cli/target/claimgate-cli-*.jar; build dist/cli first");
    }
}
