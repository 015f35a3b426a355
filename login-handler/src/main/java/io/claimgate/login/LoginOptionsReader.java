package io.claimgate.login;

import static io.claimgate.common.config.OptionNames.ACCESS_TOKEN;
import static io.claimgate.common.config.OptionNames.ACCESS_TOKEN_LOCATION;
import static io.claimgate.common.config.OptionNames.ASSERTION_LOCATION;
import static io.claimgate.common.config.OptionNames.AUDIENCE;
import static io.claimgate.common.config.OptionNames.CLIENT_ASSERTION_KEY_LOCATION;
import static io.claimgate.common.config.OptionNames.CLIENT_ASSERTION_LOCATION;
import static io.claimgate.common.config.OptionNames.CLIENT_AUTH_METHOD;
import static io.claimgate.common.config.OptionNames.CLIENT_ID;
import static io.claimgate.common.config.OptionNames.CLIENT_SECRET;
import static io.claimgate.common.config.OptionNames.GRANT_TYPE;
import static io.claimgate.common.config.OptionNames.ISSUER_URI;
import static io.claimgate.common.config.OptionNames.SCOPE;
import static io.claimgate.common.config.OptionNames.TOKEN_ENDPOINT_URI;
import static io.claimgate.common.config.OptionNames.TOKEN_SHARING;

import io.claimgate.common.config.InvalidOptionException;
import io.claimgate.common.config.Option;
import io.claimgate.common.config.OptionNames;
import io.claimgate.common.config.OptionReader;
import io.claimgate.common.config.OptionSource;
import io.claimgate.common.http.AllowedUrls;
import io.claimgate.common.oidc.OidcDiscovery;
import io.claimgate.common.http.HttpSettings;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@link LoginOptions} from the JAAS options, once, in {@code configure()}: which token
 * source is configured (exactly one), how the client authenticates to the token endpoint and which
 * grant it asks for. Every failure is an {@link InvalidOptionException} naming the option.
 */
final class LoginOptionsReader {
    private LoginOptionsReader() {
    }

    /** Reads every login option; throws {@link InvalidOptionException} naming the first bad one. */
    static LoginOptions read(OptionReader reader) {
        reader.rejectUnknownOptions(Set.of(OptionNames.SASL_EXTENSION_PREFIX, OptionNames.ISSUER_PREFIX));
        LoginOptions.Source source = source(reader);
        HttpSettings http = HttpSettings.from(reader);
        return new LoginOptions(source, http, SaslExtensionOptions.from(reader.source()),
                reader.bool(Option.TOKEN_SHARING));
    }

    private static LoginOptions.Source source(OptionReader reader) {
        Optional<String> endpointText = reader.string(TOKEN_ENDPOINT_URI);
        // Kafka's built-in handler takes a file: URL in sasl.oauthbearer.token.endpoint.url to mean
        // "read the token from this file"; keep that working after the class name is swapped.
        boolean endpointIsFile = endpointText.filter(v -> v.regionMatches(true, 0, "file:", 0, 5)).isPresent();
        List<String> given = new ArrayList<>();
        if (endpointText.isPresent()) {
            given.add(TOKEN_ENDPOINT_URI);
        }
        reader.string(ACCESS_TOKEN).ifPresent(v -> given.add(ACCESS_TOKEN));
        reader.string(ACCESS_TOKEN_LOCATION).ifPresent(v -> given.add(ACCESS_TOKEN_LOCATION));
        if (given.size() > 1) {
            throw new InvalidOptionException(given.get(1), "conflicts with " + given.get(0)
                    + ": configure exactly one token source (" + TOKEN_ENDPOINT_URI + " or " + ISSUER_URI
                    + " with client credentials, or " + ACCESS_TOKEN + ", or " + ACCESS_TOKEN_LOCATION + ")");
        }
        if (given.isEmpty() && reader.string(ISSUER_URI).isEmpty()) {
            throw reader.missing(TOKEN_ENDPOINT_URI, "where to get access tokens; or use " + ISSUER_URI
                    + " (OIDC discovery), " + ACCESS_TOKEN + " or " + ACCESS_TOKEN_LOCATION);
        }
        if (given.contains(ACCESS_TOKEN)) {
            rejectEndpointOnlyOptions(reader, ACCESS_TOKEN);
            return new LoginOptions.StaticToken(staticToken(reader));
        }
        if (given.contains(ACCESS_TOKEN_LOCATION)) {
            rejectEndpointOnlyOptions(reader, ACCESS_TOKEN_LOCATION);
            return new LoginOptions.TokenFile(reader.readableFile(ACCESS_TOKEN_LOCATION).orElseThrow());
        }
        if (endpointIsFile) {
            rejectEndpointOnlyOptions(reader, TOKEN_ENDPOINT_URI);
            return new LoginOptions.TokenFile(fileUrl(reader));
        }
        return endpoint(reader);
    }

    private static LoginOptions.Endpoint endpoint(OptionReader reader) {
        Optional<URI> tokenEndpoint = reader.uri(Option.TOKEN_ENDPOINT_URI);
        Optional<URI> issuer = Optional.empty();
        if (tokenEndpoint.isPresent()) {
            AllowedUrls.check(TOKEN_ENDPOINT_URI, tokenEndpoint.get());
        } else {
            issuer = reader.uri(Option.ISSUER_URI);
            AllowedUrls.check(ISSUER_URI, OidcDiscovery.wellKnownUri(issuer.orElseThrow()));
        }
        String clientId = reader.requiredString(CLIENT_ID, "the client id to request tokens for");
        Optional<AssertionFile> assertion = assertion(reader);
        return new LoginOptions.Endpoint(tokenEndpoint, issuer, clientId, authentication(reader, assertion.isPresent()),
                reader.string(SCOPE), reader.string(AUDIENCE), assertion);
    }

    private static Optional<AssertionFile> assertion(OptionReader reader) {
        Optional<Path> file = reader.readableFile(ASSERTION_LOCATION);
        // An assertion file alone means jwt-bearer (as Kafka's sasl.oauthbearer.assertion.file does
        // with its JwtBearerJwtRetriever; OptionNames.kafkaFallback maps it only then).
        GrantType grant = reader.choice(Option.GRANT_TYPE, GrantType.BY_OPTION_VALUE,
                file.isPresent() ? GrantType.JWT_BEARER : GrantType.CLIENT_CREDENTIALS);
        if (grant == GrantType.JWT_BEARER) {
            return Optional.of(new AssertionFile(file.orElseThrow(() -> reader.missing(ASSERTION_LOCATION,
                    "the file holding the assertion for " + GRANT_TYPE + "=jwt_bearer, e.g. a projected"
                            + " service-account token")), ASSERTION_LOCATION));
        }
        if (file.isPresent()) {
            throw new InvalidOptionException(ASSERTION_LOCATION, "is only used with " + GRANT_TYPE
                    + "=jwt_bearer, but the grant is client_credentials; remove one of the two");
        }
        return Optional.empty();
    }

    private static ClientAuthentication authentication(OptionReader reader, boolean jwtBearer) {
        Optional<Path> key = reader.readableFile(CLIENT_ASSERTION_KEY_LOCATION);
        Optional<Path> assertionFile = reader.readableFile(CLIENT_ASSERTION_LOCATION);
        if (key.isPresent() && assertionFile.isPresent()) {
            throw new InvalidOptionException(CLIENT_ASSERTION_LOCATION, "conflicts with " + CLIENT_ASSERTION_KEY_LOCATION
                    + ": the client assertion is either signed here with the key or read ready-made from the file;"
                    + " remove one of the two");
        }
        // A key or an assertion file alone is enough to mean private_key_jwt; saying so explicitly is allowed too.
        ClientAuthMethod method = reader.choice(Option.CLIENT_AUTH_METHOD, ClientAuthMethod.BY_OPTION_VALUE,
                key.isPresent() || assertionFile.isPresent() ? ClientAuthMethod.PRIVATE_KEY_JWT : ClientAuthMethod.CLIENT_SECRET_BASIC);
        String assertionOption = key.isPresent() ? CLIENT_ASSERTION_KEY_LOCATION : CLIENT_ASSERTION_LOCATION;
        if (method == ClientAuthMethod.NONE) {
            // Deny by default: without the grant's assertion, "none" would ask for tokens with no
            // credential at all.
            if (!jwtBearer || key.isPresent() || assertionFile.isPresent()) {
                throw new InvalidOptionException(CLIENT_AUTH_METHOD, "none is only allowed with " + GRANT_TYPE
                        + "=jwt_bearer (the assertion is the credential) and without " + assertionOption);
            }
            return new ClientAuthentication.None();
        }
        if (method == ClientAuthMethod.PRIVATE_KEY_JWT) {
            // A client secret may still be present (a broker's JAAS entry uses it for
            // introspection); it is simply not sent.
            if (assertionFile.isPresent()) {
                return new ClientAuthentication.ClientAssertionFile(new AssertionFile(assertionFile.get(), CLIENT_ASSERTION_LOCATION));
            }
            Path path = key.orElseThrow(() -> reader.missing(CLIENT_ASSERTION_KEY_LOCATION,
                    "the PEM private key that signs client assertions for " + CLIENT_AUTH_METHOD + "=private_key_jwt"
                            + " (or " + CLIENT_ASSERTION_LOCATION + ", a file holding a ready-made client assertion)"));
            return new ClientAuthentication.PrivateKeyJwt(ClientAssertionKey.load(CLIENT_ASSERTION_KEY_LOCATION, path));
        }
        if (key.isPresent() || assertionFile.isPresent()) {
            throw new InvalidOptionException(assertionOption, "is only used with "
                    + CLIENT_AUTH_METHOD + "=private_key_jwt, but the method is " + method.optionValue()
                    + "; remove one of the two");
        }
        String secret = reader.requiredString(CLIENT_SECRET, "the client secret for " + method.optionValue()
                + " (or use " + CLIENT_AUTH_METHOD + "=private_key_jwt with " + CLIENT_ASSERTION_KEY_LOCATION
                + " or " + CLIENT_ASSERTION_LOCATION + ")");
        return new ClientAuthentication.ClientSecret(method, secret);
    }

    private static String staticToken(OptionReader reader) {
        OptionSource.Found found = reader.source().find(ACCESS_TOKEN).orElseThrow();
        if (!ClientAccessToken.isSendable(found.value())) {
            throw new InvalidOptionException(ACCESS_TOKEN, "is not a bearer token Kafka can send: only letters,"
                    + " digits and -._~+/ followed by optional = are allowed, without a 'Bearer ' prefix (from "
                    + found.origin() + ")");
        }
        return found.value();
    }

    private static Path fileUrl(OptionReader reader) {
        OptionSource.Found found = reader.source().find(TOKEN_ENDPOINT_URI).orElseThrow();
        Path path = reader.parse(TOKEN_ENDPOINT_URI, found, "a file: URL of a token file", v -> Path.of(new URI(v)));
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw reader.invalid(TOKEN_ENDPOINT_URI, found, "a readable token file; '" + path
                    + "' does not exist or cannot be read");
        }
        return path;
    }

    /** Options that only a token request uses would be silently ignored: say so instead. */
    private static void rejectEndpointOnlyOptions(OptionReader reader, String chosenSource) {
        for (String option : List.of(CLIENT_AUTH_METHOD, CLIENT_ASSERTION_KEY_LOCATION, CLIENT_ASSERTION_LOCATION,
                SCOPE, AUDIENCE, GRANT_TYPE, ASSERTION_LOCATION, TOKEN_SHARING)) {
            reader.source().find(option).ifPresent(found -> {
                throw new InvalidOptionException(option, "is only used when requesting tokens from a token endpoint,"
                        + " but the token comes from " + chosenSource + " (" + option + " is set by "
                        + found.origin() + "); remove it");
            });
        }
    }
}
