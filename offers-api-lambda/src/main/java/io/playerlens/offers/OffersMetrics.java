package io.playerlens.offers;

import static io.playerlens.contracts.metrics.MetricNames.DIMENSION_MODEL;
import static io.playerlens.contracts.metrics.MetricNames.DIMENSION_REASON;
import static io.playerlens.contracts.metrics.MetricNames.DIMENSION_SERVICE;
import static io.playerlens.contracts.metrics.MetricNames.NAMESPACE;
import static io.playerlens.contracts.metrics.MetricNames.OFFERS_FALLBACK;
import static io.playerlens.contracts.metrics.MetricNames.OFFERS_LATENCY_MS;
import static io.playerlens.contracts.metrics.MetricNames.OFFERS_SERVED;
import static io.playerlens.contracts.metrics.MetricNames.SERVICE_OFFERS_API;

import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsBuilder;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/** What the offers API counts, per model: EMF on Lambda, in memory locally. */
public interface OffersMetrics {
    void served(String model, String variant, boolean fallback, String reason, double millis);

    /** Counts a shadow variant's decision (scored and logged, not served). */
    default void shadow(String model, String variant, boolean failed, String reason) {
    }

    /** Counts a cold start (once per container; Powertools' {@code ColdStart} metric on Lambda). */
    default void coldStart(com.amazonaws.services.lambda.runtime.Context context) {
    }

    default void flush() {
    }

    OffersMetrics NONE = new OffersMetrics() {
        @Override
        public void served(String model, String variant, boolean fallback, String reason, double millis) {
        }
    };

    /** CloudWatch EMF through Powertools: one metric line per request, dimensioned by model (a second on a fallback, by reason). */
    final class Emf implements OffersMetrics {
        private final Metrics metrics = MetricsBuilder.builder().withNamespace(NAMESPACE).withService(io.playerlens.contracts.metrics.MetricNames.SERVICE_OFFERS_API).build();

        @Override
        public void served(String model, String variant, boolean fallback, String reason, double millis) {
            // Both metrics share the model's dimensions, so they go in one EMF line: its metadata (namespace,
            // dimensions, timestamp) is most of a line's bytes, and CloudWatch Logs bills every byte ingested.
            DimensionSet byModel = DimensionSet.of(DIMENSION_SERVICE, SERVICE_OFFERS_API, DIMENSION_MODEL, model);
            metrics.flushMetrics(line -> {
                line.setNamespace(NAMESPACE);
                line.setDefaultDimensions(byModel);
                line.addMetric(OFFERS_SERVED, 1, MetricUnit.COUNT);
                line.addMetric(OFFERS_LATENCY_MS, millis, MetricUnit.MILLISECONDS);
            });
            if (fallback) {
                metrics.flushSingleMetric(OFFERS_FALLBACK, 1, MetricUnit.COUNT, NAMESPACE,
                        DimensionSet.of(DIMENSION_SERVICE, SERVICE_OFFERS_API, DIMENSION_MODEL, model, DIMENSION_REASON, reason));
            }
        }

        @Override
        public void shadow(String model, String variant, boolean failed, String reason) {
            metrics.flushSingleMetric(io.playerlens.contracts.metrics.MetricNames.OFFERS_SHADOWED, 1, MetricUnit.COUNT, NAMESPACE,
                    DimensionSet.of(DIMENSION_SERVICE, SERVICE_OFFERS_API, DIMENSION_MODEL, model));
            if (failed) {
                metrics.flushSingleMetric(io.playerlens.contracts.metrics.MetricNames.OFFERS_SHADOW_FAILED, 1, MetricUnit.COUNT, NAMESPACE,
                        DimensionSet.of(DIMENSION_SERVICE, SERVICE_OFFERS_API, DIMENSION_MODEL, model, DIMENSION_REASON, reason));
            }
        }

        @Override
        public void coldStart(com.amazonaws.services.lambda.runtime.Context context) {
            metrics.captureColdStartMetric(context);
        }
    }
}
