package eu.impala.local.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * tsc from the npm registry, installed once per pinned version into the cache (beside Keycloak) and run by the local
 * Node.js: what type-checks the generated TypeScript client the way the frontend's build would.
 */
final class TypeScriptCompiler {

    static final String VERSION = "5.9.3";
    private static final String NEEDS_NODE = "GeneratedClientsTest type-checks the generated TypeScript client with "
            + "tsc, which needs Node.js 18 or newer and npm on PATH: install them (Debian/Ubuntu: apt-get install "
            + "nodejs npm; macOS: brew install node; or https://nodejs.org)";

    private final Path home;

    private TypeScriptCompiler(Path home) {
        this.home = home;
    }

    /** tsc under {@code cache/typescript-<version>}, installed with npm if it is not there yet. */
    static TypeScriptCompiler installedIn(Path cache) throws IOException, InterruptedException {
        Path home = cache.resolve("typescript-" + VERSION);
        if (!Files.exists(tsc(home))) {
            // into a fresh directory first, then moved: a build that runs beside this one never sees half an install
            Path staging = cache.resolve("typescript-" + VERSION + ".installing-" + UUID.randomUUID());
            Run npm = run(List.of(executable("npm"), "install", "--no-audit", "--no-fund", "--prefix",
                    staging.toString(), "typescript@" + VERSION), cache, Duration.ofMinutes(5));
            if (npm.exitCode() != 0 || !Files.exists(tsc(staging))) {
                delete(staging);
                throw new IllegalStateException("npm could not install typescript@" + VERSION + " (exit "
                        + npm.exitCode() + "):\n" + npm.output());
            }
            try {
                Files.move(staging, home, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException raced) {
                if (!Files.exists(tsc(home))) {
                    throw raced;
                }
                delete(staging); // another build installed the same version meanwhile
            }
        }
        return new TypeScriptCompiler(home);
    }

    /**
     * Type-checks every {@code .ts} file under {@code sources}, strictly and without emitting, for a browser: the
     * project file is written to {@code work}.
     */
    Run check(Path sources, Path work) throws IOException, InterruptedException {
        Files.createDirectories(work);
        Path project = work.resolve("tsconfig.json");
        String include = work.relativize(sources).toString().replace('\\', '/') + "/**/*.ts";
        Files.writeString(project, """
                {
                  "compilerOptions": {
                    "strict": true,
                    "noEmit": true,
                    "target": "es2020",
                    "lib": ["es2020", "dom"],
                    "module": "es2020",
                    "moduleResolution": "bundler",
                    "forceConsistentCasingInFileNames": true
                  },
                  "include": ["%s"]
                }
                """.formatted(include), StandardCharsets.UTF_8);
        return run(List.of(executable("node"), tsc(home).toString(), "-p", project.toString(), "--pretty", "false"),
                work, Duration.ofMinutes(2));
    }

    /** What a command printed (stdout and stderr together) and how it ended. */
    record Run(int exitCode, String output) {
    }

    private static Path tsc(Path home) {
        return home.resolve("node_modules/typescript/bin/tsc");
    }

    private static String executable(String name) {
        return System.getProperty("os.name").startsWith("Windows") && "npm".equals(name) ? "npm.cmd" : name;
    }

    private static Run run(List<String> command, Path dir, Duration limit) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException(NEEDS_NODE + " (" + command.get(0) + ": " + e.getMessage() + ")", e);
        }
        process.getOutputStream().close();
        // read on another thread so that a command printing more than the pipe holds cannot hang the wait
        List<String> lines = new ArrayList<>();
        Thread reader = new Thread(() -> {
            try (var out = process.inputReader(StandardCharsets.UTF_8)) {
                out.lines().forEach(lines::add);
            } catch (IOException ignored) {
                // the process is gone: what was read is what there is
            }
        }, "typescript-compiler-output");
        reader.start();
        if (!process.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish within " + limit);
        }
        reader.join(Duration.ofSeconds(10).toMillis());
        return new Run(process.exitValue(), String.join("\n", lines));
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
