package io.playerlens.contracts.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Docs drift: docs/event-contract.md has a row for every value kind of the catalog, with its bounds. */
class EventContractDocTest {

    @Test
    void everyValueKind_hasARowWithItsBounds() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "event-contract.md"));
        NumberFormat grouped = NumberFormat.getIntegerInstance(Locale.US);
        for (PropKind kind : EventCatalog.defaultCatalog().kinds().values()) {
            String row = doc.lines().filter(l -> l.startsWith("| `" + kind.name() + "` |")).findFirst().orElse(null);
            assertThat(row).as("row for kind " + kind.name()).isNotNull();
            if (kind.type() == PropKind.Type.STRING) {
                assertThat(row).contains("1–" + kind.maxLength() + " characters");
            } else {
                assertThat(row).as(kind.name()).contains(grouped.format(kind.max().longValueExact()));
            }
        }
    }
}
