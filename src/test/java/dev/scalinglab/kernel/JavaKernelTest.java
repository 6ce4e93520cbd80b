package dev.scalinglab.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
import javax.tools.ToolProvider;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class JavaKernelTest {
  private static JavaKernel kernel;

  @BeforeAll
  static void start() {
    kernel = new JavaKernel(KernelConfig.defaults());
  }

  @Test
  void stringRendersAsPlainTextOnly() throws Exception {
    DisplayData data = kernel.eval("\"<b>hello</b>\"");
    assertEquals("<b>hello</b>", data.getData(MIMEType.TEXT_PLAIN));
    assertFalse(data.hasDataForType(MIMEType.TEXT_HTML));
    assertFalse(data.hasDataForType(MIMEType.IMAGE_PNG));
  }

  @Test
  void numberRendersAsPlainText() throws Exception {
    assertEquals("42", kernel.eval("6 * 7").getData(MIMEType.TEXT_PLAIN));
  }

  @Test
  void bufferedImageRendersAsPng() throws Exception {
    DisplayData data =
        kernel.eval(
            "var image = new java.awt.image.BufferedImage(4, 3, java.awt.image.BufferedImage.TYPE_INT_RGB);\n"
                + "image");
    assertTrue(data.hasDataForType(MIMEType.IMAGE_PNG));
    byte[] png = Base64.getDecoder().decode((String) data.getData(MIMEType.IMAGE_PNG));
    byte[] signature = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    assertArrayEquals(signature, Arrays.copyOf(png, 8));
    assertEquals(4, ImageIO.read(new ByteArrayInputStream(png)).getWidth());
  }

  @Test
  void displayDataRenderableRendersAsItSays() throws Exception {
    DisplayData data =
        kernel.eval(
            "import org.dflib.jjava.jupyter.kernel.display.*;\n"
                + "import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;\n"
                + "class Bold implements DisplayDataRenderable {\n"
                + "  public Set<MIMEType> getSupportedRenderTypes() { return Set.of(MIMEType.TEXT_HTML); }\n"
                + "  public void render(RenderContext c) { c.renderIfRequested(MIMEType.TEXT_HTML, () -> \"<b>x</b>\"); }\n"
                + "}\n"
                + "new Bold()");
    assertEquals("<b>x</b>", data.getData(MIMEType.TEXT_HTML));
    assertTrue(data.hasDataForType(MIMEType.TEXT_PLAIN));
  }

  @Test
  void displayFunctionsAreImported() throws Exception {
    DisplayData rendered = kernel.eval("render(\"<i>y</i>\", \"text/html\")");
    assertEquals("<i>y</i>", rendered.getData(MIMEType.TEXT_HTML));
    String id = (String) kernel.eval("String id = display(7);\nid").getData(MIMEType.TEXT_PLAIN);
    assertFalse(id.isBlank());
    assertNull(kernel.eval("updateDisplay(id, 8);\nupdateDisplay(id, \"<p/>\", \"text/html\");"));
    assertFalse(
        kernel
            .eval("display(\"<p/>\", \"text/html\")")
            .getData(MIMEType.TEXT_PLAIN)
            .toString()
            .isBlank());
  }

  @Test
  void errorsFormatAsTheirShortTraceback() {
    Exception e = assertThrows(CompilationException.class, () -> kernel.eval("int broken = ;"));
    List<String> lines = kernel.formatError(e);
    assertTrue(lines.get(0).startsWith("cell line 1: error:"), lines.toString());
    assertTrue(lines.stream().noneMatch(l -> l.contains("\n")));
  }

  @Test
  void classpathMagicAddsCompiledClasses(@TempDir Path dir) throws Exception {
    Path source = dir.resolve("src/demo/Greeter.java");
    Files.createDirectories(source.getParent());
    Files.writeString(
        source,
        "package demo; public class Greeter { public static String hi() { return \"hi\"; } }");
    Path classes = dir.resolve("classes");
    int rc =
        ToolProvider.getSystemJavaCompiler()
            .run(null, null, null, "-d", classes.toString(), source.toString());
    assertEquals(0, rc);
    DisplayData data = kernel.eval("%classpath " + classes + "\ndemo.Greeter.hi()");
    assertEquals("hi", data.getData(MIMEType.TEXT_PLAIN));
  }

  @Test
  void jarsMagicRejectsMissingJarsAndUnknownMagicsFail(@TempDir Path dir) {
    CellException missing =
        assertThrows(CellException.class, () -> kernel.eval("%jars " + dir + "/*.jar"));
    assertTrue(missing.getMessage().contains("nothing found"), missing.getMessage());
    CellException unknown =
        assertThrows(CellException.class, () -> kernel.eval("%nosuchmagic foo:bar:1"));
    assertTrue(unknown.getMessage().contains("unknown magic %nosuchmagic"), unknown.getMessage());
    assertTrue(unknown.getMessage().contains("%maven"), unknown.getMessage());
  }

  @Test
  void magicLinesKeepLineNumbers() {
    CompilationException e =
        assertThrows(
            CompilationException.class,
            () ->
                kernel.eval(
                    "%classpath " + System.getProperty("java.io.tmpdir") + "\nint q = nope;"));
    assertTrue(e.getMessage().startsWith("cell line 2"), e.getMessage());
  }

  @Test
  void environmentVariablesConfigureStartupAndTimeout(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("a.jshell"), "int fromScript = 40;", StandardCharsets.UTF_8);
    KernelConfig config =
        KernelConfig.fromEnv(
            java.util.Map.of(
                "IJAVA_STARTUP_SCRIPTS_PATH", dir + "/*.jshell",
                "IJAVA_STARTUP_SCRIPT", "int fromEnv = 2;",
                "IJAVA_TIMEOUT", "300",
                "IJAVA_COMPILER_OPTS", "-Xlint:none"));
    assertEquals(List.of("-Xlint:none"), config.compilerOptions());
    try (CodeEvaluator evaluator = new CodeEvaluator(config)) {
      assertEquals(42, evaluator.eval("fromScript + fromEnv").value());
      EvaluationException e =
          assertThrows(EvaluationException.class, () -> evaluator.eval("Thread.sleep(5000);"));
      assertTrue(e.getMessage().contains("TimeoutException"), e.getMessage());
      assertEquals(1, evaluator.eval("1").value());
    }
  }

  @Test
  void configParsesIjavaVariables() {
    KernelConfig config =
        KernelConfig.fromEnv(
            java.util.Map.of(
                "IJAVA_CLASSPATH", "a.jar" + java.io.File.pathSeparator + "lib/*",
                "IJAVA_COMPILER_OPTS", "-parameters \"-Xlint:all,-serial\"",
                "IJAVA_TIMEOUT", "-1"));
    assertEquals(List.of("a.jar", "lib/*"), config.classpath());
    assertEquals(List.of("-parameters", "-Xlint:all,-serial"), config.compilerOptions());
    assertEquals(-1, config.timeoutMillis());
    assertEquals(KernelConfig.defaults(), KernelConfig.fromEnv(java.util.Map.of()));
  }

  @Test
  void aFailingToStringShowsTheUsersFramesOnly() {
    EvaluationException e =
        assertThrows(
            EvaluationException.class,
            () ->
                kernel.eval(
                    "class Bad { public String toString() { throw new IllegalStateException(\"boom\"); } }\n"
                        + "new Bad()"));
    String text = String.join("\n", e.traceback());
    assertTrue(text.startsWith("java.lang.IllegalStateException: boom"), text);
    assertTrue(text.contains("while showing the cell's value"), text);
    assertTrue(text.contains("toString"), text);
    assertFalse(text.contains("dev.scalinglab.kernel") || text.contains("org.dflib"), text);
  }

  @Test
  void magicsComeFromTheRegistry() {
    kernel
        .getMagicsRegistry()
        .registerLineMagic(
            "shout",
            (org.dflib.jjava.jupyter.kernel.magic.LineMagic<Object, JavaKernel>)
                (k, args) -> {
                  shouted = String.join(" ", args).toUpperCase(java.util.Locale.ROOT);
                  return null;
                });
    assertEquals("42", kernel.eval("%shout hi there\n6 * 7").getData(MIMEType.TEXT_PLAIN));
    assertEquals("HI THERE", shouted);
  }

  private static volatile String shouted;

  @Test
  void mavenMagicAddsAnArtifactAndItsDependenciesToTheCellClassPath() throws Exception {
    // The user's local repository (~/.m2), as a notebook would; from Maven Central if absent.
    DisplayData data =
        kernel.eval(
            "%maven org.apache.commons:commons-text:1.12.0\n"
                + "org.apache.commons.text.WordUtils.capitalizeFully(\"input SCALING\")");
    assertEquals("Input Scaling", data.getData(MIMEType.TEXT_PLAIN));
    long start = System.nanoTime();
    CellException e =
        assertThrows(
            CellException.class,
            () ->
                kernel.eval("int before = 1;\n%maven org.example.nothere:no-such-artifact:9.9.9"));
    double seconds = (System.nanoTime() - start) / 1e9;
    assertTrue(
        e.getMessage().startsWith("cell line 2: %maven: could not resolve org.example.nothere:"),
        e.getMessage());
    assertEquals(List.of(e.getMessage()), e.traceback());
    assertTrue(seconds < 60, "took " + seconds + " s");
  }

  @Test
  void timeMagicsPrintTimesAndKeepTheValue() throws Exception {
    String[] printed = new String[1];
    DisplayData line =
        captured(printed, () -> kernel.eval("%time String.join(\"-\", \"a b\", \"c\")"));
    assertEquals("a b-c", line.getData(MIMEType.TEXT_PLAIN));
    assertTrue(
        printed[0].matches(
            "(?s)CPU time \\(process\\): \\d+\\.\\d{3} s\nWall time: \\d+\\.\\d{3} s\n"),
        printed[0]);
    DisplayData cell = captured(printed, () -> kernel.eval("%%time\nint timed = 20;\ntimed * 2"));
    assertEquals("40", cell.getData(MIMEType.TEXT_PLAIN));
    assertTrue(printed[0].contains("Wall time: "), printed[0]);
    CompilationException e =
        assertThrows(
            CompilationException.class, () -> kernel.eval("%%time\nint ok = 1;\nint bad = nope;"));
    assertTrue(e.getMessage().startsWith("cell line 3"), e.getMessage());
  }

  @Test
  void loadMagicRunsAFileAndANotebooksCodeCells(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("helpers.jshell"),
        "int helperBase = 40;\nint plusBase(int x) { return helperBase + x; }");
    assertEquals(
        "42",
        kernel
            .eval("%load " + dir.resolve("helpers") + "\nplusBase(2)")
            .getData(MIMEType.TEXT_PLAIN));
    Files.writeString(
        dir.resolve("lib.ipynb"),
        "{\"cells\": [{\"cell_type\": \"markdown\", \"source\": [\"int notCode = 1;\"]},"
            + " {\"cell_type\": \"code\", \"source\": [\"int fromNotebook = 5;\\n\", \"fromNotebook++;\"]},"
            + " {\"cell_type\": \"code\", \"source\": \"int second = fromNotebook * 2;\"}],"
            + " \"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 5}");
    assertEquals(
        "12",
        kernel.eval("%load " + dir.resolve("lib.ipynb") + "\nsecond").getData(MIMEType.TEXT_PLAIN));
    assertThrows(CompilationException.class, () -> kernel.eval("notCode"));
    CellException missing =
        assertThrows(CellException.class, () -> kernel.eval("%load " + dir.resolve("none")));
    assertTrue(
        missing.getMessage().contains("no file " + dir.resolve("none")), missing.getMessage());
  }

  private static DisplayData captured(
      String[] printed, java.util.concurrent.Callable<DisplayData> cell) throws Exception {
    java.io.PrintStream old = System.out;
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    System.setOut(new java.io.PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      return cell.call();
    } finally {
      System.setOut(old);
      printed[0] = out.toString(StandardCharsets.UTF_8);
    }
  }
}
