package cn.idnode.node.standard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The bundled template packs, one per industry direction, read from
 * {@code cn/idnode/node/template/packs/<NN>-<id>.json} (the list of files is {@link IndustryDirections}; classpath
 * directories are not listed). Loading checks the shape of each file — required members, types, {@code type} 1 or 2,
 * item {@code state} 1 and {@code metadata.type} {@code "string"} — and nothing else; the template rules
 * (indexes, uniqueness, lengths, industry codes) are the template operations' business and are tested on the packs.
 */
public final class TemplatePacks {
    static final String DIRECTORY = "/cn/idnode/node/template/packs/";

    private final List<TemplatePack> packs;

    private TemplatePacks(List<TemplatePack> packs) {
        this.packs = List.copyOf(packs);
    }

    /** The packs shipped with idnode, loaded once. */
    public static TemplatePacks bundled() {
        return Bundled.INSTANCE;
    }

    private static final class Bundled {
        static final TemplatePacks INSTANCE = load();
    }

    static TemplatePacks load() {
        List<TemplatePack> packs = new ArrayList<>();
        for (IndustryDirection d : IndustryDirections.all()) {
            String path = DIRECTORY + d.packResource();
            try (InputStream in = TemplatePacks.class.getResourceAsStream(path)) {
                if (in == null) {
                    throw new IllegalStateException("template pack missing: " + path);
                }
                packs.add(parse(d, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("template pack " + path + ": " + e.getMessage(), e);
            }
        }
        return new TemplatePacks(packs);
    }

    static TemplatePack parse(IndustryDirection direction, String json) {
        Map<?, ?> root = as(Json.parse(json), Map.class, "pack");
        List<PackItem> items = new ArrayList<>();
        for (Object o : as(root.get("items"), List.class, "items")) {
            Map<?, ?> item = as(o, Map.class, "item");
            Map<?, ?> metadata = as(item.get("metadata"), Map.class, "metadata");
            if (!"string".equals(metadata.get("type")) || integer(item, "state") != 1) {
                throw new IllegalArgumentException("item " + item.get("idType") + ": state 1 and type string expected");
            }
            items.add(new PackItem(text(item, "name"), text(item, "idType"), integer(item, "idIndex"),
                    as(item.get("required"), Boolean.class, "required"), integer(metadata, "minLength"),
                    integer(metadata, "maxLength")));
        }
        int type = integer(root, "type");
        if (type != 1 && type != 2) {
            throw new IllegalArgumentException("type must be 1 or 2");
        }
        return new TemplatePack(direction.packId(), direction.id(), text(root, "name"), text(root, "description"),
                text(root, "industryCategory"), text(root, "industrySpecific"), text(root, "industryTrade"),
                text(root, "industrySubclass"), type, items);
    }

    private static String text(Map<?, ?> map, String key) {
        return as(map.get(key), String.class, key);
    }

    private static int integer(Map<?, ?> map, String key) {
        try {
            return as(map.get(key), BigDecimal.class, key).intValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(key + " must be an integer");
        }
    }

    private static <T> T as(Object value, Class<T> type, String what) {
        if (!type.isInstance(value)) {
            throw new IllegalArgumentException(what + ": " + type.getSimpleName() + " expected, found " + value);
        }
        return type.cast(value);
    }

    public List<TemplatePack> all() {
        return packs;
    }

    public Optional<TemplatePack> byId(String id) {
        return packs.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    public Optional<TemplatePack> forDirection(int directionId) {
        return packs.stream().filter(p -> p.directionId() == directionId).findFirst();
    }
}
