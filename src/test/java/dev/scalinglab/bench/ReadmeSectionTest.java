package dev.scalinglab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReadmeSectionTest {

  @Test
  void replacesOnlyBetweenTheMarkers() {
    String text =
        "# T\nbefore\n" + ReadmeSection.BEGIN + "\nold table\n" + ReadmeSection.END + "\nafter\n";
    String out = ReadmeSection.replace(text, "| new |");
    assertEquals(
        "# T\nbefore\n" + ReadmeSection.BEGIN + "\n| new |\n" + ReadmeSection.END + "\nafter\n",
        out);
    assertEquals(out, ReadmeSection.replace(out, "| new |\n"), "idempotent");
  }

  @Test
  void missingMarkersSayWhatToAdd() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ReadmeSection.replace("# T\n", "x"));
    assertTrue(e.getMessage().contains(ReadmeSection.BEGIN), e.getMessage());
  }
}
