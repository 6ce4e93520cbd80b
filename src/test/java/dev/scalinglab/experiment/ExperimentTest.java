package dev.scalinglab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import dev.scalinglab.data.FashionMnistData;
import dev.scalinglab.data.Split;
import dev.scalinglab.engine.IntraOpThreads;
import dev.scalinglab.train.EpochResult;
import dev.scalinglab.train.History;
import dev.scalinglab.train.Hyperparameters;
import dev.scalinglab.train.LrMultipliers;
import dev.scalinglab.train.OptimizerKind;
import dev.scalinglab.train.Scenario;
import dev.scalinglab.train.TinyData;
import dev.scalinglab.train.TrainingInterruptedException;
import dev.scalinglab.train.TrainingListener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(600)
class ExperimentTest {

  private static final Hyperparameters QUICK =
      Hyperparameters.QUESTION.withEpochs(1).withTrainSize(5000);

  /** 640 tiny synthetic images ({@link TinyData}): 20 steps an epoch. */
  private static final Hyperparameters TINY =
      Hyperparameters.QUESTION.withEpochs(1).withTrainSize(640);

  private static NDManager tinyManager;
  private static Split tinyTrain;
  private static Split tinyValidation;

  private final FashionMnistData data = FashionMnistData.load();

  @BeforeAll
  static void makeTinyData() {
    tinyManager = Engine.getInstance().newBaseManager();
    tinyTrain = TinyData.split("train", 640, 1, tinyManager);
    tinyValidation = TinyData.split("validation", 200, 2, tinyManager);
  }

  @AfterAll
  static void closeTinyData() {
    tinyManager.close();
  }

  private History run(Hyperparameters hp, Scenario... scenarios) {
    return Experiment.of(data, RunPlan.of(hp, scenarios)).run();
  }

  /** Returns a builder on the tiny data, for what does not depend on Fashion-MNIST's images. */
  private static Experiment.Builder tiny(Hyperparameters hp, Scenario... scenarios) {
    return Experiment.builder()
        .setSplits(tinyTrain, tinyValidation)
        .setPlan(RunPlan.of(hp, scenarios));
  }

  private static History runTiny(Hyperparameters hp, Scenario... scenarios) {
    return tiny(hp, scenarios).build().run();
  }

  @Test
  void aLearnsAndBDoesNot() {
    History h = run(QUICK, Scenarios.a(), Scenarios.b());
    double a = h.rows("A").get(0).valAccuracy();
    double b = h.rows("B").get(0).valAccuracy();
    assertTrue(a > 0.6, "A val accuracy " + a);
    assertTrue(b < 0.3, "B val accuracy " + b);
    assertTrue(h.rows("B").get(0).deadRelu() > 0.5, "B kills most first-layer ReLUs");
  }

  @Test
  void cMatchesAWithinHalfAPointPerEpoch() {
    History h = run(QUICK.withEpochs(2), Scenarios.a(), Scenarios.c());
    for (int e = 0; e < 2; e++) {
      EpochResult a = h.rows("A").get(e);
      EpochResult c = h.rows("C").get(e);
      assertEquals(a.valAccuracy(), c.valAccuracy(), 0.005, "epoch " + (e + 1));
    }
  }

  @Test
  void sameSeedAndThreadCountGiveAnIdenticalHistory() {
    History together = runTiny(TINY, Scenarios.a(), Scenarios.b(), Scenarios.e());
    History again = runTiny(TINY, Scenarios.a(), Scenarios.b(), Scenarios.e());
    assertEquals(strip(together.rows()), strip(again.rows()));
    // Alone, E would get every core, but batch 32 stays on one intra-op thread (IntraOpThreads):
    // bit-identical to itself alone, and equal to float rounding to E beside others in any case.
    History alone = runTiny(TINY, Scenarios.e());
    assertEquals(strip(alone.rows("E")), strip(runTiny(TINY, Scenarios.e()).rows("E")));
    EpochResult solo = alone.rows("E").get(0);
    EpochResult shared = together.rows("E").get(0);
    assertEquals(shared.loss(), solo.loss(), 1e-5 * Math.abs(shared.loss()));
    assertEquals(shared.valLoss(), solo.valLoss(), 1e-4 * Math.abs(shared.valLoss()));
    History otherSeed = runTiny(TINY.withSeed(7), Scenarios.e());
    assertFalse(strip(alone.rows("E")).equals(strip(otherSeed.rows("E"))));
  }

  @Test
  void aRunTrainsOnTheIntraOpThreadsItsBatchAndCompanyGetIt() {
    assertEquals(List.of(1), threadsSeenDuring(TINY, Scenarios.a()), "batch 32: one thread");
    int alone = IntraOpThreads.perTraining(1, 256);
    assertEquals(List.of(alone), threadsSeenDuring(TINY.withBatchSize(256), Scenarios.a()));
    int shared = IntraOpThreads.perTraining(2, 256);
    assertEquals(
        List.of(shared, shared),
        threadsSeenDuring(TINY.withBatchSize(256), Scenarios.a(), Scenarios.c()));
  }

  /** The intra-op thread count of the thread each epoch row was reported on. */
  private List<Integer> threadsSeenDuring(Hyperparameters hp, Scenario... scenarios) {
    List<Integer> seen = new ArrayList<>();
    tiny(hp, scenarios)
        .build()
        .run(
            new TrainingListener() {
              @Override
              public void onEpoch(EpochResult row) {
                seen.add(IntraOpThreads.current());
              }
            });
    return seen;
  }

  @Test
  void aDivergingScenarioIsMarkedAndTheOthersGoOn() {
    Scenario exploding = new Scenario("X", "A with lr × 10^4", 1f, LrMultipliers.global(10_000));
    History h = run(QUICK.withEpochs(2), exploding, Scenarios.a());
    assertTrue(h.diverged("X"));
    assertEquals(1, h.rows("X").size(), "stops at the epoch it diverged");
    assertFalse(Double.isFinite(h.rows("X").get(0).loss()));
    assertEquals(2, h.rows("A").size());
    assertFalse(h.diverged("A"));
    assertTrue(h.summary().booleanColumn("diverged").get(0));
  }

  @Test
  void listenerSeesEveryEpochAndProgress() {
    List<EpochResult> epochs = new ArrayList<>();
    int[] progress = new int[1];
    tiny(TINY, Scenarios.a(), Scenarios.c())
        .build()
        .run(
            new TrainingListener() {
              @Override
              public void onProgress(String scenario, int epoch, int step, int steps) {
                progress[0]++;
              }

              @Override
              public void onEpoch(EpochResult result) {
                epochs.add(result);
              }
            });
    assertEquals(2, epochs.size());
    // 20 steps an epoch: a progress call after each, for each of the two runs.
    assertEquals(40, progress[0]);
  }

  @Test
  void interruptStopsTheRunAndLeavesTheLibraryUsable() throws Exception {
    Experiment long_ = tiny(TINY.withEpochs(50), Scenarios.a()).build();
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    CountDownLatch firstEpoch = new CountDownLatch(1);
    TrainingListener holdsTheFirstEpoch =
        TrainingListener.onEpoch(
            r -> {
              firstEpoch.countDown();
              try {
                new CountDownLatch(1).await(); // until the interrupt reaches this run
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    Thread runner =
        new Thread(
            () -> {
              try {
                long_.run(holdsTheFirstEpoch);
              } catch (Throwable t) {
                thrown.set(t);
              }
            });
    runner.start();
    assertTrue(firstEpoch.await(60, TimeUnit.SECONDS), "no epoch finished within 60 s");
    runner.interrupt();
    runner.join(30_000);
    assertFalse(runner.isAlive());
    assertTrue(thrown.get() instanceof TrainingInterruptedException, String.valueOf(thrown.get()));
    assertEquals("Training interrupted; epochs completed: A 1", thrown.get().getMessage());
    assertEquals(1, ((TrainingInterruptedException) thrown.get()).epochsCompleted());
    // The library still trains afterwards.
    assertEquals(1, runTiny(TINY, Scenarios.a()).rows("A").size());
  }

  @Test
  void cancelBetweenTwoEpochsSaysWhatWasCompletedNotThatATaskWasRejected() throws Exception {
    // Ctrl-C's path: cancel() interrupts a run between two epochs (here: while a listener holds
    // the first epoch's row); the run stops before its next epoch and says what it completed.
    Experiment experiment = tiny(TINY.withEpochs(5), Scenarios.a()).build();
    CountDownLatch inFirstEpochEnd = new CountDownLatch(1);
    TrainingListener holdsTheFirstEpoch =
        TrainingListener.onEpoch(
            r -> {
              inFirstEpochEnd.countDown();
              try {
                new CountDownLatch(1).await(); // until cancel() interrupts this run
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread runner =
        new Thread(
            () -> {
              try {
                experiment.run(holdsTheFirstEpoch);
              } catch (Throwable t) {
                thrown.set(t);
              }
            });
    runner.start();
    assertTrue(inFirstEpochEnd.await(60, TimeUnit.SECONDS), "no epoch finished within 60 s");
    experiment.cancel();
    runner.join(30_000);
    assertFalse(runner.isAlive());
    Throwable t = thrown.get();
    assertTrue(t instanceof TrainingInterruptedException, String.valueOf(t));
    assertEquals("Training interrupted; epochs completed: A 1", t.getMessage());
  }

  @Test
  void aRunThatThrowsStopsTheOthersAtOnce() {
    // A learning rate float32 cannot hold makes this run throw when its trainer is built.
    Scenario broken = new Scenario("X", "lr × 1e-40", 1f, LrMultipliers.global(1e-40));
    Experiment experiment =
        Experiment.builder()
            .setData(data)
            .setPlan(RunPlan.of(QUICK.withEpochs(30), Scenarios.a(), broken))
            .optParallelism(2)
            .build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, experiment::run);
    assertTrue(e.getMessage().contains("float32"), e.getMessage());
    // A was interrupted, not trained to its 30th epoch.
    int epochs = experiment.history().rows("A").size();
    assertTrue(epochs < 30, "A trained " + epochs + " epochs");
  }

  @Test
  void aRunThatThrowsIsRecordedAndTheOthersGoOnWhenAsked() {
    Scenario broken = new Scenario("X", "lr × 1e-40", 1f, LrMultipliers.global(1e-40));
    Experiment experiment =
        tiny(TINY.withEpochs(2), Scenarios.a(), broken).optContinueOnFailure(true).build();
    List<EpochResult> heard = new ArrayList<>();
    History h = experiment.run(TrainingListener.onEpoch(heard::add));
    assertEquals(2, h.rows("A").size());
    assertEquals(List.of(), h.rows("X"), "a failed run has no row in the history");
    assertTrue(experiment.failures().get("X").getMessage().contains("float32"));
    // Listeners hear a stand-in row for X, so they can count it as finished.
    assertEquals(1, heard.stream().filter(r -> r.scenario().equals("X")).count());
  }

  @Test
  void aPlanIsGivenOnceAndNamesEachScenarioOnce() {
    IllegalArgumentException mixed =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Experiment.builder()
                    .setData(data)
                    .setPlan(RunPlan.of(QUICK, Scenarios.a()))
                    .optScenarios(Scenarios.b())
                    .build());
    assertEquals(
        "Give either setPlan(...) or optScenarios/optHyperparameters, not both",
        mixed.getMessage());
    IllegalArgumentException twice =
        assertThrows(
            IllegalArgumentException.class, () -> Scenarios.parse("A,a", OptimizerKind.SGD));
    assertEquals("Scenario A is listed twice in 'A,a': name each once", twice.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> RunPlan.of(QUICK, Scenarios.a(), Scenarios.a()));
    assertEquals(
        List.of("A[seed=42]", "C[seed=42]", "A[seed=43]", "C[seed=43]"),
        RunPlan.seeds(List.of(Scenarios.a(), Scenarios.c()), QUICK, 2).names());
  }

  @Test
  void ePrimeCompensatesTheKernelOnlyAndEBoth() {
    assertEquals("E'", Scenarios.byName("e′", OptimizerKind.SGD).name());
    assertEquals(1 / 255.0, Scenarios.ePrime().multipliers().firstKernel(), 1e-9);
    assertEquals(1.0, Scenarios.ePrime().multipliers().firstBias());
    assertEquals(1 / 255.0, Scenarios.e().multipliers().firstBias(), 1e-9);
  }

  @Test
  void stepLossIsInTheHistoryDuringTheRun() {
    History h =
        Experiment.builder()
            .setData(data)
            .setPlan(RunPlan.of(QUICK, Scenarios.b()))
            .optStepInterval(20)
            .build()
            .run();
    // 5000 / 32 = 156 steps: 7 windows of 20 and one of 16.
    assertEquals(8, h.stepRows("B").size());
    assertTrue(h.stepRows("B").get(0).loss() > 1e3, "B explodes in its first steps");
    assertEquals(8, h.steps().rowCount());
  }

  @Test
  void badSettingsAreRejectedWithTheirName() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> QUICK.withLearningRate(Double.NaN));
    assertTrue(e.getMessage().contains("learning rate"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> QUICK.withBatchSize(6000));
    assertTrue(e.getMessage().contains("larger than the training data"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class, () -> Scenarios.parse("A,Q", OptimizerKind.SGD));
    assertTrue(e.getMessage().contains("Unknown scenario 'Q'"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Scenarios.a().withInputScale(0f));
    assertTrue(e.getMessage().contains("Input scale"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Experiment.builder().build());
    e =
        assertThrows(
            IllegalArgumentException.class, () -> Scenarios.parse("A,A", OptimizerKind.SGD));
    assertTrue(e.getMessage().length() < 80, "one short line: " + e.getMessage());
  }

  @Test
  void compensationFollowsTheOptimizer() {
    assertEquals(
        1 / (255.0 * 255.0), Scenarios.c(OptimizerKind.SGD).multipliers().firstKernel(), 1e-15);
    assertEquals(1 / 255.0, Scenarios.c(OptimizerKind.ADAM).multipliers().firstKernel(), 1e-12);
    assertEquals(1.0, Scenarios.c(OptimizerKind.SGD).multipliers().firstBias());
  }

  /** Rows without their wall-clock seconds. */
  private static List<String> strip(List<EpochResult> rows) {
    return rows.stream()
        .map(
            r ->
                r.scenario()
                    + r.epoch()
                    + ":"
                    + r.loss()
                    + ","
                    + r.accuracy()
                    + ","
                    + r.valLoss()
                    + ","
                    + r.valAccuracy()
                    + ","
                    + r.deadRelu()
                    + ","
                    + r.diverged())
        .sorted()
        .toList();
  }
}
