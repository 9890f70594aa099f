package io.textback.recipes;

import io.textback.support.Postgres;
import io.textback.support.PostgresEngineTest;
import io.textback.support.RequiresService;
import org.junit.jupiter.api.condition.EnabledIf;

/** {@link InstancesReadTogetherChecks} on PostgreSQL, the production database. */
@EnabledIf("postgresAvailable")
@PostgresEngineTest
class InstancesReadTogetherPostgresTest extends InstancesReadTogetherChecks {

    static boolean postgresAvailable() {
        return RequiresService.available("PostgreSQL instances read together", Postgres.unavailableBecause());
    }
}
