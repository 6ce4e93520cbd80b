package dev.scalinglab.widgets;

import java.awt.image.BufferedImage;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** A picture ({@code ImageModel}); its bytes travel as a binary buffer, not base64 in JSON. */
public final class Image extends DomWidget {

  /** Creates an empty PNG image. */
  public Image() {
    super(Versions.CONTROLS, Versions.CONTROLS_VERSION, "ImageModel", "ImageView");
    declare("format", "png");
    declare("height", "");
    declare("value", new byte[0]);
    declare("width", "");
  }

  /** Returns the encoded image. */
  public byte[] value() {
    return getBytes("value");
  }

  /** Sets the encoded image (in {@code format}, PNG by default). */
  public Image value(byte[] encoded) {
    set("value", encoded);
    return this;
  }

  /** Shows {@code image}, encoded as PNG. */
  public Image png(BufferedImage image) {
    set("format", "png");
    return value(PlainRenderer.png(image));
  }

  /** Sets the displayed width (CSS or pixels, e.g. {@code "600"}). */
  public Image width(String width) {
    set("width", width);
    return this;
  }

  @Override
  public String textPlain() {
    if (customText() != null) {
      return customText();
    }
    return "Image(format='" + get("format").getAsString() + "', " + value().length + " bytes)";
  }

  /** Without a widget manager, viewers show the picture as it was when displayed. */
  @Override
  public Map<String, Object> fallbackData() {
    byte[] v = value();
    String format = get("format").getAsString();
    return v.length == 0 || !List.of("png", "jpeg", "gif").contains(format)
        ? Map.of()
        : Map.of("image/" + format, Base64.getEncoder().encodeToString(v));
  }
}
