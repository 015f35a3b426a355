package io.claimgate.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * What a release ships with each of the three jars users copy and the CLI's runnable jar: a manifest
 * naming the version, the repository's LICENSE and NOTICE (and no bundled library's own, which would
 * overwrite one another; the CLI jar keeps Apache Kafka's at its root), and a CycloneDX SBOM next to
 * the jar whose every bundled library the NOTICE names.
 */
class ReleaseArtifactsTest {
    private static final String VENDOR = "The claimgate authors";

    /** Libraries that Nimbus JOSE + JWT bundles inside its own jar: in the jar, not in its SBOM. */
    private static final Set<String> BUNDLED_BY_NIMBUS = Set.of("com.google.code.gson:gson",
            "com.github.stephenc.jcip:jcip-annotations");

    /** Declared by the jar's POM and provided by the host (Kafka brings it), never bundled. */
    private static final String HOST_PROVIDED_GROUP = "org.slf4j";

    /** The CLI's jar is claimgate-cli-VERSION.jar locally and the Maven artifact claimgate-cli-dist. */
    private static final String CLI_JAR = "claimgate-cli";

    @ParameterizedTest
    @ValueSource(strings = {"claimgate-login", "claimgate-client", "claimgate-broker", CLI_JAR})
    void manifestNamesTitleVersionAndVendor(String jarName) throws IOException {
        Path jar = jar(jarName);
        try (JarFile file = new JarFile(jar.toFile())) {
            Attributes main = file.getManifest().getMainAttributes();
            assertTrue(main.getValue(Attributes.Name.IMPLEMENTATION_TITLE).startsWith("claimgate "), jar.toString());
            assertEquals(projectVersion(), main.getValue(Attributes.Name.IMPLEMENTATION_VERSION), jar.toString());
            assertEquals(VENDOR, main.getValue(Attributes.Name.IMPLEMENTATION_VENDOR), jar.toString());
        }
    }

    /** Connect shows this in its plugin list (GET /connector-plugins, the worker's log); it was "unknown". */
    @Test
    void connectRestExtensionAnswersTheReleaseVersion() throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String entry : ConnectWorker.classpath().split(File.pathSeparator)) {
            urls.add(Path.of(entry).toUri().toURL());
        }
        try (URLClassLoader loader = new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader())) {
            Class<?> extension = loader.loadClass("io.claimgate.rest.OAuthConnectRestExtension");
            assertTrue(extension.getProtectionDomain().getCodeSource().getLocation().getPath().contains("claimgate-broker-"),
                    "loaded from " + extension.getProtectionDomain().getCodeSource().getLocation());
            Object instance = extension.getConstructor().newInstance();
            assertEquals(projectVersion(), extension.getMethod("version").invoke(instance));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"claimgate-login", "claimgate-client", "claimgate-broker"})
    void carriesTheRepositoryLicenseAndNoticeAlone(String artifactId) throws IOException {
        Path jar = ShadedJarsTest.jar(artifactId);
        try (JarFile file = new JarFile(jar.toFile())) {
            assertArrayEquals(Files.readAllBytes(repositoryFile("LICENSE")), read(file, "META-INF/LICENSE"),
                    jar + ": META-INF/LICENSE is not the repository's LICENSE");
            assertArrayEquals(Files.readAllBytes(repositoryFile("NOTICE")), read(file, "META-INF/NOTICE"),
                    jar + ": META-INF/NOTICE is not the repository's NOTICE");
            List<String> others = file.stream().map(ZipEntry::getName)
                    .filter(name -> name.matches("(?i)(META-INF/)?(LICENSE|NOTICE|COPYING)[^/]*"))
                    .filter(name -> !name.equals("META-INF/LICENSE") && !name.equals("META-INF/NOTICE"))
                    .toList();
            assertEquals(List.of(), others, jar + " carries a bundled library's licence or notice file");
        }
    }

    /**
     * A program of its own, the CLI jar bundles Apache Kafka, whose LICENSE and NOTICE it keeps at its
     * root (Apache License 2.0, section 4); the repository's are in META-INF as in the other jars.
     */
    @Test
    void cliJarCarriesTheRepositoryLicenseAndNoticeAndKafkasOwn() throws IOException {
        Path jar = jar(CLI_JAR);
        try (JarFile file = new JarFile(jar.toFile())) {
            assertArrayEquals(Files.readAllBytes(repositoryFile("LICENSE")), read(file, "META-INF/LICENSE"));
            assertArrayEquals(Files.readAllBytes(repositoryFile("NOTICE")), read(file, "META-INF/NOTICE"));
            assertTrue(new String(read(file, "NOTICE"), StandardCharsets.UTF_8).startsWith("Apache Kafka\n"),
                    "the root NOTICE is Kafka's");
            assertTrue(new String(read(file, "LICENSE"), StandardCharsets.UTF_8).contains("Apache License"));
            List<String> others = file.stream().map(ZipEntry::getName)
                    .filter(name -> name.matches("(?i)(META-INF/)?(LICENSE|NOTICE|COPYING)[^/]*"))
                    .filter(name -> !List.of("META-INF/LICENSE", "META-INF/NOTICE", "LICENSE", "NOTICE").contains(name))
                    .toList();
            assertEquals(List.of(), others, jar + " carries another library's licence or notice file");
        }
    }

    /**
     * The SBOM describes this jar at this version, and the NOTICE names every library in it. In the
     * client, broker and CLI jars (which keep Maven metadata) every bundled library is in the SBOM.
     */
    @ParameterizedTest
    @CsvSource({"claimgate-login,claimgate-login", "claimgate-client,claimgate-client",
            "claimgate-broker,claimgate-broker", CLI_JAR + ",claimgate-cli-dist"})
    void sbomListsTheBundledLibrariesAndNoticeNamesThem(String jarName, String artifactId) throws Exception {
        Path jar = jar(jarName);
        Path sbom = jar.resolveSibling(artifactId + "-" + projectVersion() + "-cyclonedx.xml");
        // the plugin's makeBom is online-only: an offline build (mvn -o) skips it, CI builds online
        assumeFalse(!Files.exists(sbom) && "offline=true".equals(System.getProperty("claimgate.build")),
                "offline build: no SBOM was made");
        assertTrue(Files.exists(sbom), sbom + " is missing");

        Document bom = DocumentBuilderFactory.newDefaultInstance().newDocumentBuilder().parse(sbom.toFile());
        Element metadata = (Element) bom.getElementsByTagName("metadata").item(0);
        Element subject = child(metadata, "component");
        assertEquals("pkg:maven/io.claimgate/" + artifactId + "@" + projectVersion() + "?type=jar",
                text(subject, "purl"));

        Set<String> components = new TreeSet<>();
        Element list = child(bom.getDocumentElement(), "components");
        for (Node node = list.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element component && component.getTagName().equals("component")) {
                components.add(text(component, "group") + ":" + text(component, "name"));
            }
        }
        assertTrue(components.contains("io.micrometer:micrometer-core"), components.toString());   // in every jar

        String notice = Files.readString(repositoryFile("NOTICE"));
        List<String> unnamed = components.stream()
                .filter(c -> !c.startsWith("io.claimgate:")
                        && (jarName.equals(CLI_JAR) || !c.startsWith(HOST_PROVIDED_GROUP + ":")))
                .filter(c -> !notice.contains("(" + c + ")") && !notice.contains(c + ",") && !notice.contains(c + ")"))
                .toList();
        assertEquals(List.of(), unnamed, "NOTICE does not name these libraries of " + artifactId);

        try (JarFile file = new JarFile(jar.toFile())) {
            List<String> unlisted = file.stream().map(ZipEntry::getName)
                    .filter(name -> name.matches("META-INF/maven/[^/]+/[^/]+/pom\\.properties"))
                    .map(name -> name.split("/"))
                    .map(parts -> parts[2] + ":" + parts[3])
                    .filter(c -> !c.startsWith("io.claimgate:") && !BUNDLED_BY_NIMBUS.contains(c))
                    .filter(c -> !components.contains(c))
                    .toList();
            assertEquals(List.of(), unlisted, jar + " bundles libraries its SBOM does not list");
        }
    }

    private static Path jar(String jarName) throws IOException {
        return jarName.equals(CLI_JAR) ? CliProcessTest.cliJar() : ShadedJarsTest.jar(jarName);
    }

    private static String projectVersion() {
        String version = System.getProperty("claimgate.version");
        assertNotNull(version, "surefire passes claimgate.version");
        return version;
    }

    private static Path repositoryFile(String name) {
        String root = System.getProperty("claimgate.repository.root");
        assertNotNull(root, "surefire passes claimgate.repository.root");
        return Path.of(root, name);
    }

    private static byte[] read(JarFile file, String name) throws IOException {
        ZipEntry entry = file.getEntry(name);
        assertNotNull(entry, file.getName() + " lacks " + name);
        try (InputStream in = file.getInputStream(entry)) {
            return in.readAllBytes();
        }
    }

    private static Element child(Element parent, String tag) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(tag)) {
                return element;
            }
        }
        throw new AssertionError("no <" + tag + "> in <" + parent.getTagName() + ">");
    }

    private static String text(Element parent, String tag) {
        return child(parent, tag).getTextContent().trim();
    }
}
