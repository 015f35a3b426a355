package io.claimgate.common;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The repository's docs and comments are complete in themselves: no file may send a reader to a
 * document that is not in the repository (a design notes file, a sibling checkout), every
 * relative link in a Markdown file must lead to a file or directory of the repository, and every
 * link to a heading ({@code #anchor}) to a heading that exists. Runs in the
 * first module's tests, so {@code mvn verify} catches it before anything slow runs.
 */
class RepositoryTextTest {
    /** Spelt in pieces, so that this file does not trip its own check. */
    private static final List<String> OUTSIDE_REFERENCES = List.of("DESIGN" + ".md", "../" + "shared");
    private static final Set<String> SKIPPED_DIRECTORIES = Set.of("target", ".git", ".idea", ".vscode",
            ".cifuzz-corpus", ".cifuzz-findings", "node_modules");
    private static final long MAX_TEXT_BYTES = 4 * 1024 * 1024;
    /** {@code [text](target)} or {@code ![alt](target)}; the target ends at a space, {@code #} or {@code )}. */
    private static final Pattern MARKDOWN_LINK = Pattern.compile("\\]\\(([^)#\\s]+)");
    /** {@code [text](file#anchor)} or {@code [text](#anchor)}: group 1 the file (may be empty), group 2 the anchor. */
    private static final Pattern MARKDOWN_ANCHOR_LINK = Pattern.compile("\\]\\(([^)#\\s]*)#([^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");

    private static Path root;
    private static List<Path> textFiles;

    @BeforeAll
    static void findRepository() throws IOException {
        // Maven runs a module's tests in the module's directory; the repository is its parent.
        root = Path.of("").toAbsolutePath().getParent();
        assertTrue(Files.isRegularFile(root.resolve("pom.xml")) && Files.isDirectory(root.resolve("common")),
                "expected the repository root at " + root);
        textFiles = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return !dir.equals(root) && SKIPPED_DIRECTORIES.contains(dir.getFileName().toString())
                        ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile() && attrs.size() <= MAX_TEXT_BYTES) {
                    textFiles.add(file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    @Test
    void noFileSendsReadersToADocumentOutsideTheRepository() {
        List<String> found = new ArrayList<>();
        for (Path file : textFiles) {
            String text = text(file);
            if (text == null) {
                continue;
            }
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                for (String reference : OUTSIDE_REFERENCES) {
                    if (lines[i].contains(reference)) {
                        found.add(root.relativize(file) + ":" + (i + 1) + ": " + reference);
                    }
                }
            }
        }
        assertTrue(found.isEmpty(), "documents that are not in the repository are referenced (write the content"
                + " here, or point at docs/):\n  " + String.join("\n  ", found));
    }

    @Test
    void everyRelativeMarkdownLinkLeadsToAFileOfTheRepository() {
        List<String> broken = new ArrayList<>();
        for (Path file : textFiles) {
            if (!file.getFileName().toString().endsWith(".md")) {
                continue;
            }
            Matcher link = MARKDOWN_LINK.matcher(text(file));
            while (link.find()) {
                String target = link.group(1);
                if (target.contains(":")) {
                    continue;   // https:, mailto:
                }
                Path resolved = file.getParent().resolve(target).normalize();
                if (!resolved.startsWith(root) || !Files.exists(resolved)) {
                    broken.add(root.relativize(file) + " -> " + target);
                }
            }
        }
        assertTrue(broken.isEmpty(), "Markdown links that lead nowhere in the repository:\n  "
                + String.join("\n  ", broken));
    }

    @Test
    void everyMarkdownAnchorLinkLeadsToAHeading() {
        List<String> broken = new ArrayList<>();
        for (Path file : textFiles) {
            if (!file.getFileName().toString().endsWith(".md")) {
                continue;
            }
            Matcher link = MARKDOWN_ANCHOR_LINK.matcher(text(file));
            while (link.find()) {
                String target = link.group(1);
                if (target.contains(":")) {
                    continue;   // https:, mailto:
                }
                Path linked = target.isEmpty() ? file : file.getParent().resolve(target).normalize();
                if (!target.isEmpty() && !target.endsWith(".md")) {
                    continue;   // an anchor into a non-Markdown file is not ours to check
                }
                if (!Files.isRegularFile(linked) || !headingAnchors(linked).contains(link.group(2))) {
                    broken.add(root.relativize(file) + " -> " + target + "#" + link.group(2));
                }
            }
        }
        assertTrue(broken.isEmpty(), "Markdown links to headings that do not exist (anchors as GitHub makes them:"
                + " lower case, punctuation dropped, spaces as '-'):\n  " + String.join("\n  ", broken));
    }

    /** The anchors GitHub gives a Markdown file's headings (outside code blocks), repeats numbered -1, -2, ... */
    private static Set<String> headingAnchors(Path file) {
        Set<String> anchors = new java.util.HashSet<>();
        java.util.Map<String, Integer> seen = new java.util.HashMap<>();
        boolean inCode = false;
        for (String line : text(file).split("\n")) {
            if (line.stripLeading().startsWith("```")) {
                inCode = !inCode;
                continue;
            }
            Matcher heading = HEADING.matcher(line);
            if (inCode || !heading.matches()) {
                continue;
            }
            String anchor = heading.group(1).toLowerCase(java.util.Locale.ROOT)
                    .replaceAll("[^\\p{L}\\p{N}_\\- ]", "").replace(' ', '-');
            int repeat = seen.merge(anchor, 1, Integer::sum) - 1;
            anchors.add(repeat == 0 ? anchor : anchor + "-" + repeat);
        }
        return anchors;
    }

    /** The file as UTF-8 text, or null for a binary file (one with a NUL byte). */
    private static String text(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            for (byte b : bytes) {
                if (b == 0) {
                    return null;
                }
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
