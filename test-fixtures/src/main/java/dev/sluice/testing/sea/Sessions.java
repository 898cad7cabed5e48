package dev.sluice.testing.sea;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The sessions the server created and deleted, in order. */
final class Sessions {

    private final Map<String, SessionRequest> created = new LinkedHashMap<>();
    private final List<String> deleted = new ArrayList<>();

    synchronized String create(SessionRequest request) {
        String id = Ids.next();
        created.put(id, request);
        return id;
    }

    /** Deletes a live session; false when it never existed or is already deleted. */
    synchronized boolean delete(String id) {
        if (!isLive(id)) {
            return false;
        }
        deleted.add(id);
        return true;
    }

    synchronized boolean isLive(String id) {
        return created.containsKey(id) && !deleted.contains(id);
    }

    synchronized List<String> createdIds() {
        return List.copyOf(created.keySet());
    }

    synchronized List<SessionRequest> requests() {
        return List.copyOf(created.values());
    }

    synchronized List<String> deletedIds() {
        return List.copyOf(deleted);
    }

    synchronized void clear() {
        created.clear();
        deleted.clear();
    }
}
