package dev.cumulus.channel.s3;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A TCP proxy on 127.0.0.1 in front of an S3 server that passes everything through, except that it
 * can cut the connection of the next conditional PUT (one with {@code If-None-Match} or
 * {@code If-Match}), as a network failure would: either after the server has answered, so that the
 * write is stored but the client never learns it, or before the request reaches the server.
 *
 * <p>It reads HTTP/1.1 just far enough to find where each request starts (the AWS SDK sends one
 * request at a time on a connection, with a Content-Length) and, for a cut response, where the final
 * response starts: interim {@code 100 Continue} responses to {@code Expect: 100-continue} still get
 * through, or the client would never send the body.
 */
final class ConditionalPutLossProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final int serverPort;
    private final AtomicReference<Loss> next = new AtomicReference<>();
    private final AtomicInteger conditionalPuts = new AtomicInteger();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    /** What to do to the next conditional PUT, and what to run while its client waits. */
    private record Loss(boolean afterServerAnswered, Runnable meanwhile) {
    }

    private ConditionalPutLossProxy(ServerSocket listener, int serverPort) {
        this.listener = listener;
        this.serverPort = serverPort;
    }

    /** Starts a proxy to the server listening on 127.0.0.1:{@code serverPort}. */
    static ConditionalPutLossProxy start(int serverPort) {
        try {
            ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            ConditionalPutLossProxy proxy = new ConditionalPutLossProxy(listener, serverPort);
            daemon("proxy-accept", proxy::acceptLoop);
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String endpoint() {
        return "http://127.0.0.1:" + listener.getLocalPort();
    }

    /**
     * Lets the next conditional PUT reach the server and be answered, then closes the client's
     * connection instead of passing the answer on; {@code meanwhile} runs after the server has
     * answered and before the client sees the connection close.
     */
    void loseResponseOfNextConditionalPut(Runnable meanwhile) {
        next.set(new Loss(true, meanwhile));
    }

    /**
     * Closes the connection of the next conditional PUT as soon as its request line and headers
     * arrive, so the server never sees it; {@code meanwhile} runs before the client sees the close.
     */
    void loseNextConditionalPut(Runnable meanwhile) {
        next.set(new Loss(false, meanwhile));
    }

    /** Conditional PUTs that reached the proxy so far, lost ones included. */
    int conditionalPuts() {
        return conditionalPuts.get();
    }

    @Override
    public void close() {
        closeQuietly(listener);
        sockets.forEach(ConditionalPutLossProxy::closeQuietly);
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), serverPort);
                sockets.add(client);
                sockets.add(server);
                Connection connection = new Connection(client, server);
                daemon("proxy-requests", connection::forwardRequests);
                daemon("proxy-responses", connection::forwardResponses);
            } catch (IOException e) {
                // the listener was closed, or the server refused one connection: the client sees it fail
            }
        }
    }

    /** One client connection and the server connection it was paired with. */
    private final class Connection {
        private final Socket client;
        private final Socket server;
        /** Set while the response to a PUT whose answer is to be lost is on its way. */
        private volatile Loss responseToLose;

        Connection(Socket client, Socket server) {
            this.client = client;
            this.server = server;
        }

        void forwardRequests() {
            try (client; server) {
                InputStream in = client.getInputStream();
                OutputStream out = server.getOutputStream();
                while (true) {
                    byte[] head = readHead(in);
                    if (head == null) {
                        return;
                    }
                    Map<String, String> headers = headers(head);
                    String requestLine = firstLine(head);
                    if (headers.containsKey("transfer-encoding")) {
                        throw new IllegalStateException("chunked request bodies are not handled: " + requestLine);
                    }
                    boolean conditionalPut = requestLine.startsWith("PUT ")
                            && (headers.containsKey("if-none-match") || headers.containsKey("if-match"));
                    if (conditionalPut) {
                        conditionalPuts.incrementAndGet();
                        Loss loss = next.getAndSet(null);
                        if (loss != null && !loss.afterServerAnswered()) {
                            loss.meanwhile().run();
                            return;
                        }
                        // set before the request goes out, so that its response cannot slip through first
                        responseToLose = loss;
                    }
                    out.write(head);
                    copy(in, out, contentLength(headers));
                    out.flush();
                }
            } catch (IOException | RuntimeException e) {
                // either side closed the connection: closing the other one (try-with-resources) passes that on
            }
        }

        void forwardResponses() {
            try (client; server) {
                InputStream in = server.getInputStream();
                OutputStream out = client.getOutputStream();
                ByteArrayOutputStream pending = new ByteArrayOutputStream();
                byte[] buffer = new byte[8192];
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    Loss loss = responseToLose;
                    if (loss == null) {
                        out.write(buffer, 0, n);
                        out.flush();
                        continue;
                    }
                    pending.write(buffer, 0, n);
                    if (passInterimResponses(pending, out)) {
                        // the final response has begun, so the server has done the write
                        loss.meanwhile().run();
                        return;
                    }
                }
            } catch (IOException | RuntimeException e) {
                // as in forwardRequests
            }
        }
    }

    /**
     * Passes complete 1xx responses at the start of {@code pending} on to the client and removes
     * them; true once {@code pending} starts with the status line of a final response.
     */
    private static boolean passInterimResponses(ByteArrayOutputStream pending, OutputStream out) throws IOException {
        while (true) {
            String text = pending.toString(StandardCharsets.ISO_8859_1);
            if (text.length() < "HTTP/1.1 100".length()) {
                return false;
            }
            if (text.charAt("HTTP/1.1 ".length()) != '1') {
                return true;
            }
            int end = text.indexOf("\r\n\r\n");
            if (end < 0) {
                return false;
            }
            out.write(text.substring(0, end + 4).getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            byte[] rest = text.substring(end + 4).getBytes(StandardCharsets.ISO_8859_1);
            pending.reset();
            pending.write(rest);
        }
    }

    /** The request line and headers up to and including the blank line, or null at the end of the stream. */
    private static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toByteArray();
    }

    private static String firstLine(byte[] head) {
        String text = new String(head, StandardCharsets.ISO_8859_1);
        return text.substring(0, text.indexOf("\r\n"));
    }

    private static Map<String, String> headers(byte[] head) {
        Map<String, String> headers = new HashMap<>();
        String[] lines = new String(head, StandardCharsets.ISO_8859_1).split("\r\n");
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        return headers;
    }

    private static long contentLength(Map<String, String> headers) {
        String length = headers.get("content-length");
        return length == null ? 0 : Long.parseLong(length);
    }

    /** Copies exactly {@code length} bytes, the body of one request. */
    private static void copy(InputStream in, OutputStream out, long length) throws IOException {
        byte[] buffer = new byte[8192];
        while (length > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, length));
            if (n < 0) {
                throw new IOException("the client closed the connection in the middle of a request body");
            }
            out.write(buffer, 0, n);
            length -= n;
        }
    }

    private static void daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // closing is best effort: the test is over or the connection is gone
        }
    }
}
