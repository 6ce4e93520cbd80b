package dev.scalinglab.bench;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A PyTorch worker that misbehaves costs a bounded wait and a one-line reason, never a hang. */
class TorchWorkerTest {

  @TempDir Path tmp;

  private Path fakePython(String body) throws IOException {
    Path exe = tmp.resolve("python-" + Math.abs(body.hashCode()));
    Files.writeString(exe, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(exe, PosixFilePermissions.fromString("rwx------"));
    return exe;
  }

  private String startFails(Path python, double timeoutSeconds) {
    return startFails(python, timeoutSeconds, timeoutSeconds);
  }

  private String startFails(Path python, double timeoutSeconds, double startupSeconds) {
    TorchSource source = new TorchSource("pytorch", python, "--python");
    TorchUnavailableException e =
        assertThrows(
            TorchUnavailableException.class,
            () ->
                TorchWorker.start(source, tmp, tmp, 100, 0.01, 1, timeoutSeconds, startupSeconds));
    assertTrue(e.getMessage().lines().count() == 1, e.getMessage());
    return e.getMessage();
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void aProgramThatNeverAnswersIsKilledAfterTheTimeout() throws Exception {
    long start = System.nanoTime();
    String why = startFails(fakePython("sleep 1000"), 1);
    double seconds = (System.nanoTime() - start) / 1e9;
    assertTrue(why.contains("no answer to start-up (torch imported, its version) within 1 s"), why);
    assertTrue(seconds < 10, seconds + " s");
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void theFirstAnswerIsDueWithinTheStartUpLimitNotTheFullTimeout() throws Exception {
    // --timeout 600 bounds each epoch; a Python that never answers at all is given up on sooner.
    String silent = startFails(fakePython("sleep 1000"), 600, 2);
    assertTrue(silent.contains("(torch imported, its version) within 2 s"), silent);
    String flood = startFails(fakePython("yes 'loading...'"), 600, 2);
    assertTrue(flood.contains("within 2 s") && flood.contains("loading..."), flood);
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void aProgramThatPrintsWithoutEndCostsBoundedMemory() throws Exception {
    // Lines without end, and one endless line: both are cut, and the wait still ends.
    String why = startFails(fakePython("yes 'spam spam spam'"), 2);
    assertTrue(why.contains("no answer") && why.contains("spam spam spam"), why);
    assertTrue(why.length() < 2_500, why.length() + " characters");
    String endless = startFails(fakePython("tr '\\000' x < /dev/zero"), 2);
    assertTrue(endless.length() < 2_500, endless.length() + " characters");
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void aProgramThatFloodsRepliesIsRejected() throws Exception {
    String why = startFails(fakePython("yes '{\"x\": 1}'"), 2);
    assertTrue(why.contains("did not start as bench_torch.py does"), why);
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void aCrashShowsItsLastOutput() throws Exception {
    String why = startFails(fakePython("echo 'Traceback: boom' >&2; exit 1"), 20);
    assertTrue(why.contains("exited with code 1 during start-up") && why.contains("boom"), why);
  }

  @Test
  void aMissingTorchSaysSo() throws Exception {
    String why =
        startFails(
            fakePython("echo '{\"error\": \"torch or numpy missing: No module torch\"}'"), 20);
    assertTrue(why.contains("torch or numpy missing"), why);
  }

  @Test
  void aMissingPythonSaysHowToGetIt() {
    String why = startFails(tmp.resolve("no-python"), 1);
    assertTrue(why.contains("no-python not found (install"), why);
  }
}
