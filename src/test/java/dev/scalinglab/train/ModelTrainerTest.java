package dev.scalinglab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import dev.scalinglab.data.FashionMnistData;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tech.tablesaw.api.Table;

/** The trainer's step-level loss records and their table. */
@Timeout(300)
class ModelTrainerTest {

  private static final Hyperparameters HP =
      Hyperparameters.QUESTION.withTrainSize(5000).withEpochs(2);

  private final FashionMnistData data = FashionMnistData.load();
  private NDManager manager;

  @BeforeEach
  void open() {
    manager = Engine.getInstance().newBaseManager();
  }

  @AfterEach
  void close() {
    manager.close();
  }

  @Test
  void recordsTheLossEveryNStepsAndAtTheEpochsEnd() {
    ModelTrainer b =
        ModelTrainer.create(data, new Scenario("B", "raw", 255f, LrMultipliers.NONE), HP, manager)
            .setStepInterval(10);
    List<StepResult> steps = new ArrayList<>();
    EpochResult first = b.trainEpoch(TrainingListener.onStep(steps::add));
    // 5000 / 32 = 156 steps: 15 windows of 10, then the last 6.
    assertEquals(16, steps.size());
    assertEquals(10, steps.get(0).step());
    assertEquals(156, steps.get(15).step());
    assertEquals(6, steps.get(15).steps());
    // B explodes in its first steps and then sits near chance (ln 10 ≈ 2.3).
    assertTrue(steps.get(0).loss() > 1e3, "first window " + steps.get(0).loss());
    assertEquals(Math.log(10), steps.get(15).loss(), 0.1);
    // The windows average to the epoch's loss.
    double weighted = steps.stream().mapToDouble(s -> s.loss() * s.steps()).sum() / 156;
    assertEquals(first.loss(), weighted, first.loss() * 1e-4);
    b.trainEpoch(TrainingListener.onStep(steps::add));
    assertEquals(2, steps.get(16).epoch());
    assertEquals(166, steps.get(16).step());
  }

  @Test
  void historyTabulatesTheSteps() {
    History h = new History(List.of("B", "A"));
    h.add(new StepResult("A", 1, 50, 50, 1.5));
    h.add(new StepResult("B", 1, 100, 50, 2.0));
    h.add(new StepResult("B", 1, 50, 50, 1e12));
    Table t = h.steps();
    assertEquals(History.STEP_COLUMNS, t.columnNames());
    assertEquals(List.of("B", "B", "A"), t.stringColumn("scenario").asList());
    assertEquals(50L, t.longColumn("step").get(0));
    assertEquals(1e12, t.doubleColumn("loss").get(0));
    assertEquals(2, h.stepRows("B").size());
  }

  @Test
  void aBadIntervalIsRefusedWithItsName() {
    ModelTrainer a =
        ModelTrainer.create(data, new Scenario("A", "a", 1f, LrMultipliers.NONE), HP, manager);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> a.setStepInterval(0));
    assertTrue(e.getMessage().contains("step interval"), e.getMessage());
  }
}
