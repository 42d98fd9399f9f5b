package io.playerlens.local.models;

import io.playerlens.contracts.offers.Placements;
import io.playerlens.offers.PlacementSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code models/placements.json} as the local offers API reads it: re-read when the file changes (looked at no more
 * than every {@code recheck}), so {@code model promote} or an edit takes effect without a restart. An edit that does not
 * parse is logged and the previous placements keep serving — as on AWS, where the registry's last good read serves.
 */
public final class LocalPlacements implements PlacementSource {
    private static final Logger LOG = LoggerFactory.getLogger(LocalPlacements.class);

    private final Path modelsDir;
    private final Duration recheck;
    private volatile Placements current;
    private volatile String seen;
    private volatile long checkedAtNanos;

    public LocalPlacements(Path modelsDir, Duration recheck) {
        this.modelsDir = modelsDir;
        this.recheck = recheck;
        this.seen = stamp();
        this.current = Placements.readDeclared(modelsDir); // a broken file at start fails `up` with its message
        this.checkedAtNanos = System.nanoTime();
    }

    @Override
    public Placements current() {
        if (System.nanoTime() - checkedAtNanos >= recheck.toNanos()) {
            refresh();
        }
        return current;
    }

    private synchronized void refresh() {
        if (System.nanoTime() - checkedAtNanos < recheck.toNanos()) {
            return;
        }
        checkedAtNanos = System.nanoTime();
        String stamp = stamp();
        if (stamp.equals(seen)) {
            return;
        }
        seen = stamp;
        try {
            current = Placements.readDeclared(modelsDir);
            LOG.info("{} reloaded: {}", Placements.FILE, current.all().keySet());
        } catch (RuntimeException e) {
            LOG.error("{} not reloaded, the previous placements keep serving: {}", Placements.FILE, e.getMessage());
        }
    }

    private String stamp() {
        Path file = modelsDir.resolve(Placements.FILE);
        try {
            return Files.size(file) + ":" + Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return "missing";
        }
    }
}
