package cn.idnode.node.standard;

import java.util.List;
import java.util.Optional;

/**
 * The fifteen industry directions of the Chongqing notice (national-system.md §10.1; the mapping to GB/T 4754 codes
 * is the spec's and marked unverified there). Each enterprise may apply for one direction.
 */
public final class IndustryDirections {
    private static final List<IndustryDirection> ALL = List.of(
            new IndustryDirection(1, "食品制造业", "Food manufacturing", List.of("C14"), "01-food.json"),
            new IndustryDirection(2, "医药制造业", "Pharmaceutical manufacturing", List.of("C27"),
                    "02-pharmaceuticals.json"),
            new IndustryDirection(3, "燃气生产和供应业", "Gas production and supply", List.of("D45"), "03-gas.json"),
            new IndustryDirection(4, "通用设备制造业", "General equipment manufacturing", List.of("C34"),
                    "04-general-equipment.json"),
            new IndustryDirection(5, "仪器仪表制造业", "Instrument and meter manufacturing", List.of("C40"),
                    "05-instruments.json"),
            new IndustryDirection(6, "电池制造业", "Battery manufacturing", List.of("C384"), "06-batteries.json"),
            new IndustryDirection(7, "半导体器件专用设备制造", "Semiconductor device special equipment manufacturing",
                    List.of("C3562"), "07-semiconductor-equipment.json"),
            new IndustryDirection(8, "医疗仪器设备及器械制造",
                    "Medical instrument, equipment and apparatus manufacturing", List.of("C358"),
                    "08-medical-devices.json"),
            new IndustryDirection(9, "汽车制造业", "Automobile manufacturing", List.of("C36"), "09-automobiles.json"),
            new IndustryDirection(10, "道路运输业", "Road transport", List.of("G54"), "10-road-transport.json"),
            new IndustryDirection(11, "纺织服装、服饰业", "Textile garments and apparel", List.of("C18"),
                    "11-apparel.json"),
            new IndustryDirection(12, "化学原料和化学制品制造业",
                    "Chemical raw materials and chemical products manufacturing", List.of("C26"),
                    "12-chemicals.json"),
            new IndustryDirection(13, "造纸和纸制品业", "Paper and paper products", List.of("C22"), "13-paper.json"),
            new IndustryDirection(14, "其他制造业", "Other manufacturing", List.of("C41"),
                    "14-other-manufacturing.json"),
            new IndustryDirection(15, "园区综合节点", "Industrial park comprehensive node", List.of(), "15-park.json"));

    private IndustryDirections() {
    }

    public static List<IndustryDirection> all() {
        return ALL;
    }

    public static Optional<IndustryDirection> byId(int id) {
        return id >= 1 && id <= ALL.size() ? Optional.of(ALL.get(id - 1)) : Optional.empty();
    }
}
