package io.claimgate.it.rollout;

import io.claimgate.it.monitoring.PrometheusScrape;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a Prometheus server scraping every node's JMX exporter sees, summed over the nodes. A node
 * that is down (mid-restart) counts as 0; counters start again at 0 when a node restarts.
 */
final class BrokerMetrics {
    private final List<Integer> ports;
    private final HttpClient http = HttpClient.newHttpClient();

    BrokerMetrics(List<Integer> ports) {
        this.ports = List.copyOf(ports);
    }

    /** The sum over all nodes of {@code metric}'s samples that carry {@code labels}. */
    double sum(String metric, Map<String, String> labels) throws InterruptedException {
        double total = 0;
        for (int port : ports) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/metrics")).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    total += PrometheusScrape.parse(response.body()).sum(metric, labels);
                }
            } catch (IOException e) {
                // node down: nothing to add
            }
        }
        return total;
    }
}
