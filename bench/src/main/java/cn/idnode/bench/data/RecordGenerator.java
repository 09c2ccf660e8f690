package cn.idnode.bench.data;

import cn.idnode.protocol.HandleValue;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Realistic records for a generated data set: what an enterprise on a secondary node registers for a product item —
 * a trace URL, a contact e-mail, a product name, batch and production date, and the manufacturer as a business
 * attribute at index 2000 (further attributes at 2001, 2002… when more than five values are asked for). Record
 * {@code i} is a pure function of (seed, i), so runs are reproducible. About 260 bytes of type + data (UTF-8, with
 * Chinese text) per five-value record; one JSON line is about 476 bytes; the Handle answer (about 454 bytes after the
 * envelope) fits one 512-byte datagram.
 */
public final class RecordGenerator {
    /** One value before it becomes JSON or a {@link HandleValue}. Texts contain no characters JSON must escape. */
    public record Value(int index, String type, String data) {}

    private static final String[] COMPANIES = {
        "宁波恒力液压", "苏州精工机械", "重庆长江电机", "青岛海川仪表", "佛山华南模具", "无锡中联传动", "合肥新源电气",
        "沈阳北方机床", "西安秦川数控", "长沙湘电设备", "成都蜀光阀门", "温州东方泵业",
    };
    private static final String[] DOMAINS = {
        "hengli-hyd", "jinggong-mach", "cjmotor", "haichuan-inst", "huanan-mould", "zlcd", "xinyuan-elec",
        "bfjc", "qinchuan-cnc", "xiangdian", "shuguang-valve", "dfpump",
    };
    private static final String[] PRODUCTS = {
        "液压齿轮泵", "数控立式加工中心", "三相异步电动机", "智能压力变送器", "注塑模具", "行星减速机", "低压断路器",
        "精密车床", "伺服驱动器", "干式变压器", "不锈钢球阀", "多级离心泵",
    };
    private static final String[] INSPECTORS = {"张伟", "王芳", "李娜", "刘洋", "陈静", "杨磊", "赵敏", "黄强"};
    private static final String ALNUM = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private final DerivedIds ids;
    private final int valuesPerRecord;

    public RecordGenerator(DerivedIds ids, int valuesPerRecord) {
        if (valuesPerRecord < 1 || valuesPerRecord > 100) {
            throw new IllegalArgumentException("values per record must be 1..100: " + valuesPerRecord);
        }
        this.ids = ids;
        this.valuesPerRecord = valuesPerRecord;
    }

    public DerivedIds ids() {
        return ids;
    }

    public List<Value> values(long i) {
        String suffix = ids.suffix(i);
        SplittableRandom r = new SplittableRandom(DerivedIds.mix(ids.seed() ^ 0x5DEECE66DL, i));
        int c = r.nextInt(COMPANIES.length);
        String domain = DOMAINS[c];
        int serialDash = suffix.lastIndexOf('-');
        int dateDash = suffix.lastIndexOf('-', serialDash - 1);
        String model = suffix.substring(0, dateDash);
        String date = suffix.substring(dateDash + 1, serialDash);
        String isoDate = date.substring(0, 4) + "-" + date.substring(4, 6) + "-" + date.substring(6, 8);
        List<Value> out = new ArrayList<>(valuesPerRecord);
        List<Value> all = List.of(
                new Value(1, "URL", "https://trace." + domain + ".com.cn/p/" + suffix),
                new Value(2, "EMAIL", "qa" + (10 + r.nextInt(90)) + "@" + domain + ".com.cn"),
                new Value(3, "productName", PRODUCTS[c] + " " + model + " 额定功率" + (1 + r.nextInt(90)) + "kW"),
                new Value(4, "batch", "批次B" + date + "-" + (1000 + r.nextInt(9000)) + "；生产日期" + isoDate),
                new Value(2000, "manufacturer", COMPANIES[c] + "有限公司；信用代码91" + code(r, 16)));
        for (int k = 0; k < valuesPerRecord; k++) {
            if (k < all.size()) {
                out.add(all.get(k));
            } else {
                int n = k - all.size() + 1;
                out.add(new Value(2000 + n, "inspection" + n, "质检员" + INSPECTORS[r.nextInt(INSPECTORS.length)]
                        + "；结果合格；报告QC" + code(r, 10)));
            }
        }
        return out;
    }

    private static String code(SplittableRandom r, int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int k = 0; k < n; k++) {
            sb.append(ALNUM.charAt(r.nextInt(ALNUM.length())));
        }
        return sb.toString();
    }

    /** Record {@code i} as one JSON Lines line (with the trailing newline), in the form {@code idnode load} reads. */
    public void appendJsonLine(long i, StringBuilder sb) {
        sb.append("{\"handle\":\"").append(ids.prefix()).append('/').append(ids.suffix(i)).append("\",\"values\":[");
        List<Value> vs = values(i);
        for (int k = 0; k < vs.size(); k++) {
            Value v = vs.get(k);
            if (k > 0) {
                sb.append(',');
            }
            sb.append("{\"index\":").append(v.index()).append(",\"type\":\"").append(v.type())
                    .append("\",\"data\":\"").append(v.data()).append("\"}");
        }
        sb.append("]}\n");
    }

    /** Record {@code i} as handle values (default TTL and permissions, as {@code idnode load} stores them). */
    public List<HandleValue> handleValues(long i, int timestamp) {
        List<HandleValue> out = new ArrayList<>();
        for (Value v : values(i)) {
            out.add(HandleValue.text(v.index(), v.type(), v.data()).withTimestamp(timestamp));
        }
        return out;
    }
}
