package io.claimgate.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * {@link Option} is the declaration; docs/CONFIGURATION.md's option tables (client and broker
 * validator, the Kafka-fallback table) describe it. This fails when they differ: an option
 * declared but not documented, documented but not declared, or a documented default, range or
 * Kafka fallback that is not the declared one.
 */
class OptionTableDocsTest {
    private static final Pattern CODE = Pattern.compile("`([^`]*)`");
    private static final Pattern RANGE = Pattern.compile("\\((\\d+)\\.\\.(\\d+)[;)]");

    /** A documented row: the options its first cell names and its second cell. */
    static final class Row {
        final List<String> options;
        final String second;
        final String section;

        Row(List<String> options, String second, String section) {
            this.options = options;
            this.second = second;
            this.section = section;
        }
    }

    @Test
    void everyDeclaredOptionIsDocumentedAndEveryDocumentedOptionIsDeclared() throws IOException {
        Set<String> documented = new TreeSet<>();
        optionRows().forEach(row -> documented.addAll(row.options));
        Set<String> declared = oauthOptions();
        Set<String> notDocumented = new TreeSet<>(declared);
        notDocumented.removeAll(documented);
        Set<String> notDeclared = new TreeSet<>(documented);
        notDeclared.removeAll(declared);
        assertEquals(Set.of(), notDocumented, "declared in Option but missing from docs/CONFIGURATION.md's option tables");
        assertEquals(Set.of(), notDeclared, "in docs/CONFIGURATION.md's option tables but not declared in Option");
    }

    @Test
    void documentedDefaultsAndRangesAreTheDeclaredOnes() throws IOException {
        List<String> differences = new ArrayList<>();
        for (Row row : optionRows()) {
            Optional<Option> declared = Option.named(row.options.get(0));
            if (row.options.size() != 1 || declared.isEmpty()) {
                continue;   // "`a` / `.b`" rows document several defaults in one cell; undeclared: test above
            }
            Option option = declared.get();
            Optional<String> documentedDefault = documentedDefault(row.second);
            if (documentedDefault.isPresent() && !documentedDefault.equals(option.defaultValue())) {
                differences.add(option.optionName() + " (" + row.section + "): documented default "
                        + documentedDefault.get() + ", declared " + option.defaultValue().orElse("none"));
            }
            if (documentedDefault.isEmpty() && option.defaultValue().isPresent()) {
                differences.add(option.optionName() + " (" + row.section + "): documented without default, declared "
                        + option.defaultValue().get());
            }
            Matcher range = RANGE.matcher(row.second);
            if (range.find()) {
                String documentedRange = range.group(1) + ".." + range.group(2);
                String declaredRange = option.min().map(min -> min + ".." + option.max().orElseThrow()).orElse("none");
                if (!documentedRange.equals(declaredRange)) {
                    differences.add(option.optionName() + " (" + row.section + "): documented range "
                            + documentedRange + ", declared " + declaredRange);
                }
            }
        }
        assertEquals(List.of(), differences);
    }

    @Test
    void theKafkaFallbackTableIsTheDeclaredOne() throws IOException {
        Map<String, String> documented = new LinkedHashMap<>();
        for (String line : table("| claimgate option | Kafka config read as fallback |")) {
            String[] cells = cells(line);
            documented.put(codeIn(cells[0]).get(0), codeIn(cells[1]).get(0));
        }
        Map<String, String> declared = new LinkedHashMap<>();
        for (Option option : Option.values()) {
            option.kafkaFallback().ifPresent(kafka -> declared.put(option.optionName(), kafka));
        }
        assertEquals(new TreeMap<>(declared), new TreeMap<>(documented));
    }

    @Test
    void theJaasOptionsAreTheLoginAndValidationOnes() {
        Set<String> oauthNamed = new TreeSet<>();
        Option.names().stream().filter(name -> name.startsWith("oauth.")).forEach(oauthNamed::add);
        assertEquals(oauthNamed, new TreeSet<>(OptionNames.ALL), "every oauth.* option and only those are JAAS options");
        for (Option option : Option.values()) {
            assertTrue(!option.has(Option.Use.LISTENER) || !option.has(Option.Use.PER_ISSUER), option.optionName());
            assertTrue(!option.has(Option.Use.ISSUER_IDENTITY) || option.has(Option.Use.PER_ISSUER), option.optionName());
        }
    }

    @Test
    void theAssertionFileFallbackFollowsKafkasRetriever() {
        java.util.function.Function<String, String> jwtBearer = name -> name.equals(OptionNames.KAFKA_JWT_RETRIEVER_CLASS)
                ? " " + OptionNames.KAFKA_JWT_BEARER_RETRIEVER + " " : null;
        assertEquals(OptionNames.KAFKA_ASSERTION_FILE, OptionNames.kafkaFallback(OptionNames.ASSERTION_LOCATION, jwtBearer));
        assertEquals(null, OptionNames.kafkaFallback(OptionNames.CLIENT_ASSERTION_LOCATION, jwtBearer));
        assertEquals(null, OptionNames.kafkaFallback(OptionNames.ASSERTION_LOCATION, name -> null));
        assertEquals(OptionNames.KAFKA_ASSERTION_FILE, OptionNames.kafkaFallback(OptionNames.CLIENT_ASSERTION_LOCATION, name -> null));
        assertEquals("sasl.oauthbearer.scope", OptionNames.kafkaFallback(OptionNames.SCOPE, jwtBearer));
        assertEquals(null, OptionNames.kafkaFallback(OptionNames.AUDIENCE, jwtBearer));
        assertEquals(null, OptionNames.kafkaFallback("oauth.not.declared", jwtBearer));
        assertEquals(null, OptionNames.KAFKA_FALLBACKS.get(OptionNames.ASSERTION_LOCATION), "conditional: not unconditional");
        assertEquals("sasl.oauthbearer.expected.issuer", OptionNames.KAFKA_FALLBACKS.get(OptionNames.VALID_ISSUER_URI));
    }

    @Test
    void optionsNamedLikeSecretsAreDeclaredSecretAndUnknownNamesCountAsSecret() {
        for (Option option : Option.values()) {
            String name = option.optionName();
            boolean looksSecret = name.contains("secret") || name.contains("password") || name.endsWith("access.token")
                    || name.endsWith(".keystore.key");
            assertEquals(looksSecret, option.secret(), name + ": declared secret() does not match its name");
            assertEquals(option.secret(), OptionNames.isSecret(name), name);
        }
        assertTrue(OptionNames.isSecret("oauth.not.declared"));
    }

    @Test
    void theAuthorizerAndRecordFilterTablesAreTheDeclaredOnes() throws IOException {
        String guide = guide();
        checkClaimgateTable(guide, "## Broker: `io.claimgate.authorizer.ClaimAuthorizer`", Option.Use.AUTHORIZER);
        checkClaimgateTable(guide, "## Consumer: the record filter", Option.Use.RECORD_FILTER);
    }

    private static void checkClaimgateTable(String guide, String section, Option.Use use) {
        Set<String> documented = new TreeSet<>();
        List<String> differences = new ArrayList<>();
        for (String line : table(section, "| option | default | meaning |", guide)) {
            String[] cells = cells(line);
            for (String code : codeIn(cells[0])) {
                if (!code.startsWith("claimgate.")) {
                    continue;   // Kafka's own configs (super.users, interceptor.classes, ...)
                }
                documented.add(code);
                Optional<Option> declared = Option.named(code);
                Optional<String> documentedDefault = documentedDefault(cells[1]);
                if (declared.isPresent() && !documentedDefault.equals(declared.get().defaultValue())) {
                    differences.add(code + ": documented default " + documentedDefault.orElse("none") + ", declared "
                            + declared.get().defaultValue().orElse("none"));
                }
            }
        }
        assertEquals(new TreeSet<>(Option.names(use)), documented, section);
        assertEquals(List.of(), differences, section);
    }

    private static Set<String> oauthOptions() {
        Set<String> names = new TreeSet<>(Option.names(Option.Use.LOGIN));
        names.addAll(Option.names(Option.Use.VALIDATION));
        return names;
    }

    /**
     * The default a cell documents: "—" (none) or the text before a parenthesis, comma or
     * "each", without backticks; e.g. "10000 (1..300000)" is 10000, "`client_secret_basic`" is
     * client_secret_basic.
     */
    static Optional<String> documentedDefault(String cell) {
        String text = cell.trim();
        if (text.startsWith("—") || text.startsWith("none")) {
            return Optional.empty();
        }
        text = text.split(" \\(| each|,")[0];
        return Optional.of(text.replace("`", "").trim());
    }

    /** The rows of the client's and the broker validator's option tables. */
    static List<Row> optionRows() throws IOException {
        List<Row> rows = new ArrayList<>();
        String guide = guide();
        for (String section : List.of("## Client: `io.claimgate.login.OAuthLoginCallbackHandler`",
                "## Broker: `io.claimgate.server.OAuthValidatorCallbackHandler`")) {
            for (String line : table(section, "| option | default | meaning |", guide)) {
                String[] cells = cells(line);
                List<String> options = optionsIn(cells[0]);
                if (!options.isEmpty()) {
                    rows.add(new Row(options, cells[1], section.substring(3, section.indexOf(':'))));
                }
            }
        }
        return rows;
    }

    /**
     * The options a first cell names: "`oauth.a`, `oauth.b`" is both; "`oauth.x.location` /
     * `.type`" is oauth.x.location and oauth.x.type; a prefix such as "`oauth.sasl.extension.<name>`"
     * is not an option.
     */
    static List<String> optionsIn(String cell) {
        List<String> options = new ArrayList<>();
        String base = null;
        for (String code : codeIn(cell)) {
            if (code.contains("<")) {
                continue;
            }
            if (code.startsWith(".") && base != null) {
                options.add(base.substring(0, base.lastIndexOf('.')) + code);
            } else if (code.startsWith("oauth.")) {
                options.add(code);
                base = code;
            }
        }
        return options;
    }

    private static List<String> codeIn(String cell) {
        List<String> codes = new ArrayList<>();
        Matcher matcher = CODE.matcher(cell);
        while (matcher.find()) {
            codes.add(matcher.group(1));
        }
        return codes;
    }

    private static String[] cells(String line) {
        String inner = line.trim();
        inner = inner.substring(1, inner.length() - 1);
        String[] cells = inner.split(" \\| ", -1);
        for (int i = 0; i < cells.length; i++) {
            cells[i] = cells[i].trim();
        }
        return cells;
    }

    private static List<String> table(String header) throws IOException {
        return table(null, header, guide());
    }

    /** The body rows of the first table with that header (after {@code section}, when given). */
    private static List<String> table(String section, String header, String guide) {
        int from = section == null ? 0 : guide.indexOf(section);
        assertTrue(from >= 0, "docs/CONFIGURATION.md has no section " + section);
        int start = guide.indexOf("\n" + header + "\n", from);
        assertTrue(start >= 0, "docs/CONFIGURATION.md has no table " + header + " after " + section);
        String[] lines = guide.substring(start + 1).split("\n");
        List<String> rows = new ArrayList<>();
        for (int i = 2; i < lines.length && lines[i].startsWith("|"); i++) {
            rows.add(lines[i]);
        }
        return rows;
    }

    private static String guide() throws IOException {
        return Files.readString(Path.of("..", "docs", "CONFIGURATION.md"));
    }
}
