package org.coordo.server.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFileTest {
  @TempDir Path tmp;

  @Test
  void roundTripsAndRecognizesTheLiveProcess() {
    RunFile run = RunFile.ofCurrentProcess(8123, "0.0.0.0", "1.2.3");
    run.write(tmp.resolve("node.run.json"));
    assertEquals(Optional.of(run), RunFile.read(tmp.resolve("node.run.json")));
    assertTrue(run.processAlive());
    assertEquals("127.0.0.1", run.connectHost());
  }

  @Test
  void aReusedPidIsNotTheNodeThatWroteTheFile() {
    RunFile self = RunFile.ofCurrentProcess(8123, "127.0.0.1", "1.2.3");
    RunFile stale = new RunFile(self.pid(), self.startedAt() - 60_000, 8123, "127.0.0.1", "1.2.3");
    assertFalse(stale.processAlive());
  }

  @Test
  void missingOrGarbledFileReadsAsNoNode() throws Exception {
    assertEquals(Optional.empty(), RunFile.read(tmp.resolve("absent.json")));
    assertEquals(Optional.empty(), RunFile.read(Files.writeString(tmp.resolve("bad.json"), "{\"pid\":")));
  }
}
