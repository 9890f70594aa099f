package io.textback.operations;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

/**
 * Gauges read from the database: jobs due and not yet run, jobs out of retries, open incidents,
 * and the last hour's texts by status and Twilio error code. They are counted every few seconds
 * on a thread of their own, so a scrape never waits for the database. Every node reports the same
 * cluster-wide figures: dashboards take their max over instances.
 */
@Component
class OperationsMetrics implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(OperationsMetrics.class);

    private final ManagementService management;
    private final RuntimeService runtime;
    private final JdbcTemplate jdbc;
    private final AtomicLong jobsDue = new AtomicLong();
    private final AtomicLong jobsFailed = new AtomicLong();
    private final AtomicLong incidentsOpen = new AtomicLong();
    private final MultiGauge texts;
    private final AtomicReference<Map<Tags, Long>> textCounts = new AtomicReference<>(Map.of());
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
        var thread = new Thread(runnable, "textback-metrics");
        thread.setDaemon(true);
        return thread;
    });

    OperationsMetrics(MeterRegistry meters, ManagementService management, RuntimeService runtime, JdbcTemplate jdbc,
                      @Value("${textback.metrics.refresh-interval:10s}") Duration refreshInterval) {
        this.management = management;
        this.runtime = runtime;
        this.jdbc = jdbc;
        Gauge.builder("textback.jobs.due", jobsDue, AtomicLong::get)
                .description("Recipe jobs (timers, steps, retries) due and not yet run").register(meters);
        Gauge.builder("textback.jobs.failed", jobsFailed, AtomicLong::get)
                .description("Recipe jobs with no retries left (each is an incident)").register(meters);
        Gauge.builder("textback.incidents.open", incidentsOpen, AtomicLong::get)
                .description("Open incidents: recipes stopped at a step until someone acts in Cockpit").register(meters);
        texts = MultiGauge.builder("textback.texts.last.hour")
                .description("Texts created in the last hour, by status and Twilio error code").register(meters);
        refresher.scheduleWithFixedDelay(this::refresh, 0, refreshInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void refresh() {
        try {
            jobsDue.set(management.createJobQuery().executable().count());
            jobsFailed.set(management.createJobQuery().noRetriesLeft().count());
            incidentsOpen.set(runtime.createIncidentQuery().count());
            Map<Tags, Long> counts = new HashMap<>();
            jdbc.query("""
                    select status, coalesce(error_code, 'none') as error_code, count(*) as texts from text_message
                    where created_at > ? group by status, coalesce(error_code, 'none')""",
                    (RowCallbackHandler) rs -> counts.put(Tags.of("status", rs.getString("status"), "error_code",
                            rs.getString("error_code")), rs.getLong("texts")),
                    Timestamp.from(Instant.now().minus(Duration.ofHours(1))));
            textCounts.set(counts);
            // Rows read the latest counts, so a known row stays registered (never a gap in a scrape); gone ones go.
            List<MultiGauge.Row<?>> rows = counts.keySet().stream().<MultiGauge.Row<?>>map(tags -> MultiGauge.Row.of(
                    tags, textCounts, latest -> latest.get().getOrDefault(tags, 0L))).toList();
            texts.register(rows, false);
        } catch (RuntimeException e) {
            // A database blip must not stop the refresher; the gauges keep their last values.
            log.warn("Metrics not refreshed: {}", e.getMessage());
        }
    }

    @Override
    public void destroy() {
        refresher.shutdownNow();
    }
}
