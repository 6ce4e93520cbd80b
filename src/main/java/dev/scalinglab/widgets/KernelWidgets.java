package dev.scalinglab.widgets;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.lang.reflect.Field;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dflib.jjava.jupyter.channels.JupyterSocket;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.comm.Comm;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageContext;
import org.dflib.jjava.jupyter.messages.comm.CommCloseCommand;
import org.dflib.jjava.jupyter.messages.comm.CommMsgCommand;
import org.dflib.jjava.jupyter.messages.comm.CommOpenCommand;

/**
 * The one class that knows the kernel library: widget comms over its {@link CommManager}, widget
 * display through its renderer. Works in any kernel built on that library (this project's, JJava).
 *
 * <p>The library's {@code openComm} sends comm_open with empty data and without metadata or
 * buffers, but the widget frontend needs the state, {@code metadata.version} and the buffers in
 * comm_open; so this class publishes comm_open itself on the manager's iopub socket (a protected
 * field, read reflectively) and registers the comm like {@code openComm} does.
 */
public final class KernelWidgets implements WidgetTransport {
  private static final Gson GSON = new Gson();
  private static final List<Class<? extends Widget>> TYPES =
      List.of(
          IntSlider.class,
          FloatSlider.class,
          FloatLogSlider.class,
          Dropdown.class,
          ToggleButtons.class,
          Checkbox.class,
          Button.class,
          Label.class,
          Html.class,
          Output.class,
          Image.class,
          HBox.class,
          VBox.class,
          Layout.class,
          Style.class);

  private static BaseKernel installedIn;

  private final CommManager comms;

  /** Creates a transport over {@code comms}. */
  public KernelWidgets(CommManager comms) {
    this.comms = comms;
  }

  /**
   * Makes widgets work in {@code kernel}: a {@link WidgetManager} on its comm manager becomes
   * {@link WidgetManager#current()}, and widgets render as widget views through its renderer.
   */
  public static synchronized WidgetManager install(BaseKernel kernel) {
    if (installedIn == kernel) {
      return WidgetManager.current(); // a kernel that also runs extensions installs twice
    }
    if (!speaksOurGson()) {
      throw new IllegalStateException(
          "this kernel's comm layer takes another Gson than the widgets' (JJava 1.0-a7 shades it):"
              + " widgets are not available here");
    }
    WidgetManager manager = new WidgetManager(new KernelWidgets(kernel.getCommManager()));
    manager.setRenderer(value -> bundle(kernel.getRenderer().render(value)));
    var registration = kernel.getRenderer().createRegistration(Widget.class);
    TYPES.forEach(registration::onType);
    registration
        .preferring(Versions.VIEW_MIME, "text/plain")
        .supporting("image/png", "text/html")
        .register(
            (widget, context) ->
                manager
                    .displayBundle(widget)
                    .forEach((mime, data) -> context.getOutputContainer().putData(mime, data)));
    WidgetManager.setCurrent(manager);
    installedIn = kernel;
    hookInterrupt(kernel);
    return manager;
  }

  /**
   * Returns whether the running kernel library's comm API takes this class path's Gson {@code
   * JsonObject}; JJava 1.0-a7 relocates Gson into its own package, so calls compiled against
   * jjava-jupyter 1.0-a6 would fail with NoSuchMethodError on the kernel's shell thread.
   */
  static boolean speaksOurGson() {
    try {
      CommManager.class.getMethod(
          "messageComm", String.class, JsonObject.class, Map.class, List.class);
      return true;
    } catch (NoSuchMethodException e) {
      return false;
    }
  }

  /**
   * Lets the kernel's stop button reach widget callbacks, which run outside cells: a kernel that
   * offers {@code addInterruptHandler(Runnable)} (this project's does) runs {@link #interrupt()}.
   */
  private static void hookInterrupt(BaseKernel kernel) {
    try {
      kernel
          .getClass()
          .getMethod("addInterruptHandler", Runnable.class)
          .invoke(kernel, (Runnable) KernelWidgets::interrupt);
    } catch (NoSuchMethodException e) {
      // Another kernel: callbacks stop through Stop buttons or WidgetManager.interruptCallbacks().
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("could not hook the kernel's interrupt: " + e, e);
    }
  }

  /** Interrupts the widget callback running now, if any: the kernel's interrupt calls this. */
  public static boolean interrupt() {
    WidgetManager manager = WidgetManager.currentOrNull();
    return manager != null && manager.interruptCallbacks();
  }

  @Override
  public void open(
      String commId,
      String target,
      JsonObject data,
      JsonObject metadata,
      List<byte[]> buffers,
      Receiver receiver) {
    JupyterSocket iopub = (JupyterSocket) read("iopub");
    if (iopub == null) {
      throw new IllegalStateException("the kernel is not connected to a frontend yet");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> meta = GSON.fromJson(metadata, LinkedHashMap.class);
    Message<CommOpenCommand> message =
        new Message<>(
            (MessageContext) read("context"),
            CommOpenCommand.MESSAGE_TYPE,
            new CommOpenCommand(commId, target, data),
            buffers.isEmpty() ? null : buffers,
            meta);
    synchronized (comms) {
      comms.registerComm(new WidgetComm(comms, commId, target, receiver));
    }
    iopub.sendMessage(message);
  }

  @Override
  public void send(String commId, JsonObject data, List<byte[]> buffers) {
    comms.messageComm(commId, data, null, buffers.isEmpty() ? null : buffers);
  }

  @Override
  public void close(String commId) {
    Comm comm;
    synchronized (comms) {
      comm = comms.getCommByID(commId);
    }
    if (comm != null) {
      comms.closeComm(comm);
    }
  }

  @Override
  public void registerTarget(String target, TargetHandler handler) {
    comms.registerTarget(
        target,
        (manager, id, name, msg) ->
            new WidgetComm(manager, id, name, handler.opened(id, msg.getContent().getData())));
  }

  /** Returns the MIME bundle of a rendered value. */
  private static Map<String, Object> bundle(DisplayData data) {
    Map<String, Object> bundle = new LinkedHashMap<>();
    JsonObject json = GSON.toJsonTree(data).getAsJsonObject().getAsJsonObject("data");
    for (Map.Entry<String, JsonElement> e : json.entrySet()) {
      bundle.put(e.getKey(), e.getValue());
    }
    return bundle;
  }

  private Object read(String name) {
    try {
      Field field = CommManager.class.getDeclaredField(name);
      field.setAccessible(true);
      return field.get(comms);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("this kernel library's CommManager has no field " + name, e);
    }
  }

  /** A comm whose messages go to a widget's receiver. */
  private static final class WidgetComm extends Comm {
    private final Receiver receiver;

    WidgetComm(CommManager manager, String id, String target, Receiver receiver) {
      super(manager, id, target);
      this.receiver = receiver;
    }

    @Override
    protected void onMessage(Message<CommMsgCommand> message) {
      List<byte[]> blobs = message.getBlobs();
      receiver.onMessage(message.getContent().getData(), blobs == null ? List.of() : blobs);
    }

    @Override
    protected void onClose(Message<CommCloseCommand> message, boolean sentByKernel) {
      if (!sentByKernel) {
        receiver.onClose();
      }
    }
  }
}
