package dev.scalinglab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.scalinglab.engine.EngineSetup;
import dev.scalinglab.engine.IntraOpThreads;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TrainerThreadsTest {

  private static int threadsSeenBy(TrainerThreads factory) throws InterruptedException {
    AtomicInteger seen = new AtomicInteger();
    Thread t = factory.newThread(() -> seen.set(IntraOpThreads.current()));
    t.start();
    t.join();
    return seen.get();
  }

  @Test
  void eachTrainingGetsItsShareOfTheCores() throws Exception {
    EngineSetup.configure();
    assertEquals(IntraOpThreads.perTraining(1), threadsSeenBy(new TrainerThreads(1)));
    assertEquals(IntraOpThreads.perTraining(64), threadsSeenBy(new TrainerThreads(64)));
    assertEquals(1, threadsSeenBy(new TrainerThreads(64)), "more trainings than cores: 1 each");
  }
}
