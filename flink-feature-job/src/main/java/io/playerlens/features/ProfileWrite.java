package io.playerlens.features;

/** What the sink does for a player: put the whole profile item, or delete it (erasure). */
public class ProfileWrite {
    public String playerId;
    public String gameId;
    public boolean delete;
    public int profileEpoch;
    /** All features of all groups, as one JSON object. */
    public String featuresJson;
    public long receivedAt;
    /** Processing time at which the job decoded the newest contributing event; -1 if unknown. */
    public long processedAt = -1;
    public long updatedAt;

    public ProfileWrite() {
    }

    @Override
    public String toString() {
        return (delete ? "DELETE " : "PUT ") + playerId + " epoch=" + profileEpoch + " " + featuresJson;
    }
}
