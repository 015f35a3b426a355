package io.claimgate.it;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.common.message.SaslAuthenticateRequestData;
import org.apache.kafka.common.message.SaslHandshakeRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.RequestHeader;
import org.apache.kafka.common.requests.SaslAuthenticateRequest;
import org.apache.kafka.common.requests.SaslAuthenticateResponse;
import org.apache.kafka.common.requests.SaslHandshakeRequest;
import org.apache.kafka.common.requests.SaslHandshakeResponse;

/**
 * One SASL/OAUTHBEARER authentication on a fresh TCP connection, spoken directly in Kafka's
 * protocol (SaslHandshake, SaslAuthenticate, and the {@code %x01} that collects the failure, as
 * RFC 7628 asks): what a hostile client sends, without a Kafka client's threads, metadata, retries
 * or backoff, so one test thread can make many attempts a second. Request and response bodies are
 * built and parsed by kafka-clients' own classes.
 */
public final class RawOAuthBearer {
    private static final byte[] FAILURE_ACK = {0x01};

    /**
     * @param accepted the broker authenticated the token (an empty final answer, no error)
     * @param message  the broker's error message when refused (carries the reason), else empty
     * @param elapsed  from connecting to the last answer
     */
    public record Outcome(boolean accepted, String message, Duration elapsed) {
    }

    private RawOAuthBearer() {
    }

    /**
     * Presents {@code token} to the SASL_PLAINTEXT OAUTHBEARER listener at {@code hostPort}
     * ({@code host:port}); every read waits at most {@code timeout}.
     *
     * @throws IOException when the connection fails or an answer does not come within the timeout
     */
    public static Outcome authenticate(String hostPort, String token, Duration timeout) throws IOException {
        long start = System.nanoTime();
        int colon = hostPort.lastIndexOf(':');
        try (Socket socket = new Socket()) {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout((int) timeout.toMillis());
            socket.connect(new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1))),
                    (int) timeout.toMillis());
            Connection connection = new Connection(socket);
            SaslHandshakeResponse handshake = (SaslHandshakeResponse) connection.exchange(ApiKeys.SASL_HANDSHAKE,
                    new SaslHandshakeRequest.Builder(new SaslHandshakeRequestData().setMechanism("OAUTHBEARER")));
            if (handshake.error() != Errors.NONE) {
                return new Outcome(false, "handshake: " + handshake.error(), since(start));
            }
            byte[] initial = ("n,,\u0001auth=Bearer " + token + "\u0001\u0001").getBytes(StandardCharsets.UTF_8);
            SaslAuthenticateResponse answer = connection.authenticate(initial);
            if (answer.error() == Errors.NONE && answer.saslAuthBytes().length == 0) {
                return new Outcome(true, "", since(start));
            }
            if (answer.error() == Errors.NONE) {
                // An RFC 7628 error challenge ({"status":"invalid_token"}): acknowledge it to get the failure.
                answer = connection.authenticate(FAILURE_ACK);
            }
            return new Outcome(false, answer.error() + ": " + answer.errorMessage(), since(start));
        }
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /** Size-prefixed requests and responses on one socket, with increasing correlation ids. */
    private static final class Connection {
        private final DataOutputStream out;
        private final DataInputStream in;
        private int correlationId;

        Connection(Socket socket) throws IOException {
            this.out = new DataOutputStream(socket.getOutputStream());
            this.in = new DataInputStream(socket.getInputStream());
        }

        SaslAuthenticateResponse authenticate(byte[] bytes) throws IOException {
            return (SaslAuthenticateResponse) exchange(ApiKeys.SASL_AUTHENTICATE,
                    new SaslAuthenticateRequest.Builder(new SaslAuthenticateRequestData().setAuthBytes(bytes)));
        }

        AbstractResponse exchange(ApiKeys api, AbstractRequest.Builder<?> builder) throws IOException {
            short version = api.latestVersion();
            RequestHeader header = new RequestHeader(api, version, "raw-oauthbearer", ++correlationId);
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
    }
}
