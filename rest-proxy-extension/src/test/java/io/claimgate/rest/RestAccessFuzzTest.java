package io.claimgate.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Fuzzes how a REST request (method, raw path, query, Connect's signature header) maps to what it
 * needs, for Kafka Connect ({@link ConnectAccess}) and REST Proxy ({@link RestProxyAccess}). An
 * input is {@code METHOD raw-path[?query]}, and for Connect an optional second line
 * {@code signed}. Without {@code JAZZER_FUZZ} this runs the seeds in
 * {@code RestAccessFuzzTestInputs/<method>/}.
 * <ul>
 *   <li>no exception: every request gets an answer, unknown ones {@code UNMAPPED} (denied);</li>
 *   <li>a method other than GET, HEAD, POST, PUT, PATCH, DELETE is never allowed anything;</li>
 *   <li>GET and HEAD never need a changing operation, and are never Connect-internal;</li>
 *   <li>only a signed request can be Connect-internal;</li>
 *   <li>a topic is only ever a name Kafka accepts, a group never empty, the cluster
 *       {@code kafka-cluster}; Connect only checks the cluster;</li>
 *   <li>leading slashes, one trailing slash and the method's case change nothing; a REST Proxy
 *       path segment with matrix parameters ({@code ;}) is never mapped;</li>
 *   <li>a path segment is percent-decoded exactly as strict RFC 3986 / UTF-8 decoding does.</li>
 * </ul>
 */
class RestAccessFuzzTest {
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE");
    private static final Set<AclOperation> CHANGES = EnumSet.of(AclOperation.WRITE, AclOperation.CREATE,
            AclOperation.DELETE, AclOperation.ALTER, AclOperation.ALTER_CONFIGS, AclOperation.ALL);

    @FuzzTest(maxDuration = "3m")
    void restProxy(byte[] input) {
        Request request = Request.of(input);
        RestAccess access = RestProxyAccess.of(request.method, request.path);
        checkCommon(request, access);
        assertEquals(access, RestProxyAccess.of(request.method.toLowerCase(Locale.ROOT), request.path), "method case");
        assertEquals(access, RestProxyAccess.of(request.method, "/" + request.path), "leading slash");
        if (!request.path.endsWith("/")) {
            assertEquals(access, RestProxyAccess.of(request.method, request.path + "/"), "trailing slash");
        }
        for (String segment : ConnectAccess.segments(request.path)) {
            if (segment.indexOf(';') >= 0) {
                assertEquals(RestAccess.UNMAPPED, access, "matrix parameters");
            }
            assertEquals(strictDecode(segment), RestProxyAccess.decode(segment), () -> "decoding " + segment);
        }
        assertNotEquals(RestAccess.Kind.INTERNAL, access.kind(), "REST Proxy has no internal requests");
    }

    @FuzzTest(maxDuration = "3m")
    void connect(byte[] input) {
        Request request = Request.of(input);
        RestAccess access = ConnectAccess.of(request.method, request.path, request.query, request.signed);
        checkCommon(request, access);
        assertEquals(access, ConnectAccess.of(request.method.toLowerCase(Locale.ROOT), request.path, request.query,
                request.signed), "method case");
        assertEquals(access, ConnectAccess.of(request.method, "/" + request.path, request.query, request.signed),
                "leading slash");
        if (!request.path.endsWith("/")) {
            assertEquals(access, ConnectAccess.of(request.method, request.path + "/", request.query, request.signed),
                    "trailing slash");
        }
        if (access.kind() == RestAccess.Kind.CHECK) {
            assertEquals(ResourceType.CLUSTER, access.resourceType(), "Connect checks the cluster only");
        }
        if (!request.signed) {
            assertNotEquals(RestAccess.Kind.INTERNAL, access.kind(), "internal without the signature header");
        }
    }

    private static void checkCommon(Request request, RestAccess access) {
        assertNotNull(access);
        String method = request.method.toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            assertEquals(RestAccess.UNMAPPED, access, () -> "method " + request.method);
        }
        boolean read = method.equals("GET") || method.equals("HEAD");
        if (read) {
            assertNotEquals(RestAccess.Kind.INTERNAL, access.kind(), "a read is never internal");
        }
        if (access.kind() != RestAccess.Kind.CHECK) {
            return;
        }
        assertTrue(!read || !CHANGES.contains(access.operation()), () -> request.method + " needs " + access);
        switch (access.resourceType()) {
            case TOPIC -> assertTrue(legalTopic(access.resourceName()), () -> "topic name " + access.resourceName());
            case GROUP -> assertTrue(!access.resourceName().isEmpty(), "group name");
            case CLUSTER -> assertEquals(RestAccess.CLUSTER_NAME, access.resourceName());
            default -> throw new AssertionError("resource type " + access.resourceType());
        }
    }

    private static boolean legalTopic(String name) {
        return !name.isEmpty() && name.length() <= 249 && !name.equals(".") && !name.equals("..")
                && name.chars().allMatch(c -> c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || c == '.' || c == '_' || c == '-');
    }

    /** RFC 3986 percent-decoding, ASCII hex digits only, then strict UTF-8; null if empty, non-ASCII or malformed. */
    private static String strictDecode(String raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c >= 0x80) {
                return null;
            }
            if (c != '%') {
                bytes.write(c);
                continue;
            }
            if (i + 2 >= raw.length() || hex(raw.charAt(i + 1)) < 0 || hex(raw.charAt(i + 2)) < 0) {
                return null;
            }
            bytes.write(hex(raw.charAt(i + 1)) << 4 | hex(raw.charAt(i + 2)));
            i += 2;
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
            return text.isEmpty() ? null : text;
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static int hex(char c) {
        return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }

    /** {@code METHOD path[?query]}, then optionally a line {@code signed}. */
    private record Request(String method, String path, Map<String, List<String>> query, boolean signed) {
        static Request of(byte[] input) {
            String text = new String(input, StandardCharsets.UTF_8);
            int newline = text.indexOf('\n');
            String line = newline < 0 ? text : text.substring(0, newline);
            boolean signed = newline >= 0 && text.substring(newline + 1).strip().equals("signed");
            int space = line.indexOf(' ');
            String method = space < 0 ? line : line.substring(0, space);
            String target = space < 0 ? "" : line.substring(space + 1);
            int question = target.indexOf('?');
            String path = question < 0 ? target : target.substring(0, question);
            Map<String, List<String>> query = question < 0 ? Map.of()
                    : Map.of("expand", List.of(target.substring(question + 1).replaceFirst("^expand=", "")));
            return new Request(method, path, query, signed);
        }
    }
}
