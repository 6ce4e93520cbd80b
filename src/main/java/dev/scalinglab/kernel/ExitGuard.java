package dev.scalinglab.kernel;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Keeps {@code System.exit} and {@code Runtime.exit/halt} in cell code from ending the kernel: the
 * snippet classes' calls are redirected here (with ASM, before JShell loads them), and the cell
 * fails instead. Code in libraries is not rewritten.
 */
public final class ExitGuard {
  private static final String SELF = "dev/scalinglab/kernel/ExitGuard";

  private ExitGuard() {}

  /** Replaces {@code System.exit(status)} in cells: always throws. */
  public static void exit(int status) {
    throw refused("System.exit(" + status + ")");
  }

  /** Replaces {@code runtime.exit(status)} in cells: always throws. */
  public static void exit(Runtime runtime, int status) {
    throw refused("Runtime.exit(" + status + ")");
  }

  /** Replaces {@code runtime.halt(status)} in cells: always throws. */
  public static void halt(Runtime runtime, int status) {
    throw refused("Runtime.halt(" + status + ")");
  }

  private static SecurityException refused(String call) {
    return new SecurityException(
        call
            + " is not allowed in a notebook: it would end the kernel and lose every variable"
            + " (to start afresh, use Kernel > Restart)");
  }

  /**
   * Returns {@code classFile} with its exit calls redirected to this class, or unchanged if it has
   * none or ASM cannot read it (a class file newer than ASM knows).
   */
  static byte[] rewrite(byte[] classFile) {
    try {
      ClassReader reader = new ClassReader(classFile);
      ClassWriter writer = new ClassWriter(reader, 0);
      boolean[] changed = {false};
      reader.accept(
          new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(
                int access, String name, String desc, String signature, String[] exceptions) {
              MethodVisitor next = super.visitMethod(access, name, desc, signature, exceptions);
              return new Redirect(next, changed);
            }
          },
          0);
      return changed[0] ? writer.toByteArray() : classFile;
    } catch (IllegalArgumentException e) {
      return classFile;
    }
  }

  /** Rewrites exit calls, also as method references ({@code System::exit}). */
  private static final class Redirect extends MethodVisitor {
    private final boolean[] changed;

    Redirect(MethodVisitor next, boolean[] changed) {
      super(Opcodes.ASM9, next);
      this.changed = changed;
    }

    @Override
    public void visitMethodInsn(
        int opcode, String owner, String name, String desc, boolean isInterface) {
      String target = target(owner, name, desc);
      if (target == null) {
        super.visitMethodInsn(opcode, owner, name, desc, isInterface);
        return;
      }
      changed[0] = true;
      super.visitMethodInsn(Opcodes.INVOKESTATIC, SELF, name, target, false);
    }

    @Override
    public void visitInvokeDynamicInsn(String name, String desc, Handle bsm, Object... args) {
      Object[] mapped = args.clone();
      for (int i = 0; i < mapped.length; i++) {
        if (mapped[i] instanceof Handle h) {
          String target = target(h.getOwner(), h.getName(), h.getDesc());
          if (target != null) {
            changed[0] = true;
            mapped[i] = new Handle(Opcodes.H_INVOKESTATIC, SELF, h.getName(), target, false);
          }
        }
      }
      super.visitInvokeDynamicInsn(name, desc, bsm, mapped);
    }

    /** Returns the descriptor of the replacement in ExitGuard, or null to keep the call. */
    private static String target(String owner, String name, String desc) {
      if ("java/lang/System".equals(owner) && "exit".equals(name) && "(I)V".equals(desc)) {
        return "(I)V";
      }
      if ("java/lang/Runtime".equals(owner)
          && ("exit".equals(name) || "halt".equals(name))
          && "(I)V".equals(desc)) {
        return "(Ljava/lang/Runtime;I)V";
      }
      return null;
    }
  }
}
