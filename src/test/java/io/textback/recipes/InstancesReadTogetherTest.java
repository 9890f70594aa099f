package io.textback.recipes;

import io.textback.support.EngineTest;

/** {@link InstancesReadTogetherChecks} on H2, the embedded default. */
@EngineTest
class InstancesReadTogetherTest extends InstancesReadTogetherChecks {
}
