package dev.scalinglab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EngineSetupTest {

  /** Prints the intra-op threads a thread gets when it sets none, after {@link EngineSetup}. */
  public static void main(String[] args) throws InterruptedException {
    EngineSetup.configure();
    int[] seen = new int[1];
    Thread thread = new Thread(() -> seen[0] = IntraOpThreads.current());
    thread.start();
    thread.join();
    System.out.println("threads=" + seen[0]);
  }

  @Test
  void aCpuQuotaOfOneGivesEveryThreadOneIntraOpThread() throws Exception {
    // -XX:ActiveProcessorCount makes the JVM count CPUs as a 1-CPU cgroup quota does.
    assertEquals("threads=1", probe("-XX:ActiveProcessorCount=1"));
  }

  @Test
  void anOverrideStillWins() throws Exception {
    assertEquals(
        "threads=2", probe("-XX:ActiveProcessorCount=1", "-D" + IntraOpThreads.PROPERTY + "=2"));
  }

  private static String probe(String... jvmOptions) throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new java.util.ArrayList<>(List.of(java, "-Dai.djl.offline=true"));
    command.addAll(List.of(jvmOptions));
    command.addAll(
        List.of("-cp", System.getProperty("java.class.path"), EngineSetupTest.class.getName()));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    process.waitFor(60, TimeUnit.SECONDS);
    return out.lines().filter(l -> l.startsWith("threads=")).findFirst().orElse(out);
  }
}
