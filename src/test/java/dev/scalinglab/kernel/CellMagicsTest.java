package dev.scalinglab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class CellMagicsTest {

  @Test
  void linesRunInOrderAndCodeKeepsItsLineNumbers() {
    List<CellMagics.Part> parts =
        CellMagics.parse("int a = 1;\n  %maven g:a:1 \"x y\"\nint b = a;\n%time foo(\"a b\")");
    assertEquals(
        List.of(
            new CellMagics.Code("int a = 1;\n"),
            new CellMagics.Line("maven", List.of("g:a:1", "x y"), "g:a:1 \"x y\"", 2),
            new CellMagics.Code("\n\nint b = a;\n"),
            new CellMagics.Line("time", List.of("foo(a b", ")"), "foo(\"a b\")", 4)),
        parts);
  }

  @Test
  void aCellMagicTakesTheWholeCell() {
    assertEquals(
        List.of(new CellMagics.Cell("time", List.of("-q"), "int x = 1;\nx")),
        CellMagics.parse("%%time -q\nint x = 1;\nx"));
  }

  @Test
  void codeWithoutMagicsIsOnePartAndModuloStaysCode() {
    String code = "int r = 7\n  % 3;";
    assertEquals(List.of(new CellMagics.Code(code)), CellMagics.parse(code));
  }

  @Test
  void stripLeavesMagicLinesEmpty() {
    assertEquals("\nint a;\n", CellMagics.strip("%maven g:a:1\nint a;\n"));
    assertEquals("\nx", CellMagics.strip("%%time\nx"));
  }

  @Test
  void theKernelsParserForExtensionsIsJjavasWithThisSyntax() {
    String java = CellMagics.jjavaParser().resolveMagics("int a;\n%maven g:a:1\n");
    assertEquals(
        true, java.contains("org.dflib.jjava.jupyter.kernel.BaseNotebookStatics.lineMagic("), java);
    assertEquals(true, java.startsWith("int a;\n"), java);
  }
}
