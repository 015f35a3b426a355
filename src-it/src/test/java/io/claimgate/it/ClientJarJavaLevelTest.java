package io.claimgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The client jar loads in a Java 11 application: no class in it is newer than Java 11 bytecode
 * (class file major version 55), claimgate's own (compiled with {@code --release 11}) and the
 * shaded libraries alike. A Java 17 class would fail there with {@code UnsupportedClassVersionError},
 * at the first use of that class. Multi-release entries ({@code META-INF/versions/N/}) are chosen
 * by the JVM only on Java N and are not counted.
 */
class ClientJarJavaLevelTest {
    private static final int JAVA_11 = 55;

    /**
     * Packages of the client jar still compiled for Java 17 on this branch: the broker side (which
     * the module cut takes out of this jar) and the record filter's policy runtime, until its
     * module compiles with --release 11. Remove each as it goes: then the whole jar is checked.
     */
    private static final List<String> NOT_YET_JAVA_11 = List.of("io/claimgate/server/", "io/claimgate/authorizer/",
            "io/claimgate/filter/");

    @Test
    void noClassOfTheClientJarIsNewerThanJava11() throws IOException {
        Map<String, Integer> tooNew = new TreeMap<>();
        int checked = 0;
        try (JarFile jar = new JarFile(ClientJvm.clientJar().toFile())) {
            for (JarEntry entry : Collections.list(jar.entries())) {
                String name = entry.getName();
                if (!name.endsWith(".class") || name.startsWith("META-INF/versions/") || name.endsWith("module-info.class")
                        || NOT_YET_JAVA_11.stream().anyMatch(name::startsWith)) {
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
                checked++;
            }
        }
        assertTrue(checked > 1000, "the login handler, common and the shaded libraries were checked: " + checked);
        assertTrue(tooNew.isEmpty(), tooNew.size() + " classes need a newer Java than 11 (major version): " + tooNew);
    }
}
