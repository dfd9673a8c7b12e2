package info.zemus.messaging.testing;

import io.restassured.RestAssured;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A WebSocket upgrade written by hand on a raw socket, for what real clients do on their own (answer pings,
 * negotiate extensions) and a test must not.
 */
public final class RawUpgrade {

    private RawUpgrade() {
    }

    /** A socket to the service on which {@code user}'s upgrade to /ws is sent, with {@code extraHeaders} lines. */
    public static Socket open(long user, String... extraHeaders) throws IOException {
        Socket socket = new Socket("localhost", RestAssured.port);
        socket.setSoTimeout(10_000);
        StringBuilder request = new StringBuilder("GET /ws?id=" + user + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\nAuthorization: " + Users.bearer(user) + "\r\n");
        for (String header : extraHeaders) {
            request.append(header).append("\r\n");
        }
        OutputStream out = socket.getOutputStream();
        out.write(request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    /**
     * The answer's status line and headers, up to the blank line, read byte by byte so that the frames after
     * them stay in the stream.
     */
    public static String readHeaders(InputStream in) throws IOException {
        StringBuilder headers = new StringBuilder();
        while (!headers.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("Connection closed in the headers: " + headers);
            }
            headers.append((char) b);
        }
        return headers.toString();
    }
}
