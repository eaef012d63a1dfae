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

    public static int free() {
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
