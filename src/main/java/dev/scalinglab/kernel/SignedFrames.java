package dev.scalinglab.kernel;

import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.dflib.jjava.jupyter.channels.JupyterSocket;
import org.dflib.jjava.jupyter.messages.HMACGenerator;
import org.dflib.jjava.jupyter.messages.Header;

/**
 * Writes a Jupyter message as its signed ZeroMQ frames, for the message types the kernel library
 * has no {@code MessageType} for (it can neither parse nor name {@code debug_request} and {@code
 * debug_reply}): identities, {@code <IDS|MSG>}, HMAC, header, parent header, metadata, content.
 */
final class SignedFrames {
  private static final byte[] DELIMITER = "<IDS|MSG>".getBytes(StandardCharsets.US_ASCII);
  private final HMACGenerator signer;

  /** Creates a writer signing with the connection file's key. */
  SignedFrames(HMACGenerator signer) {
    this.signer = signer;
  }

  /** Returns a new header of {@code msgType} in {@code session} for {@code username}. */
  static JsonObject header(String msgType, String username, String session) {
    JsonObject header = new JsonObject();
    header.addProperty("msg_id", UUID.randomUUID().toString());
    header.addProperty("username", username);
    header.addProperty("session", session);
    header.addProperty("date", OffsetDateTime.now(ZoneOffset.UTC).toString());
    header.addProperty("msg_type", msgType);
    header.addProperty("version", Header.PROTOCOL_VERISON);
    return header;
  }

  /** Sends the message on {@code socket}, routed to {@code identities} (none on iopub). */
  void send(
      JupyterSocket socket,
      List<byte[]> identities,
      JsonObject header,
      JsonObject parent,
      JsonObject content) {
    byte[][] parts = {
      utf8(header), utf8(parent), "{}".getBytes(StandardCharsets.UTF_8), utf8(content)
    };
    String signature = signer.calculateSignature(parts);
    // The library's own sends lock the socket: ZeroMQ sockets are not thread-safe.
    synchronized (socket) {
      identities.forEach(socket::sendMore);
      socket.sendMore(DELIMITER);
      socket.sendMore(signature.getBytes(StandardCharsets.US_ASCII));
      socket.sendMore(parts[0]);
      socket.sendMore(parts[1]);
      socket.sendMore(parts[2]);
      socket.send(parts[3]);
    }
  }

  private static byte[] utf8(JsonObject json) {
    return json.toString().getBytes(StandardCharsets.UTF_8);
  }
}
