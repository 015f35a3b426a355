package io.claimgate.cli.token;

import io.claimgate.cli.Arguments;
import io.claimgate.cli.ExitCode;
import io.claimgate.cli.UsageException;
import io.claimgate.common.config.OptionReader;
import io.claimgate.common.config.OptionSource;
import io.claimgate.server.IssuerOptions;
import io.claimgate.server.ValidatedToken;
import io.claimgate.server.ValidatorFactory;
import io.claimgate.server.ValidatorOptions;
import io.claimgate.server.validation.TokenValidationException;
import io.claimgate.server.validation.TokenValidator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.security.auth.KafkaPrincipal;

/**
 * {@code token explain --config <server.properties> --listener <name> <token|->}: validates one
 * token with the validator the broker builds for that listener, from the same options read the
 * same way (JAAS, {@code sasl.oauthbearer.*} fallbacks, environment), fetching JWKS and discovery
 * from the configured URLs only, and prints each step. Exit 0 accepted, 1 refused (with the
 * validator's reason code), 2 bad usage or configuration. Never prints the token or its signature.
 */
public final class TokenExplainCommand {
    /** Far above any real token; the validator's own limit still applies. */
    private static final int MAX_STDIN_BYTES = 1024 * 1024;

    private final InputStream in;
    private final PrintStream out;

    public TokenExplainCommand(InputStream in, PrintStream out) {
        this.in = in;
        this.out = out;
    }

    public int run(List<String> args) throws UsageException {
        Arguments arguments = Arguments.parse(args, Set.of("--config", "--listener"), Set.of());
        Path config = Path.of(arguments.required("--config"));
        String listenerName = arguments.required("--listener");
        String token = token(arguments.positionals(1, "<token|->").get(0));
        ListenerConfig listener = ListenerConfig.read(config, listenerName);
        ValidatorOptions options;
        try {
            options = ValidatorOptions.from(new OptionReader(OptionSource.of(listener.configs(), listener.jaasEntries())));
        } catch (KafkaException | IllegalArgumentException e) {
            throw new UsageException("listener '" + listener.listener() + "': " + e.getMessage());
        }
        printOptions(listener, options);
        Clock clock = Clock.systemUTC();
        TokenValidator validator;
        try {
            validator = ValidatorFactory.create(options, clock, new SimpleMeterRegistry(),
                    new TokenTrace(out, options, clock));
        } catch (KafkaException | IllegalArgumentException e) {
            throw new UsageException("listener '" + listener.listener() + "': the validator does not start: "
                    + e.getMessage());
        }
        try {
            ValidatedToken accepted = validator.validate(token);
            out.println("principal:   " + new KafkaPrincipal(KafkaPrincipal.USER_TYPE,
                    TokenTrace.clean(accepted.principalName())));
            out.println("groups:      " + TokenTrace.cleanAll(accepted.groups()));
            out.println("scopes:      " + TokenTrace.cleanAll(accepted.scope()));
            out.println("ACCEPTED");
            return ExitCode.OK;
        } catch (TokenValidationException e) {
            out.println("REFUSED " + e.reason() + ": " + e.detail());
            return ExitCode.FAILED;
        } finally {
            validator.close();
        }
    }

    private void printOptions(ListenerConfig listener, ValidatorOptions options) {
        out.println("listener:    " + listener.listener());
        for (IssuerOptions issuer : options.issuers()) {
            out.println("issuer:      '" + issuer.id() + "'"
                    + issuer.issuerUri().map(uri -> " discovery " + uri).orElse("")
                    + issuer.jwksUri().map(uri -> " jwks " + uri).orElse("")
                    + issuer.introspection().map(i -> " introspection" + i.endpoint().map(u -> " " + u).orElse(""))
                            .orElse(""));
        }
    }

    /** The token from the argument or, for {@code -}, standard input; surrounding whitespace dropped. */
    private String token(String argument) throws UsageException {
        String token = argument;
        if (argument.equals("-")) {
            try {
                byte[] bytes = in.readNBytes(MAX_STDIN_BYTES + 1);
                if (bytes.length > MAX_STDIN_BYTES) {
                    throw new UsageException("standard input holds more than " + MAX_STDIN_BYTES + " bytes; not a token");
                }
                token = new String(bytes, StandardCharsets.US_ASCII);
            } catch (IOException e) {
                throw new UsageException("cannot read the token from standard input: " + e.getMessage());
            }
        }
        token = token.strip();
        if (token.isEmpty()) {
            throw new UsageException("the token is empty");
        }
        return token;
    }
}
