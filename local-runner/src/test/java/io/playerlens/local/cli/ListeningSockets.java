package io.playerlens.local.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The TCP sockets some processes listen on, read from Linux's {@code /proc} (no {@code ss} or {@code netstat}
 * needed): {@code /proc/net/tcp{,6}} lists listening sockets by inode, {@code /proc/<pid>/fd} links them to processes.
 */
final class ListeningSockets {
    /** One listening socket: its address as the kernel shows it, decoded, and the process that holds it. */
    record Listener(long pid, String address, int port, boolean loopback) {
    }

    private ListeningSockets() {
    }

    static List<Listener> of(Set<Long> pids) throws IOException {
        Map<Long, Long> inodeToPid = new HashMap<>();
        for (long pid : pids) {
            Path fds = Path.of("/proc", Long.toString(pid), "fd");
            if (!Files.isDirectory(fds)) {
                continue;
            }
            try (Stream<Path> links = Files.list(fds)) {
                for (Path link : links.toList()) {
                    try {
                        String target = Files.readSymbolicLink(link).toString();
                        if (target.startsWith("socket:[")) {
                            inodeToPid.put(Long.parseLong(target.substring(8, target.length() - 1)), pid);
                        }
                    } catch (IOException gone) {
                        // the descriptor closed while listing
                    }
                }
            }
        }
        List<Listener> listeners = new ArrayList<>();
        for (String table : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
            List<String> lines = Files.readAllLines(Path.of(table));
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                boolean listening = "0A".equals(f[3]);
                Long pid = inodeToPid.get(Long.parseLong(f[9]));
                if (listening && pid != null) {
                    String[] local = f[1].split(":");
                    listeners.add(new Listener(pid, local[0], Integer.parseInt(local[1], 16), isLoopback(local[0])));
                }
            }
        }
        return listeners;
    }

    static Set<Long> processTree(ProcessHandle root) {
        Set<Long> pids = new HashSet<>();
        pids.add(root.pid());
        root.descendants().forEach(p -> pids.add(p.pid()));
        return pids;
    }

    /** 127.0.0.0/8 in /proc's little-endian hex, ::1, or ::ffff:127.x.x.x. */
    private static boolean isLoopback(String hex) {
        if (hex.length() == 8) {
            return hex.endsWith("7F");
        }
        return hex.equals("00000000000000000000000001000000") || hex.startsWith("0000000000000000FFFF0000") && hex.endsWith("7F");
    }
}
