package io.playerlens.offline;

import static org.assertj.core.api.Assertions.assertThat;

import io.playerlens.models.descriptor.DescriptorParser;
import io.playerlens.models.descriptor.ModelDescriptor;
import io.playerlens.models.runtime.LoadedModel;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** From an archive to a candidate model the serving runtime loads, with an evaluation of both models. */
class TrainJobTest extends SparkJobTest {

    @Test
    void train_writesADropInCandidate_andEvaluatesItAgainstTheCurrentModel(@TempDir Path dir) throws Exception {
        new TestArchive(dir.resolve("archive"), 51).play(150, 3);
        new TrainingSetJob(spark, Progress.quiet()).run(dir.resolve("archive").toString(), LocalDate.parse("2026-11-20"),
                LocalDate.parse("2026-11-22"), dir.resolve("training-set"), Map.of());
        Path current = Path.of("..", "models", "store-logreg");

        TrainJob.Result result = new TrainJob(spark, Progress.quiet()).run(dir.resolve("training-set"), current, dir.resolve("candidate"), 42);

        ModelDescriptor before = DescriptorParser.read(current);
        ModelDescriptor after = DescriptorParser.read(dir.resolve("candidate"));
        assertThat(after.version()).isEqualTo(TrainJob.nextVersion(before.version())).isNotEqualTo(before.version());
        assertThat(after.features()).isEqualTo(before.features());
        assertThat(after.offers()).isEqualTo(before.offers());
        assertThat(after.output().offers()).isNotEmpty().isSubsetOf(before.offers().stream().map(o -> o.offerId()).toList());
        assertThat(LoadedModel.load(dir.resolve("candidate")).descriptor().name()).isEqualTo(before.name());

        assertThat(result.trainingExamples()).isGreaterThanOrEqualTo(20);
        for (TrainJob.Evaluation evaluation : new TrainJob.Evaluation[] {result.current(), result.candidate()}) {
            assertThat(evaluation.examples()).isPositive();
            assertThat(evaluation.top1Accuracy()).isBetween(0.0, 1.0);
            assertThat(evaluation.logLoss()).isPositive().isFinite();
        }
        assertThat(result.current().version()).isEqualTo(before.version());
        assertThat(dir.resolve("candidate").resolve("evaluation.json")).exists();
    }
}
