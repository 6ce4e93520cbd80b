package dev.scalinglab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class IntraOpThreadsTest {

  @Test
  void eachThreadKeepsItsOwnCount() throws Exception {
    EngineSetup.configure();
    CountDownLatch bothSet = new CountDownLatch(2);
    AtomicIntegerArray seen = new AtomicIntegerArray(2);
    Thread[] threads = new Thread[2];
    for (int i = 0; i < 2; i++) {
      int index = i;
      threads[i] =
          new Thread(
              () -> {
                IntraOpThreads.apply(index + 1);
                bothSet.countDown();
                try {
                  bothSet.await();
                } catch (InterruptedException e) {
                  return;
                }
                seen.set(index, IntraOpThreads.current());
              });
      threads[i].start();
    }
    for (Thread t : threads) {
      t.join();
    }
    assertEquals(1, seen.get(0), "the thread that set 1 after the other set 2");
    assertEquals(2, seen.get(1));
  }

  @Test
  void coresAreSharedAmongConcurrentTrainingsWhenTheBatchIsLargeEnough() {
    assertEquals(2, IntraOpThreads.perTraining(1, 256, 2, null), "one training alone: every core");
    assertEquals(1, IntraOpThreads.perTraining(2, 256, 2, null));
    assertEquals(4, IntraOpThreads.perTraining(2, 1024, 8, null));
    assertEquals(1, IntraOpThreads.perTraining(5, 256, 2, null), "never below one");
    assertEquals(3, IntraOpThreads.perTraining(1, 32, 2, 3), "the user's count wins");
    assertThrows(IllegalArgumentException.class, () -> IntraOpThreads.apply(0));
  }

  @Test
  void smallBatchesStayOnOneThread() {
    assertEquals(1, IntraOpThreads.perTraining(1, 32, 2, null), "the question's batch of 32");
    assertEquals(1, IntraOpThreads.perTraining(1, 128, 16, null));
    assertEquals(2, IntraOpThreads.perTraining(1, 256, 16, null));
    assertEquals(8, IntraOpThreads.perTraining(1, 1024, 16, null), "128 rows per thread");
    assertEquals(1, IntraOpThreads.perTraining(1, 1, 2, null));
  }
}
