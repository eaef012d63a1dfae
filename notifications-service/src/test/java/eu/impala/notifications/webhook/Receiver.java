package eu.impala.notifications.webhook;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP endpoint that keeps every request: by default it answers 500 to its first {@code failures} requests,
 * then 200; or it answers as a given {@link Answer} does (slowly, with a huge body, with a redirect).
 */
final class Receiver implements AutoCloseable {

    /** How to answer the {@code nth} request (from 1); returns the status it answered. */
    interface Answer {
        int answer(HttpExchange exchange, int nth) throws IOException;
    }

    /** One request as it arrived. */
    record Request(Map<String, List<String>> headers, String body, AtomicInteger status) {

        /** The status it was answered with; 0 while it is being answered, -1 when the caller went away meanwhile. */
        int answered() {
            return status.get();
        }

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private final HttpServer server;
    private final java.util.concurrent.ExecutorService answering = Executors.newCachedThreadPool();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    Receiver(int failures) throws IOException {
        this((exchange, nth) -> {
            int status = nth <= failures ? 500 : 200;
            exchange.sendResponseHeaders(status, -1);
            return status;
        });
    }

    Receiver(Answer answer) throws IOException {
        AtomicInteger seen = new AtomicInteger();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(answering);
        server.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            AtomicInteger status = new AtomicInteger();
            Request request = new Request(Map.copyOf(exchange.getRequestHeaders()), body, status);
            int nth = seen.incrementAndGet();
            requests.add(request);
            try {
                status.set(answer.answer(exchange, nth));
            } catch (IOException e) {
                status.set(-1); // the caller went away while we answered
            }
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    List<Request> requests() {
        return requests;
    }

    @Override
    public void close() {
        server.stop(0);
        answering.shutdownNow();
    }
}
