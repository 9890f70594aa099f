package io.textback.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;
import java.time.ZoneId;

import io.textback.recipes.MissedCallTextBack;
import io.textback.recipes.MissedCallTextBackOnce;
import io.textback.support.EngineTest;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Old history leaves the database at night, after each shipped recipe's own time to live. */
@EngineTest
class HistoryCleanupTest {

    @Autowired
    HistoryService history;
    @Autowired
    RepositoryService repository;

    @Test
    void cleanupIsScheduledInTheNightWindowAndEveryShippedRecipeSetsItsRetention() {
        var jobs = history.findHistoryCleanupJobs();
        assertThat(jobs).as("history cleanup scheduled at startup").isNotEmpty();
        LocalTime due = jobs.get(0).getDuedate().toInstant().atZone(ZoneId.systemDefault()).toLocalTime();
        assertThat(due).isBetween(LocalTime.of(1, 0), LocalTime.of(4, 0));

        for (String key : new String[] {MissedCallTextBack.KEY, MissedCallTextBackOnce.KEY}) {
            var recipe = repository.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion()
                    .singleResult();
            assertThat(recipe.getHistoryTimeToLive()).as(key + " keeps its history 30 days").isEqualTo(30);
        }
    }
}
