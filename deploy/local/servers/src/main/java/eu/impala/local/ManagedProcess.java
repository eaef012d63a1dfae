package eu.impala.local;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A server started as a child process, with its output in a log file of its own.
 *
 * <p>The command runs under a small shell guard that holds our stdin: if this JVM dies without running its
 * shutdown hooks (kill -9, a crashed surefire fork), stdin reaches EOF and the guard runs the server's own stop
 * command, so no server outlives the build or the run.
 */
public final class ManagedProcess implements AutoCloseable {

    private static final String GUARD = String.join("\n",
            "exec 3<&0",
            "\"$@\" </dev/null &",
            "child=$!",
            "( cat <&3 >/dev/null; eval \"$IMPALA_ORPHAN_STOP\"; kill -TERM $child 2>/dev/null ) &",
            "trap 'kill -TERM $child 2>/dev/null' TERM INT",
            "wait $child; status=$?",
            "exit $status");

    private final String name;
    private final Path log;
    private final Process process;
    private final OutputStream guardInput;

    private ManagedProcess(String name, Path log, Process process) {
        this.name = name;
        this.log = log;
        this.process = process;
        this.guardInput = process.getOutputStream();
    }

    /**
     * Starts {@code command} with {@code env} added to this JVM's environment. {@code orphanStop} is a shell
     * command the guard runs before killing the child when this JVM disappears (may be empty).
     */
    public static ManagedProcess start(String name, List<String> command, Map<String, String> env, Path workDir,
                                       Path log, String orphanStop) {
        List<String> full = new ArrayList<>(List.of("/bin/sh", "-c", GUARD, "impala-guard"));
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        builder.environment().put("IMPALA_ORPHAN_STOP", orphanStop == null ? "" : orphanStop);
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, "---- " + java.time.Instant.now() + " starting " + name + ": "
                    + String.join(" ", command) + System.lineSeparator(), StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            return new ManagedProcess(name, log, builder.start());
        } catch (IOException e) {
            throw new ServerStartException(name + " could not be started (" + command.get(0) + "): " + e.getMessage(), e);
        }
    }

    /** Runs a short command to completion (initdb, createdb...), failing with its output when it fails. */
    public static String run(String what, List<String> command, Map<String, String> env, Path workDir, Duration timeout) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        try {
            Process p = builder.start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new ServerStartException(what + " did not finish within " + timeout.toSeconds() + " s");
            }
            String text = new String(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new ServerStartException(what + " failed (exit " + p.exitValue() + "): "
                        + String.join(" ", command) + System.lineSeparator() + text);
            }
            return text;
        } catch (IOException e) {
            throw new ServerStartException(what + " could not run " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServerStartException(what + " was interrupted", e);
        }
    }

    /** Waits until {@code ready} holds, failing with the tail of the log if the process dies or time runs out. */
    public void awaitReady(BooleanSupplier ready, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (ready.getAsBoolean()) {
                return;
            }
            if (!process.isAlive()) {
                throw new ServerStartException(name + " exited with status " + process.exitValue()
                        + " before it was ready. Last lines of " + log + ":" + System.lineSeparator() + tail(40));
            }
            sleep(200);
        }
        close();
        throw new ServerStartException(name + " was not ready within " + timeout.toSeconds() + " s. Last lines of "
                + log + ":" + System.lineSeparator() + tail(40));
    }

    public boolean logContains(String text) {
        try {
            return Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains(text);
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    public long pid() {
        return process.pid();
    }

    /** Resident memory of the server process tree in KiB (Linux), for the figures the launchers print. */
    public long rssKiB() {
        long total = 0;
        List<ProcessHandle> all = new ArrayList<>();
        all.add(process.toHandle());
        process.descendants().forEach(all::add);
        for (ProcessHandle h : all) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", Long.toString(h.pid()), "status"))) {
                    if (line.startsWith("VmRSS:")) {
                        total += Long.parseLong(line.replaceAll("\\D", ""));
                    }
                }
            } catch (IOException | RuntimeException ignored) {
                // the process may have exited between listing and reading
            }
        }
        return total;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    /** Stops the server: SIGTERM to the whole tree, then SIGKILL after a grace period. */
    @Override
    public void close() {
        List<ProcessHandle> tree = new ArrayList<>();
        process.descendants().forEach(tree::add);
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        for (ProcessHandle h : tree) {
            while (h.isAlive() && System.nanoTime() < deadline) {
                sleep(50);
            }
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        try {
            guardInput.close();
        } catch (IOException ignored) {
            // the guard is gone already
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServerStartException("interrupted while waiting", e);
        }
    }
}
