package io.claimgate.authorizer.acl;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.Uuid;

/**
 * claimgate's copy of the ACLs in the KRaft metadata log, fed by the authorizer hooks Kafka calls
 * (snapshot load, single add, single remove) on its metadata thread, read by request threads.
 *
 * <p>Writes only record the change and drop the current index; the next reader rebuilds it once
 * (under the lock, so concurrent readers wait rather than all rebuilding). A metadata delta that
 * adds ten thousand ACLs therefore costs one rebuild, not ten thousand copies, and readers always
 * see a complete, immutable {@link AclIndex}.
 */
public final class AclStore {
    private final Map<Uuid, AclEntry> entries = new HashMap<>();   // guarded by this
    private long version;                                           // guarded by this
    private volatile AclIndex index = AclIndex.empty(0);            // null = must be rebuilt

    public synchronized void replaceAll(Map<Uuid, AclEntry> acls) {
        entries.clear();
        entries.putAll(acls);
        changed();
    }

    public synchronized void add(Uuid id, AclEntry acl) {
        entries.put(id, acl);
        changed();
    }

    public synchronized void remove(Uuid id) {
        if (entries.remove(id) != null) {
            changed();
        }
    }

    /** The current index; never null, never partially built. */
    public AclIndex current() {
        AclIndex current = index;
        return current != null ? current : rebuild();
    }

    private synchronized AclIndex rebuild() {
        if (index == null) {
            index = AclIndex.build(version, entries.values());
        }
        return index;
    }

    private void changed() {
        version++;
        index = null;
    }
}
