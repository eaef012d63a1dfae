package eu.impala.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Loopback port helpers: a free port for tests, a clear error for a busy one in the local run. */
public final class Ports {

    private Ports() {
    }

    /** Below Linux's ephemeral range (32768-60999) and above the local run's fixed ports. */
    private static final int LOW = 20_000;
    private static final int HIGH = 32_000;

    /**
     * A port free now, for a server that binds it a moment later. Taken from below the ephemeral range: a port
     * the OS hands out (bind to 0) can be taken in between as the source port of any outgoing connection, and a
     * test run opens many.
     */
    public static int free() {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = random.nextInt(LOW, HIGH);
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                socket.setReuseAddress(true);
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new ServerStartException("no free loopback port: " + e.getMessage(), e);
        }
    }

    /** Returns {@code port}, or the free port when {@code port} is 0; fails clearly when it is taken. */
    public static int claim(String server, int port) {
        if (port == 0) {
            return free();
        }
        if (isOpen(port)) {
            throw new ServerStartException("Port " + port + " needed by " + server + " is already in use on 127.0.0.1. "
                    + "Stop whatever listens there (e.g. `ss -ltnp 'sport = :" + port + "'`) or choose another port.");
        }
        return port;
    }

    public static boolean isOpen(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
