package io.claimgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The client jar loads in a Java 11 application: no class in it is newer than Java 11 bytecode
 * (class file major version 55), claimgate's own (login handler, record filter, policy runtime and
 * common, all compiled with {@code --release 11}) and the shaded libraries alike, with no exception.
 * A Java 17 class would fail there with {@code UnsupportedClassVersionError}, at the first use of
 * that class. Multi-release entries ({@code META-INF/versions/N/}) are chosen
 * by the JVM only on Java N and are not counted.
 */
class ClientJarJavaLevelTest {
    private static final int JAVA_11 = 55;

    /** Classes of each client-side module: they must be in the jar, so they are known to be checked. */
    private static final List<String> MUST_BE_CHECKED = List.of(
            "io/claimgate/login/OAuthLoginCallbackHandler.class",          // login-handler
            "io/claimgate/filter/RecordFilterInterceptor.class",           // record-filter
            "io/claimgate/filter/kafka/HeaderLookup.class",                // record-filter's Kafka boundary
            "io/claimgate/policy/PolicyParser.class",           // policy
            "io/claimgate/policy/reload/PolicyWatcher.class");

    @Test
    void noClassOfTheClientJarIsNewerThanJava11() throws IOException {
        Map<String, Integer> tooNew = new TreeMap<>();
        Set<String> checkedNames = new HashSet<>();
        int checked = 0;
        try (JarFile jar = new JarFile(ClientJvm.clientJar().toFile())) {
            for (JarEntry entry : Collections.list(jar.entries())) {
                String name = entry.getName();
                if (!name.endsWith(".class") || name.startsWith("META-INF/versions/") || name.endsWith("module-info.class")) {
                    continue;
                }
                try (DataInputStream in = new DataInputStream(jar.getInputStream(entry))) {
                    assertEquals(0xCAFEBABE, in.readInt(), name + " is not a class file");
                    in.readUnsignedShort();   // minor version
                    int major = in.readUnsignedShort();
                    if (major > JAVA_11) {
                        tooNew.put(name, major);
                    }
                }
                checkedNames.add(name);
                checked++;
            }
        }
        for (String name : MUST_BE_CHECKED) {
            assertTrue(checkedNames.contains(name), name + " is in the client jar and was checked");
        }
        assertTrue(checked > 1000, "the login handler, common and the shaded libraries were checked: " + checked);
        assertTrue(tooNew.isEmpty(), tooNew.size() + " classes need a newer Java than 11 (major version): " + tooNew);
    }
}
