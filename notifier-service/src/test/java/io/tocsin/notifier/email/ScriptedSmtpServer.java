package io.tocsin.notifier.email;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A minimal SMTP server whose replies a test scripts per command (MAIL, RCPT, DATA's end, AUTH), to see real Jakarta
 * Mail exceptions for the refusals GreenMail never makes: 4xx and 5xx replies and refused logins.
 */
final class ScriptedSmtpServer implements AutoCloseable {

    private final ServerSocket socket;
    private final Map<String, String> replies = new ConcurrentHashMap<>();
    private final Thread acceptor;

    ScriptedSmtpServer() {
        try {
            socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        acceptor = Thread.ofVirtual().start(this::accept);
    }

    int port() {
        return socket.getLocalPort();
    }

    /** Answers {@code command} ("MAIL", "RCPT", "DATA" for the end of the message, "AUTH") with this reply. */
    ScriptedSmtpServer reply(String command, String reply) {
        replies.put(command, reply);
        return this;
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                Thread.ofVirtual().start(() -> converse(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void converse(Socket client) {
        try (client;
                BufferedReader in = new BufferedReader(
                        new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
                OutputStream out = client.getOutputStream()) {
            send(out, "220 scripted.example.test ESMTP");
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.substring(0, Math.min(4, line.length())).toUpperCase(Locale.ROOT);
                String reply = switch (command) {
                    case "EHLO" -> "250-scripted.example.test\r\n250-AUTH PLAIN LOGIN\r\n250 8BITMIME";
                    case "AUTH" -> replies.getOrDefault("AUTH", "235 2.7.0 Authentication successful");
                    case "MAIL" -> replies.getOrDefault("MAIL", "250 2.1.0 Ok");
                    case "RCPT" -> replies.getOrDefault("RCPT", "250 2.1.5 Ok");
                    case "DATA" -> {
                        send(out, "354 End data with <CR><LF>.<CR><LF>");
                        String data;
                        while ((data = in.readLine()) != null && !data.equals(".")) {
                            // the message itself is of no interest here
                        }
                        yield replies.getOrDefault("DATA", "250 2.0.0 Ok: queued");
                    }
                    case "QUIT" -> "221 2.0.0 Bye";
                    default -> "250 2.0.0 Ok";
                };
                send(out, reply);
                if (command.equals("QUIT") || reply.startsWith("421")) {
                    // 421 closes the connection, as servers do
                    return;
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private static void send(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        acceptor.interrupt();
    }
}
