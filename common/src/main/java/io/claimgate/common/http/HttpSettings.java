package io.claimgate.common.http;

import io.claimgate.common.config.InvalidOptionException;
import io.claimgate.common.config.Option;
import io.claimgate.common.config.OptionNames;
import io.claimgate.common.config.OptionReader;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.Objects;
import java.util.function.LongUnaryOperator;
import javax.net.ssl.SSLContext;

/**
 * How claimgate talks to the identity provider: timeouts, retries and TLS. Immutable.
 *
 * @param connectTimeout  TCP/TLS connect timeout
 * @param readTimeout     time allowed for the whole response once connected
 * @param retries         extra attempts after a failed one (IO error, 5xx, 408, 429); 0 = no retry
 * @param backoff         longest wait before the first retry; doubled each time; the wait taken is
 *                        random between half of it and all of it ({@link #jitteredBackoffBefore})
 * @param backoffMax      upper bound of the wait
 * @param sslContext      empty = the JVM's default trust (TLS verification is always on)
 * @param tlsFingerprint  tells TLS settings apart, which {@link SSLContext} (equal only to itself)
 *                        cannot: a digest of the stores' types, contents and passwords, equal for
 *                        equal settings read twice; empty without {@code sslContext}. Never printed.
 * @param proxy           the HTTP proxy every request goes through ({@code oauth.http.proxy.uri});
 *                        empty = direct connections (the JVM's proxy properties are not used)
 */
public final class HttpSettings {
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final int retries;
    private final Duration backoff;
    private final Duration backoffMax;
    private final Optional<SSLContext> sslContext;
    private final String tlsFingerprint;
    private final Optional<InetSocketAddress> proxy;

    public HttpSettings(Duration connectTimeout, Duration readTimeout, int retries, Duration backoff,
                        Duration backoffMax, Optional<SSLContext> sslContext, String tlsFingerprint,
                        Optional<InetSocketAddress> proxy) {
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.retries = retries;
        this.backoff = backoff;
        this.backoffMax = backoffMax;
        this.sslContext = sslContext;
        this.tlsFingerprint = tlsFingerprint;
        this.proxy = proxy;
    }

    /** Settings without a proxy. */
    public HttpSettings(Duration connectTimeout, Duration readTimeout, int retries, Duration backoff,
                        Duration backoffMax, Optional<SSLContext> sslContext, String tlsFingerprint) {
        this(connectTimeout, readTimeout, retries, backoff, backoffMax, sslContext, tlsFingerprint, Optional.empty());
    }

    /** Settings built in code: a given context is only known to equal itself. */
    public HttpSettings(Duration connectTimeout, Duration readTimeout, int retries, Duration backoff,
                        Duration backoffMax, Optional<SSLContext> sslContext) {
        this(connectTimeout, readTimeout, retries, backoff, backoffMax, sslContext,
                sslContext.map(context -> "instance:" + System.identityHashCode(context)).orElse(""));
    }

    /**
     * Reads the {@code oauth.connect/read.timeout.ms}, {@code oauth.http.*} and {@code oauth.ssl.*}
     * options, with the defaults and ranges {@link Option} declares (retries included: the broker's
     * validator, which must not wait on a network thread, drops them with {@link #withoutRetries()}).
     */
    public static HttpSettings from(OptionReader options) {
        Duration connect = options.millis(Option.CONNECT_TIMEOUT_MS);
        Duration read = options.millis(Option.READ_TIMEOUT_MS);
        int retries = options.integer(Option.HTTP_RETRIES);
        Duration backoff = options.millis(Option.HTTP_RETRY_BACKOFF_MS);
        Duration backoffMax = options.millis(Option.HTTP_RETRY_BACKOFF_MAX_MS);
        if (backoffMax.compareTo(backoff) < 0) {
            if (options.string(OptionNames.HTTP_RETRY_BACKOFF_MAX_MS).isPresent()) {
                // Both set, and contradicting: which one the user meant is a guess we do not make.
                throw new InvalidOptionException(options.name(OptionNames.HTTP_RETRY_BACKOFF_MAX_MS), "is "
                        + backoffMax.toMillis() + " ms, less than " + options.name(OptionNames.HTTP_RETRY_BACKOFF_MS)
                        + " (" + backoff.toMillis() + " ms); the upper bound must be at least the first wait");
            }
            backoffMax = backoff;   // only the first wait was raised: the default bound follows it
        }
        SslContexts.Tls tls = SslContexts.from(options);
        return new HttpSettings(connect, read, retries, backoff, backoffMax, tls.context(), tls.fingerprint(),
                proxy(options));
    }

    /**
     * {@code oauth.http.proxy.uri}: {@code http://host:port} of a forward proxy. HTTPS requests
     * tunnel through it (CONNECT), so TLS and its verification stay end to end with the IdP. Only
     * plain {@code http://} to the proxy and no credentials: the JDK client does not send proxy
     * Basic credentials through a tunnel by default, and a password in a URL ends up in logs.
     */
    private static Optional<InetSocketAddress> proxy(OptionReader options) {
        return options.uri(Option.HTTP_PROXY_URI).map(uri -> {
            if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getPort() < 0
                    || !(uri.getRawPath() == null || uri.getRawPath().isEmpty() || "/".equals(uri.getRawPath()))
                    || uri.getRawQuery() != null) {
                throw new InvalidOptionException(options.name(OptionNames.HTTP_PROXY_URI),
                        "expected http://host:port of an HTTP proxy (plain http to the proxy, an explicit port,"
                        + " no path), got '" + uri + "'");
            }
            return InetSocketAddress.createUnresolved(uri.getHost(), uri.getPort());
        });
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration readTimeout() {
        return readTimeout;
    }

    public int retries() {
        return retries;
    }

    public Duration backoff() {
        return backoff;
    }

    public Duration backoffMax() {
        return backoffMax;
    }

    public Optional<SSLContext> sslContext() {
        return sslContext;
    }

    public String tlsFingerprint() {
        return tlsFingerprint;
    }

    public Optional<InetSocketAddress> proxy() {
        return proxy;
    }

    /** The same settings without retries: for calls made where waiting is not allowed. */
    public HttpSettings withoutRetries() {
        return new HttpSettings(connectTimeout, readTimeout, 0, backoff, backoffMax, sslContext, tlsFingerprint, proxy);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof HttpSettings)) {
            return false;
        }
        HttpSettings other = (HttpSettings) o;
        return retries == other.retries && connectTimeout.equals(other.connectTimeout)
                && readTimeout.equals(other.readTimeout) && backoff.equals(other.backoff)
                && backoffMax.equals(other.backoffMax) && sslContext.equals(other.sslContext)
                && tlsFingerprint.equals(other.tlsFingerprint) && proxy.equals(other.proxy);
    }

    @Override
    public int hashCode() {
        return Objects.hash(connectTimeout, readTimeout, retries, backoff, backoffMax, sslContext, tlsFingerprint, proxy);
    }

    @Override
    public String toString() {
        return "HttpSettings[connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout + ", retries=" + retries
                + ", backoff=" + backoff + ", backoffMax=" + backoffMax + ", tls=" + (sslContext.isPresent()
                ? "configured" : "JVM default") + proxy.map(p -> ", proxy=" + p.getHostString() + ":" + p.getPort()).orElse("")
                + "]";
    }

    /**
     * The wait actually taken before retry number {@code attempt} (1-based): "equal jitter", a
     * uniformly random wait between half of {@link #backoffBefore} and all of it. Clients that
     * failed together (an IdP restart fails every login of a fleet at once) then spread their
     * retries instead of coming back in step, and no retry follows sooner than half the nominal
     * wait or later than {@code oauth.http.retry.backoff.max.ms}.
     *
     * @param draw where the randomness comes from: a uniformly random value in [0, bound) for a
     *             bound, such as {@code ThreadLocalRandom.current()::nextLong}; tests pass a seeded one
     */
    public Duration jitteredBackoffBefore(int attempt, LongUnaryOperator draw) {
        long ceiling = backoffBefore(attempt).toMillis();
        long floor = ceiling - ceiling / 2;   // the larger half for odd values: the wait stays within [ceiling/2, ceiling]
        return Duration.ofMillis(floor + draw.applyAsLong(ceiling - floor + 1));
    }

    /** The longest wait before retry number {@code attempt} (1-based): exponential, capped. */
    public Duration backoffBefore(int attempt) {
        long millis = backoff.toMillis();
        for (int i = 1; i < attempt && millis < backoffMax.toMillis(); i++) {
            millis *= 2;
        }
        return Duration.ofMillis(Math.min(millis, backoffMax.toMillis()));
    }
}
