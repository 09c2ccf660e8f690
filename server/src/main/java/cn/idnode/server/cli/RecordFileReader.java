package cn.idnode.server.cli;

import cn.idnode.protocol.ByteString;
import cn.idnode.protocol.HandleValue;
import cn.idnode.server.http.JsonInputException;
import cn.idnode.server.http.JsonValues;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import com.fasterxml.jackson.databind.MappingIterator;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Streams records out of an import file, one at a time, so files of any size load in constant memory.
 *
 * <ul>
 *   <li>JSON: an array of records, or records one after another (JSON Lines); a record is
 *       {@code {"handle": "88.888/x", "values": [ …Handle.Net REST value objects… ]}}.</li>
 *   <li>CSV: a header row with {@code handle,index,type,data} and optionally {@code ttl,permissions}; one value per
 *       row; the rows of one handle are consecutive.</li>
 * </ul>
 */
abstract class RecordFileReader implements Iterator<RecordFileReader.Entry>, AutoCloseable {

    /** One record, with where it came from for error messages. */
    record Entry(ByteString handle, List<HandleValue> values, String location) {}

    @Override
    public abstract void close() throws IOException;

    static RecordFileReader json(InputStream in, int now) throws IOException {
        return new Json(in, now);
    }

    static RecordFileReader csv(InputStream in, int now) throws IOException {
        return new Csv(in, now);
    }

    private static final class Json extends RecordFileReader {
        private final JsonParser parser;
        private final MappingIterator<JsonNode> it;
        private final int now;
        private int n;

        Json(InputStream in, int now) throws IOException {
            ObjectMapper mapper = new ObjectMapper();
            this.parser = mapper.getFactory().createParser(in);
            this.now = now;
            JsonToken first = parser.nextToken();
            if (first == JsonToken.START_ARRAY) {
                parser.nextToken();
            }
            this.it = first == null ? MappingIterator.emptyIterator() : mapper.readValues(parser, JsonNode.class);
        }

        @Override
        public boolean hasNext() {
            try {
                return it.hasNextValue();
            } catch (IOException e) {
                throw new JsonInputException("record " + (n + 1) + ": " + e.getMessage());
            }
        }

        @Override
        public Entry next() {
            JsonNode node;
            try {
                node = it.nextValue();
            } catch (IOException e) {
                throw new JsonInputException("record " + (n + 1) + ": " + e.getMessage());
            }
            n++;
            String where = "record " + n;
            if (node == null || !node.isObject() || !node.path("handle").isTextual()) {
                throw new JsonInputException(where + ": expected {\"handle\": …, \"values\": […]}");
            }
            JsonNode values = node.get("values");
            if (values == null || !values.isArray()) {
                throw new JsonInputException(where + " (" + node.get("handle").asText() + "): \"values\" must be an array");
            }
            List<HandleValue> out = new ArrayList<>(values.size());
            for (JsonNode v : values) {
                try {
                    out.add(JsonValues.fromJson(v, now));
                } catch (JsonInputException e) {
                    throw new JsonInputException(where + " (" + node.get("handle").asText() + "): " + e.getMessage());
                }
            }
            return new Entry(ByteString.utf8(node.get("handle").asText()), out, where);
        }

        @Override
        public void close() throws IOException {
            parser.close();
        }
    }

    private static final class Csv extends RecordFileReader {
        private final MappingIterator<Map<String, String>> rows;
        private final int now;
        private Map<String, String> pending;
        private int line = 1;

        Csv(InputStream in, int now) throws IOException {
            CsvMapper mapper = new CsvMapper();
            mapper.enable(CsvParser.Feature.TRIM_SPACES);
            this.rows = mapper.readerForMapOf(String.class).with(CsvSchema.emptySchema().withHeader()).readValues(in);
            this.now = now;
        }

        private Map<String, String> row() {
            if (pending != null) {
                Map<String, String> r = pending;
                pending = null;
                return r;
            }
            try {
                if (!rows.hasNextValue()) {
                    return null;
                }
                line++;
                Map<String, String> r = rows.nextValue();
                for (String col : List.of("handle", "index", "type", "data")) {
                    if (!r.containsKey(col)) {
                        throw new JsonInputException("CSV line " + line + ": column \"" + col + "\" is missing"
                                + " (header must name handle,index,type,data[,ttl,permissions])");
                    }
                }
                return r;
            } catch (IOException e) {
                throw new JsonInputException("CSV line " + line + ": " + e.getMessage());
            }
        }

        @Override
        public boolean hasNext() {
            if (pending == null) {
                pending = row();
            }
            return pending != null;
        }

        @Override
        public Entry next() {
            Map<String, String> first = row();
            if (first == null) {
                throw new NoSuchElementException();
            }
            String handle = first.get("handle");
            String where = "CSV line " + line;
            List<HandleValue> values = new ArrayList<>();
            values.add(value(first));
            Map<String, String> r;
            while ((r = row()) != null) {
                if (!r.get("handle").equals(handle)) {
                    pending = r;
                    break;
                }
                values.add(value(r));
            }
            return new Entry(ByteString.utf8(handle), values, where);
        }

        private HandleValue value(Map<String, String> r) {
            ObjectMapper m = new ObjectMapper();
            var o = m.createObjectNode();
            try {
                o.put("index", Integer.parseInt(r.get("index")));
            } catch (NumberFormatException e) {
                throw new JsonInputException("CSV line " + line + ": index must be an integer: " + r.get("index"));
            }
            o.put("type", r.get("type"));
            o.put("data", r.get("data"));
            String ttl = r.get("ttl");
            if (ttl != null && !ttl.isEmpty()) {
                if (ttl.matches("-?[0-9]+")) {
                    o.put("ttl", Integer.parseInt(ttl));
                } else {
                    o.put("ttl", ttl);
                }
            }
            String perms = r.get("permissions");
            if (perms != null && !perms.isEmpty()) {
                o.put("permissions", perms);
            }
            try {
                return JsonValues.fromJson(o, now);
            } catch (JsonInputException e) {
                throw new JsonInputException("CSV line " + line + ": " + e.getMessage());
            }
        }

        @Override
        public void close() throws IOException {
            rows.close();
        }
    }
}
