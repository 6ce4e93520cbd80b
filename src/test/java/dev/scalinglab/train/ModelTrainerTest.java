package dev.scalinglab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import dev.scalinglab.data.Split;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tech.tablesaw.api.Table;

/**
 * The trainer on tiny synthetic data ({@link TinyData}): its one way to train ({@code trainSteps}),
 * the epoch rows its callers make, and its step-level loss records.
 */
@Timeout(120)
class ModelTrainerTest {

  /** 640 images of batch 32: 20 steps an epoch. */
  private static final Hyperparameters HP =
      Hyperparameters.QUESTION.withTrainSize(640).withEpochs(2);

  private NDManager manager;
  private Split train;
  private Split validation;

  @BeforeEach
  void open() {
    manager = Engine.getInstance().newBaseManager();
    train = TinyData.split("train", 640, 1, manager);
    validation = TinyData.split("validation", 200, 2, manager);
  }

  @AfterEach
  void close() {
    manager.close();
  }

  private ModelTrainer trainer(float s, Hyperparameters hp) {
    return new ModelTrainer("t", train, validation, s, LrMultipliers.NONE, hp, manager);
  }

  @Test
  void recordsTheLossEveryNStepsAndAtTheEpochsEnd() {
    ModelTrainer a = trainer(1f, HP).setStepInterval(6);
    List<StepResult> steps = new ArrayList<>();
    EpochResult first = a.trainEpoch(TrainingListener.onStep(steps::add));
    // 20 steps: 3 windows of 6, then the last 2.
    assertEquals(4, steps.size());
    assertEquals(List.of(6L, 12L, 18L, 20L), steps.stream().map(StepResult::step).toList());
    assertEquals(2, steps.get(3).steps());
    // The windows average to the epoch's loss.
    double weighted = steps.stream().mapToDouble(s -> s.loss() * s.steps()).sum() / 20;
    assertEquals(first.loss(), weighted, first.loss() * 1e-5);
    a.trainEpoch(TrainingListener.onStep(steps::add));
    assertEquals(2, steps.get(4).epoch());
    assertEquals(26, steps.get(4).step());
  }

  @Test
  void anEpochsRowDoesNotDependOnHowItsStepsWereSplit() {
    ModelTrainer whole = trainer(1f, HP);
    ModelTrainer split = trainer(1f, HP);
    EpochResult one = whole.trainEpoch(TrainingListener.NONE);
    assertTrue(split.trainSteps(7));
    assertEquals(13, split.stepsLeftInEpoch());
    EpochResult other = split.trainEpoch(TrainingListener.NONE);
    assertEquals(one.loss(), other.loss(), 0.0);
    assertEquals(one.accuracy(), other.accuracy(), 0.0);
    assertEquals(one.valLoss(), other.valLoss(), 0.0);
    assertEquals(0.0, maxDifference(whole, split));
    // And it learned the tiny set: chance is 10 %.
    assertTrue(one.valAccuracy() > 0.5, "val accuracy " + one.valAccuracy());
  }

  @Test
  void stepsRunOnIntoTheNextEpochWithoutARow() {
    ModelTrainer steps = trainer(1f, HP);
    ModelTrainer epochs = trainer(1f, HP);
    List<EpochResult> rows = new ArrayList<>();
    assertTrue(steps.trainSteps(25, TrainingListener.onEpoch(rows::add)));
    assertEquals(List.of(), rows, "trainSteps makes no row");
    assertEquals(2, steps.epoch());
    assertEquals(0, steps.epochsCompleted(), "an epoch without a row is not counted");
    assertEquals(15, steps.stepsLeftInEpoch());
    // The same batches as two epochs trained whole: the second epoch's order follows the first.
    steps.trainSteps(15);
    epochs.trainEpoch(TrainingListener.NONE);
    epochs.trainEpoch(TrainingListener.NONE);
    assertEquals(0.0, maxDifference(steps, epochs));
    // At an epoch's end the next trainEpoch trains the next epoch, and its row says so.
    EpochResult third = steps.trainEpoch(TrainingListener.NONE);
    assertEquals(3, third.epoch());
    assertEquals(1, steps.epochsCompleted());
    assertEquals(4, steps.epoch());
  }

  @Test
  void aRowEndsAnEpochEarlyAndTheNextStepStartsTheNext() {
    ModelTrainer a = trainer(1f, HP);
    a.trainSteps(5);
    EpochResult row = a.endEpoch(TrainingListener.NONE);
    assertEquals(1, row.epoch());
    assertEquals(2, a.epoch());
    assertEquals(20, a.stepsLeftInEpoch());
  }

  @Test
  void aLossThatOverflowsMarksTheRowDiverged() {
    ModelTrainer huge = trainer(255f, HP.withLearningRate(1e30));
    EpochResult row = huge.trainEpoch(TrainingListener.NONE);
    assertTrue(row.diverged(), "loss " + row.loss());
    assertFalse(trainer(1f, HP).trainEpoch(TrainingListener.NONE).diverged());
  }

  @Test
  void anInterruptStopsTheStepsAndSaysWhere() {
    ModelTrainer a = trainer(1f, HP);
    a.trainEpoch(TrainingListener.NONE);
    Thread.currentThread().interrupt();
    TrainingInterruptedException e =
        assertThrows(TrainingInterruptedException.class, () -> a.trainSteps(3));
    assertFalse(Thread.currentThread().isInterrupted(), "the interrupt is taken");
    assertEquals(1, e.epochsCompleted());
    assertEquals(20, a.stepsLeftInEpoch(), "no step ran");
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
  void badArgumentsAreRefusedWithTheirName() {
    ModelTrainer a = trainer(1f, HP);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> a.setStepInterval(0));
    assertTrue(e.getMessage().contains("step interval"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> a.trainSteps(-1));
    assertTrue(e.getMessage().contains("steps must be >= 0"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class, () -> trainer(1f, HP.withTrainSize(1000)).close());
    assertTrue(e.getMessage().contains("exceeds the split's 640 images"), e.getMessage());
  }

  /** Returns max |a − b| over every parameter of the two models. */
  static double maxDifference(ModelTrainer a, ModelTrainer b) {
    List<Parameter> pa = a.model().parameters();
    List<Parameter> pb = b.model().parameters();
    double max = 0;
    for (int i = 0; i < pa.size(); i++) {
      NDArray wa = pa.get(i).getArray();
      NDArray wb = pb.get(i).getArray();
      try (NDArray d = wa.sub(wb).abs().max()) {
        max = Math.max(max, d.getFloat());
      }
    }
    return max;
  }
}
