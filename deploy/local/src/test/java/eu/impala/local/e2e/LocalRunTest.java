package eu.impala.local.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import eu.impala.local.KeycloakTokens;
import eu.impala.local.LocalDirs;

/**
 * {@code ./run.sh --no-build}, the README's one command, run as a developer runs it: the launcher starts from the
 * classpath the build wrote, everything comes up on the fixed local ports, a demo user's token works through the
 * gateway, and a TERM (what Ctrl-C becomes) leaves no port open. The launcher once lacked GreenMail on its
 * classpath and died at start while every other test, which starts the platform in-process, stayed green.
 */
class LocalRunTest {

    private static final List<Integer> LOCAL_PORTS = List.of(8080, 8081, 8082, 8083, 9080, 9081, 9082, 9083, 8180, 55432, 59092, 3025);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path home;

    @Test
    void runShStartsTheWholePlatformOnTheLocalPortsAndStopsItOnTerm() throws Exception {
        List<Integer> busy = LOCAL_PORTS.stream().filter(LocalRunTest::listening).toList();
        Assumptions.assumeTrue(busy.isEmpty(), "ports " + busy + " are taken (a local ./run.sh?): not started twice");
        home.toFile().setExecutable(true, false);
        Path output = home.resolve("run.out");
        ProcessBuilder builder = new ProcessBuilder("bash", "run.sh", "--no-build")
                .directory(LocalDirs.repoRoot().toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().put("IMPALA_LOCAL_HOME", home.toString()); // a developer's .impala-local/ stays untouched
        Process run = builder.start();
        run.getOutputStream().close();
        try {
            awaitLine(run, output, "IMPALA platform is up", Duration.ofMinutes(4));
            assertEquals(200, get("http://127.0.0.1:9080/q/health/ready", null).statusCode(), "gateway ready (management interface)");
            assertEquals(200, get("http://127.0.0.1:9081/q/metrics", null).statusCode(), "membership's metrics (management interface)");
            // health and metrics are not on the API's port, which is what an Ingress or a port-forward to it reaches
            assertEquals(404, get("http://127.0.0.1:8080/q/health/ready", null).statusCode(), "no health on the gateway's API port");
            assertEquals(404, get("http://127.0.0.1:8081/q/metrics", null).statusCode(), "no metrics on membership's API port");
            String token = new KeycloakTokens("http://127.0.0.1:8180").demoUser("secretariat");
            HttpResponse<String> me = get("http://127.0.0.1:8080/api/v1/me", token);
            assertEquals(200, me.statusCode(), me.body());
            assertTrue(me.body().contains("\"username\":\"secretariat\""), me.body());
            assertTrue(Files.exists(home.resolve("logs")), "data and logs went to IMPALA_LOCAL_HOME: " + home);
        } finally {
            run.destroy(); // SIGTERM to run.sh, which asks the launcher to stop everything in order
            if (!run.waitFor(90, TimeUnit.SECONDS)) {
                run.destroyForcibly();
                fail("run.sh did not stop within 90 s of TERM:\n" + tail(output));
            }
        }
        List<Integer> left = LOCAL_PORTS.stream().filter(LocalRunTest::listening).toList();
        assertEquals(List.of(), left, "ports still open after run.sh stopped:\n" + tail(output));
    }

    /** Waits for {@code line} in the output; fails with the output's end if run.sh exits or time runs out. */
    private static void awaitLine(Process run, Path output, String line, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(output) && Files.readString(output, StandardCharsets.UTF_8).contains(line)) {
                return;
            }
            if (!run.isAlive()) {
                fail("run.sh exited with " + run.exitValue() + " before the platform was up:\n" + tail(output));
            }
            Thread.sleep(500);
        }
        fail("the platform was not up within " + timeout.toSeconds() + " s:\n" + tail(output));
    }

    private static HttpResponse<String> get(String url, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String tail(Path output) {
        try {
            List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }
}
