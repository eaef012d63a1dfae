package eu.impala.local.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** HTTP load for the benchmarks: open loop at a fixed rate, or closed loop as fast as some clients go. */
final class HttpLoad {

    /** What a load run measured. */
    record Result(int requests, int errors, double seconds, List<Double> sortedMillis) {

        double perSecond() {
            return requests / seconds;
        }

        double percentile(int p) {
            return HttpLoad.percentile(sortedMillis, p);
        }

        String summary() {
            return String.format("%d requests, %.0f requests/s, %d errors; latency p50 %.2f ms, p99 %.2f ms, max %.2f ms",
                    requests, perSecond(), errors, percentile(50), percentile(99), sortedMillis.get(sortedMillis.size() - 1));
        }
    }

    private HttpLoad() {
    }

    /** Requests sent on a fixed schedule, so that a slow answer cannot slow the load down (no coordinated omission). */
    static Result fixedRate(HttpClient http, HttpRequest request, int rate, int seconds) throws Exception {
        int total = rate * seconds;
        long intervalNanos = 1_000_000_000L / rate;
        List<CompletableFuture<Double>> answers = new ArrayList<>(total);
        AtomicInteger errors = new AtomicInteger();
        long t0 = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long wait = t0 + i * intervalNanos - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            long sent = System.nanoTime();
            answers.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).handle((r, e) -> {
                if (e != null || r.statusCode() >= 400) {
                    errors.incrementAndGet();
                }
                return (System.nanoTime() - sent) / 1e6;
            }));
        }
        List<Double> latencies = new ArrayList<>(total);
        for (CompletableFuture<Double> a : answers) {
            latencies.add(a.get());
        }
        double elapsed = (System.nanoTime() - t0) / 1e9;
        Collections.sort(latencies);
        return new Result(total, errors.get(), elapsed, latencies);
    }

    /** As many requests as {@code clients} threads send one after another for {@code seconds}: the ceiling. */
    static Result fullSpeed(HttpClient http, HttpRequest request, int clients, int seconds) throws Exception {
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger errors = new AtomicInteger();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long t0 = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            workers.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    long start = System.nanoTime();
                    HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                    if (r.statusCode() >= 400) {
                        errors.incrementAndGet();
                    }
                    latencies.add((System.nanoTime() - start) / 1e6);
                }
                return null;
            }));
        }
        for (Future<?> w : workers) {
            w.get();
        }
        double elapsed = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        List<Double> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        return new Result(sorted.size(), errors.get(), elapsed, sorted);
    }

    static double percentile(List<Double> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
