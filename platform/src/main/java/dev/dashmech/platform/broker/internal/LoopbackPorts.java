package dev.dashmech.platform.broker.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Free TCP ports on 127.0.0.1, and checks that a chosen one is free. */
public final class LoopbackPorts {

    /** The only address our servers bind. */
    public static final String HOST = "127.0.0.1";

    private LoopbackPorts() {
    }

    /**
     * Distinct ports that were free a moment ago. All sockets are open together so the ports differ; another process
     * may still take one before the caller binds it, so callers retry on a bind failure.
     */
    public static int[] free(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, got " + count);
        }
        List<ServerSocket> sockets = new ArrayList<>(count);
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket();
                sockets.add(socket);
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), 0));
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("could not find a free port on " + HOST, e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // the port is released either way
                }
            }
        }
    }

    /** One port that was free a moment ago. */
    public static int free() {
        return free(1)[0];
    }

    /** Whether nothing listens on {@code port} of 127.0.0.1 right now (a bind attempt succeeds). */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Checks a port number, naming the option it came from when it is out of range. */
    public static int checkPort(int port, String what) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(what + " must be between 1 and 65535, got " + port);
        }
        return port;
    }
}
