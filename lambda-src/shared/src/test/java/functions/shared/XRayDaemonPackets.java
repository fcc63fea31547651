package functions.shared;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Reads what the X-Ray SDK sent to a loopback UDP socket standing in for the daemon: each packet is a JSON header
 * line, then the segment document (https://docs.aws.amazon.com/xray/latest/devguide/xray-api-sendingdata.html).
 */
public final class XRayDaemonPackets {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private XRayDaemonPackets() {
    }

    /** The first document matching {@code wanted}, or empty once the socket's timeout passes without one. */
    public static Optional<JsonNode> first(DatagramSocket daemon, Predicate<JsonNode> wanted) {
        byte[] buffer = new byte[65_536];
        while (true) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                daemon.receive(packet);
            } catch (SocketTimeoutException e) {
                return Optional.empty();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String text = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
            try {
                JsonNode document = MAPPER.readTree(text.substring(text.indexOf('\n') + 1));
                if (wanted.test(document)) {
                    return Optional.of(document);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("not a segment document: " + text, e);
            }
        }
    }
}
