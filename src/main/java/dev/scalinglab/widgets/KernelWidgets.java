package dev.scalinglab.widgets;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.scalinglab.kernel.JavaKernel;
import dev.scalinglab.kernel.KernelCommManager;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.comm.Comm;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.comm.CommTarget;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.comm.CommCloseCommand;
import org.dflib.jjava.jupyter.messages.comm.CommMsgCommand;
import org.dflib.jjava.jupyter.messages.comm.CommOpenCommand;

/**
 * The one class that knows the kernel: widget comms over the comm manager of the project's Java
 * kernel ({@link KernelCommManager}, which sends a comm_open with the widget's state, {@code
 * metadata.version} and buffers, as the widget frontend needs and jjava's {@code openComm} cannot),
 * widget display through the kernel's renderer. No reflection and no static state: what a kernel
 * has installed is found through its comm manager ({@link #installed}).
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

  private final KernelCommManager comms;

  /** Creates a transport over {@code comms}. */
  public KernelWidgets(KernelCommManager comms) {
    this.comms = comms;
  }

  /**
   * Makes widgets work in {@code kernel} and returns their manager: widgets render as widget views
   * through the kernel's renderer, the kernel's stop button interrupts widget callbacks, and Output
   * captures learn the request being handled. A kernel that has them already keeps its manager.
   *
   * @throws IllegalStateException if the kernel's comm manager is not this project's (IJava, JJava)
   */
  public static synchronized WidgetManager install(BaseKernel kernel) {
    if (!(kernel.getCommManager() instanceof KernelCommManager comms)) {
      throw new IllegalStateException(
          "widgets need the scaling-lab Java kernel's comm manager (a comm_open that carries the"
              + " widget's state); this kernel has "
              + kernel.getCommManager().getClass().getName());
    }
    Optional<WidgetManager> existing = installed(comms);
    if (existing.isPresent()) {
      return existing.get();
    }
    WidgetManager manager = new WidgetManager(new KernelWidgets(comms));
    manager.setRenderer(value -> bundle(kernel.getRenderer().render(value)));
    manager.setParentMessageId(comms::parentMessageId);
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
    if (kernel instanceof JavaKernel java) {
      java.addInterruptHandler(manager::interruptCallbacks);
    }
    return manager;
  }

  /**
   * Returns the widget manager installed on {@code comms}, found by the control target it
   * registered there (so the kernel, not a static field, holds it); empty if none.
   */
  public static Optional<WidgetManager> installed(CommManager comms) {
    return comms.getTarget(Versions.CONTROL_TARGET) instanceof Target target
            && target.handler() instanceof WidgetManager.ControlTarget control
        ? Optional.of(control.manager())
        : Optional.empty();
  }

  @Override
  public void open(
      String commId,
      String target,
      JsonObject data,
      JsonObject metadata,
      List<byte[]> buffers,
      Receiver receiver) {
    @SuppressWarnings("unchecked")
    Map<String, Object> meta = GSON.fromJson(metadata, LinkedHashMap.class);
    comms.openComm(new WidgetComm(comms, commId, target, receiver), data, meta, buffers);
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
    comms.registerTarget(target, new Target(handler));
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

  /** A comm target that makes a widget receiver for each comm the frontend opens. */
  private record Target(TargetHandler handler) implements CommTarget {
    @Override
    public Comm createComm(
        CommManager manager, String id, String name, Message<CommOpenCommand> message) {
      return new WidgetComm(manager, id, name, handler.opened(id, message.getContent().getData()));
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
