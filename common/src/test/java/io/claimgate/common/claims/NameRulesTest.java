package io.claimgate.common.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NameRulesTest {

    /** Each is a name that could pass for {@code admin}, or hides characters from a reader. */
    @ParameterizedTest
    @ValueSource(strings = {
            "",
            " admin", "admin ", "admin\t", "\tadmin", "admin\n", "admin\r", "ad\u0000min", "ad\u001bmin", "ad\u007fmin",
            "ad\u0085min",                                          // C1 control (NEL)
            "admin\u3000", "\u2003admin", "ad\u00a0min", "ad\u2007min", "ad\u202fmin", "ad\u205fmin", "ad\u1680min",
            "admin\u2028", "admin\u2029",                           // line / paragraph separator
            "ad\u200bmin", "ad\u200cmin", "ad\u200dmin", "ad\u2060min", "\ufeffadmin", "ad\u00admin", // zero width, BOM, soft hyphen
            "ad\u202emin", "ad\u202amin", "ad\u2066min", "ad\u2069min", "ad\u200emin", "ad\u200fmin", "ad\u061cmin", // bidi
            "ad\u180emin", "ad\u2064min", "ad\ufff9min",
            "ad\u115fmin", "ad\u1160min", "ad\u3164min", "ad\uffa0min", "ad\u2800min", "ad\u034fmin", "ad\u17b4min",
            "ad\u180bmin",
            "admin\ufe00", "admin\ufe0f", "admin\udb40\udd00", "admin\udb40\uddef",   // variation selectors, E0100, E01EF
            "admin\udb40\udc01", "admin\udb40\udc20", "admin\udb40\udc7f",            // tags E0001, E0020, E007F
            "ad\ud800min", "ad\udc00min", "admin\ud83d",                              // lone surrogates
            "ad\u0378min", "ad\ufffemin", "ad\uffffmin",                              // unassigned, noncharacters
            "ad\ue000min", "ad\udbff\udffdmin",                                       // private use
            " ", "\u3000", "\u200b"})
    void refused(String name) {
        Optional<String> violation = NameRules.violation(name);
        assertTrue(violation.isPresent(), () -> "accepted " + codePoints(name));
        assertTrue(violation.get().matches("[ -~]+"), violation.get());   // printable ASCII: safe in a message
    }

    @ParameterizedTest
    @ValueSource(strings = {"admin", "kafka admins", "Kafka  Admins", "a", "client-1", "corp/alice@example.com",
            "Jürgen Groß", "Łódź", "山田太郎", "مدير", "κόσμε", "e\u0301",                       // combining acute
            "\ud83d\ude00", "a|b", "42", "x:y", "CN=svc,OU=kafka", "~!@#$%^&*()_+{}[];'\\\"<>,.?/"})
    void accepted(String name) {
        assertEquals(Optional.empty(), NameRules.violation(name), () -> codePoints(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"admin\u3000", "\u2003admin", "admin\u2028", "ad\u200bmin", "ad\u202emin"})
    void theMessageNamesTheCodePointAndItsIndex(String name) {
        String violation = NameRules.violation(name).orElseThrow();
        int codePoint = name.codePoints().filter(c -> c < 0x20 || c > 0x7e).findFirst().orElseThrow();
        assertTrue(violation.contains(String.format("U+%04X", codePoint)), violation);
        assertTrue(violation.contains("at index " + name.indexOf(Character.toString(codePoint))), violation);
    }

    @ParameterizedTest
    @ValueSource(strings = {" admin", "admin "})
    void aSpaceAtEitherEndIsNamed(String name) {
        assertTrue(NameRules.violation(name).orElseThrow().contains("with a space"));
    }

    private static String codePoints(String name) {
        StringBuilder out = new StringBuilder();
        name.codePoints().forEach(c -> out.append(String.format("U+%04X ", c)));
        return out.toString();
    }
}
