package eu.impala.local.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import eu.impala.local.Platform;
import eu.impala.local.PlatformService;

/** CPU seconds used by each part of a running platform, and by its threads, for the benchmarks to print. */
final class PlatformCpu {

    private PlatformCpu() {
    }

    static void print(String title, Map<String, Double> before, Map<String, Double> after, long since) {
        StringBuilder used = new StringBuilder(title);
        after.forEach((who, seconds) -> used.append(String.format(" %s %.1f s,", who, seconds - before.getOrDefault(who, 0.0))));
        System.out.println(used.substring(0, used.length() - 1) + String.format(" (of %.1f s wall time on %d cores)",
                (System.nanoTime() - since) / 1e9, Runtime.getRuntime().availableProcessors()));
    }

    /** Per service: CPU seconds used so far by each kind of thread (numbered threads of one pool added up). */
    static Map<String, Map<String, Double>> threads(Platform platform) {
        Map<String, Map<String, Double>> used = new java.util.LinkedHashMap<>();
        for (PlatformService service : platform.started()) {
            Map<String, Double> threads = new java.util.HashMap<>();
            ProcessHandle root = ProcessHandle.of(platform.pid(service)).orElseThrow();
            java.util.stream.Stream.concat(java.util.stream.Stream.of(root), root.descendants()).forEach(h -> {
                try (java.util.stream.Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(h.pid()), "task"))) {
                    tasks.forEach(task -> {
                        try {
                            String stat = Files.readString(task.resolve("stat"));
                            String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
                                    .replaceAll("[0-9]+", "#");
                            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                            threads.merge(name, (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0, Double::sum);
                        } catch (Exception gone) {
                            // a thread that ended meanwhile
                        }
                    });
                } catch (Exception gone) {
                    // a process that ended meanwhile
                }
            });
            used.put(service.module(), threads);
        }
        Map<String, Double> own = new java.util.HashMap<>();
        for (java.lang.management.ThreadInfo t : java.lang.management.ManagementFactory.getThreadMXBean().dumpAllThreads(false, false)) {
            long nanos = java.lang.management.ManagementFactory.getThreadMXBean().getThreadCpuTime(t.getThreadId());
            if (nanos > 0) {
                own.merge(t.getThreadName().replaceAll("[0-9]+", "#"), nanos / 1e9, Double::sum);
            }
        }
        used.put("this program (Java threads)", own);
        return used;
    }

    /** The threads (by kind) that used the most CPU between the two readings, per service. */
    static void printThreads(Map<String, Map<String, Double>> before, Map<String, Map<String, Double>> after) {
        after.forEach((service, threads) -> {
            StringBuilder line = new StringBuilder("    " + service + " by thread:");
            threads.entrySet().stream()
                    .map(e -> Map.entry(e.getKey(), e.getValue() - before.get(service).getOrDefault(e.getKey(), 0.0)))
                    .filter(e -> e.getValue() >= 0.1)
                    .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(8)
                    .forEach(e -> line.append(String.format(" %s %.1f s,", e.getKey(), e.getValue())));
            System.out.println(line.substring(0, line.length() - 1));
        });
    }

    /** CPU seconds used so far by each part of the platform (a process and its children), and by this program. */
    static Map<String, Double> cpu(Platform platform) {
        Map<String, Double> used = new java.util.LinkedHashMap<>();
        for (PlatformService service : platform.started()) {
            used.put(service.module(), cpuSeconds(ProcessHandle.of(platform.pid(service)).orElseThrow()));
        }
        used.put("postgres", cpuSeconds(ProcessHandle.of(platform.servers().postgres().process().pid()).orElseThrow()));
        used.put("kafka", cpuSeconds(ProcessHandle.of(platform.servers().kafka().process().pid()).orElseThrow()));
        used.put("keycloak", cpuSeconds(ProcessHandle.of(platform.servers().keycloak().process().pid()).orElseThrow()));
        used.put("this program", cpuSeconds(ProcessHandle.current(), false));
        return used;
    }

    private static double cpuSeconds(ProcessHandle root) {
        return cpuSeconds(root, true);
    }

    private static double cpuSeconds(ProcessHandle root, boolean withChildren) {
        double ticks = 0;
        for (ProcessHandle h : (Iterable<ProcessHandle>) java.util.stream.Stream.concat(java.util.stream.Stream.of(root),
                withChildren ? root.descendants() : java.util.stream.Stream.empty())::iterator) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(h.pid()), "stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
            } catch (Exception gone) {
                // a process that ended meanwhile
            }
        }
        return ticks / 100.0;
    }
}
