package info.zemus.messaging.observability;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Duration;

/**
 * Every timer of ours ({@code zemus.*}) publishes the same distribution: p50, p90, p99 and a histogram from 1 ms to
 * 10 s (dashboards and alerts in docs/OPERATIONS.md read them), set here once instead of in each meter's builder.
 */
@Singleton
public class LatencyHistograms {

    private static final double[] PERCENTILES = {0.5, 0.9, 0.99};

    @Produces
    @Singleton
    MeterFilter latencyHistograms() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (id.getType() != Meter.Type.TIMER || !id.getName().startsWith("zemus.")) {
                    return config;
                }
                return DistributionStatisticConfig.builder()
                        .percentiles(PERCENTILES)
                        .percentilesHistogram(true)
                        .minimumExpectedValue((double) Duration.ofMillis(1).toNanos())
                        .maximumExpectedValue((double) Duration.ofSeconds(10).toNanos())
                        .build()
                        .merge(config);
            }
        };
    }
}
