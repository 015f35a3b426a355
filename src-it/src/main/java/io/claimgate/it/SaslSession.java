package io.claimgate.it;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.common.message.SaslAuthenticateRequestData;
import org.apache.kafka.common.message.SaslHandshakeRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.ApiVersionsRequest;
import org.apache.kafka.common.requests.ApiVersionsResponse;
import org.apache.kafka.common.requests.RequestHeader;
import org.apache.kafka.common.requests.SaslAuthenticateRequest;
import org.apache.kafka.common.requests.SaslAuthenticateResponse;
import org.apache.kafka.common.requests.SaslHandshakeRequest;
import org.apache.kafka.common.requests.SaslHandshakeResponse;

/**
 * One SASL/OAUTHBEARER connection kept open, spoken in Kafka's protocol with kafka-clients' own
 * request classes: {@link #authenticate} is SaslHandshake + SaslAuthenticate, and calling it again on
 * the same socket is a KIP-368 re-authentication, exactly what Kafka's client sends when the session
 * lifetime of the broker's SaslAuthenticateResponse runs out (the broker treats a SaslHandshake on an
 * authenticated connection as the start of a re-authentication, {@code KafkaChannel.maybeBeginServerReauthentication}).
 * {@link RawOAuthBearer} is one authentication on a socket closed right after it; the benchmarks'
 * re-authentication storm keeps sessions open. Not thread-safe: one thread at a time.
 */
public final class SaslSession implements AutoCloseable {
    private static final byte[] FAILURE_ACK = {0x01};

    /**
     * @param accepted          the broker authenticated the token
     * @param message           the broker's error message when refused, else empty
     * @param sessionLifetimeMs the session lifetime the broker granted (0: no re-authentication configured)
     */
    public record Authentication(boolean accepted, String message, long sessionLifetimeMs) {
    }

    private final Socket socket;
    private final DataOutputStream out;
    private final DataInputStream in;
    private int correlationId;

    private SaslSession(Socket socket) throws IOException {
        this.socket = socket;
        this.out = new DataOutputStream(socket.getOutputStream());
        this.in = new DataInputStream(socket.getInputStream());
    }

    /** A new TCP connection to {@code hostPort} ({@code host:port}); every read waits at most {@code timeout}. */
    public static SaslSession connect(String hostPort, Duration timeout) throws IOException {
        int colon = hostPort.lastIndexOf(':');
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout((int) timeout.toMillis());
            socket.connect(new InetSocketAddress(hostPort.substring(0, colon),
                    Integer.parseInt(hostPort.substring(colon + 1))), (int) timeout.toMillis());
            return new SaslSession(socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** SaslHandshake + SaslAuthenticate with {@code token}: the first authentication, or a re-authentication. */
    public Authentication authenticate(String token) throws IOException {
        SaslHandshakeResponse handshake = (SaslHandshakeResponse) exchange(ApiKeys.SASL_HANDSHAKE,
                new SaslHandshakeRequest.Builder(new SaslHandshakeRequestData().setMechanism("OAUTHBEARER")));
        if (handshake.error() != Errors.NONE) {
            return new Authentication(false, "handshake: " + handshake.error(), 0);
        }
        byte[] initial = ("n,,\u0001auth=Bearer " + token + "\u0001\u0001").getBytes(StandardCharsets.UTF_8);
        SaslAuthenticateResponse answer = saslAuthenticate(initial);
        if (answer.error() == Errors.NONE && answer.saslAuthBytes().length == 0) {
            return new Authentication(true, "", answer.sessionLifetimeMs());
        }
        if (answer.error() == Errors.NONE) {
            // An RFC 7628 error challenge ({"status":"invalid_token"}): acknowledge it to get the failure.
            answer = saslAuthenticate(FAILURE_ACK);
        }
        return new Authentication(false, answer.error() + ": " + answer.errorMessage(), 0);
    }

    /**
     * Sends an ApiVersions request (any request but a SaslHandshake makes the broker check the
     * session): true when answered, false when the broker closed the connection instead, as it does
     * once the session lifetime has passed without a re-authentication.
     */
    public boolean answersRequests() throws IOException {
        try {
            ApiVersionsResponse response = (ApiVersionsResponse) exchange(ApiKeys.API_VERSIONS,
                    new ApiVersionsRequest.Builder());
            return Errors.forCode(response.data().errorCode()) == Errors.NONE;
        } catch (EOFException | SocketException e) {
            return false;
        }
    }

    private SaslAuthenticateResponse saslAuthenticate(byte[] bytes) throws IOException {
        return (SaslAuthenticateResponse) exchange(ApiKeys.SASL_AUTHENTICATE,
                new SaslAuthenticateRequest.Builder(new SaslAuthenticateRequestData().setAuthBytes(bytes)));
    }

    private AbstractResponse exchange(ApiKeys api, AbstractRequest.Builder<?> builder) throws IOException {
        short version = api.latestVersion();
        RequestHeader header = new RequestHeader(api, version, "claimgate-bench", ++correlationId);
        ByteBuffer serialized = builder.build(version).serializeWithHeader(header);
        byte[] request = new byte[serialized.remaining()];
        serialized.get(request);
        out.writeInt(request.length);
        out.write(request);
        out.flush();
        byte[] response = new byte[in.readInt()];
        in.readFully(response);
        return AbstractResponse.parseResponse(ByteBuffer.wrap(response), header);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
