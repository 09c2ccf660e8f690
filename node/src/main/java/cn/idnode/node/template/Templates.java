package cn.idnode.node.template;

import cn.idnode.node.NodeSchema;
import cn.idnode.node.business.Json;
import cn.idnode.protocol.ByteString;
import cn.idnode.store.Cursor;
import cn.idnode.store.Store;
import cn.idnode.store.StoreKeys;
import cn.idnode.store.WriteBatch;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every metadata template, in the store ({@code t/<PREFIX>\0<version>} → JSON) and in memory, so validating a record
 * against its template costs a hash look-up. The memory view is loaded at start and updated by {@link #applied}
 * after each committed change.
 */
public final class Templates {
    private final Store store;
    private final ConcurrentHashMap<String, Compiled> byKey = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<ByteString, Compiled> byHandle = new ConcurrentHashMap<>();

    /** A template with its items indexed by value index. */
    public record Compiled(Template template, Map<Integer, TemplateItem> items) {
        static Compiled of(Template t) {
            Map<Integer, TemplateItem> m = new HashMap<>();
            t.items().forEach(i -> m.put(i.idIndex(), i));
            return new Compiled(t, Map.copyOf(m));
        }
    }

    public Templates(Store store) {
        this.store = store;
        try (Cursor c = store.scan(NodeSchema.TEMPLATES, StoreKeys.utf8("t/"), Optional.empty())) {
            while (c.next()) {
                applied(Optional.empty(), Optional.of(Json.read(c.value(), Template.class)));
            }
        }
    }

    public Optional<Template> get(String prefix, String version) {
        return Optional.ofNullable(byKey.get(key(prefix, version))).map(Compiled::template);
    }

    public Optional<Compiled> byHandle(ByteString handleUpper) {
        return Optional.ofNullable(byHandle.get(handleUpper));
    }

    /** The templates of a prefix, by version. */
    public List<Template> ofPrefix(String prefix) {
        String head = prefix.toUpperCase(Locale.ROOT) + "\0";
        List<Template> out = new ArrayList<>();
        byKey.forEach((k, v) -> {
            if (k.startsWith(head)) {
                out.add(v.template());
            }
        });
        out.sort(Comparator.comparing(Template::version));
        return out;
    }

    public void stage(WriteBatch batch, Optional<Template> before, Optional<Template> after) {
        Template any = after.or(() -> before).orElseThrow();
        byte[] k = StoreKeys.utf8("t/" + key(any.prefix(), any.version()));
        if (before.isPresent()) {
            batch.requireValue(NodeSchema.TEMPLATES, k, Json.bytes(before.get()));
        } else {
            batch.requireAbsent(NodeSchema.TEMPLATES, k);
        }
        if (after.isPresent()) {
            batch.put(NodeSchema.TEMPLATES, k, Json.bytes(after.get()));
        } else {
            batch.delete(NodeSchema.TEMPLATES, k);
        }
    }

    /** Updates the memory view after a committed change. */
    public void applied(Optional<Template> before, Optional<Template> after) {
        before.ifPresent(t -> {
            byKey.remove(key(t.prefix(), t.version()));
            byHandle.remove(ByteString.utf8(t.handle()).toAsciiUpperCase());
        });
        after.ifPresent(t -> {
            Compiled c = Compiled.of(t);
            byKey.put(key(t.prefix(), t.version()), c);
            byHandle.put(ByteString.utf8(t.handle()).toAsciiUpperCase(), c);
        });
    }

    private static String key(String prefix, String version) {
        return prefix.toUpperCase(Locale.ROOT) + "\0" + version;
    }

    Store store() {
        return store;
    }
}
