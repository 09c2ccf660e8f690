package cn.idnode.node.enterprise;

import cn.idnode.node.business.BusinessException;
import cn.idnode.node.business.ChinaTime;
import cn.idnode.node.standard.Finding;
import cn.idnode.node.standard.Industries;
import cn.idnode.node.standard.Regions;
import cn.idnode.node.standard.SocialCreditCode;
import cn.idnode.node.standard.Validation;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Checks an enterprise application (snms-api.md §6.2) before it is stored: required members, lengths, enumerations,
 * the unified social credit code (GB 32100, national-system.md §4.3), GB/T 2260 address hierarchies, GB/T 4754
 * industries, PRC ID-card numbers of the contact and legal representative (GB 11643 check digit), the requested
 * prefix (digits-only enterprise code under this node's prefix, national-system.md §2.2) and the deployment facts of
 * {@code entRegisterManageInfo}. Every problem is reported at once, each naming its field.
 */
public final class ApplicationValidator {
    private static final Pattern ENTERPRISE_CODE = Pattern.compile("[0-9]{1,20}");
    private static final Pattern IP_PORT = Pattern.compile("\\[[0-9A-Fa-f:.]{2,45}]:[0-9]{1,5}");
    private static final String B = "entBasicInfo";
    private static final String M = "entRegisterManageInfo";
    private static final String H = "entHostingAndIdentifyServeInfo";

    private final Regions regions;
    private final Industries industries;
    private final SocialCreditCode uscc;
    private final String nodePrefix;

    /** The facts the node keeps from a valid application. */
    public record Valid(String orgName, int crtType, String crtCode, String entPrefix, List<Long> fileIds,
                        List<String> warnings) {}

    public ApplicationValidator(Regions regions, Industries industries, String nodePrefix) {
        this.regions = regions;
        this.industries = industries;
        this.uscc = new SocialCreditCode(regions);
        this.nodePrefix = nodePrefix;
    }

    public Valid check(JsonNode basic, JsonNode manage, JsonNode hosting) {
        ApplicationCheck c = new ApplicationCheck();
        if (basic == null || !basic.isObject()) {
            throw BusinessException.invalid("缺少必要的参数: entBasicInfo");
        }
        List<Long> files = new ArrayList<>();
        String orgName = c.text(basic, B, "orgName", 255);
        c.choice(basic, B, "orgNature", 1, 2, 3, 4, 5);
        c.text(basic, B, "orgAddr", 255);
        String province = c.text(basic, B, "orgAddrProvince", 6);
        String city = c.text(basic, B, "orgAddrCity", 6);
        String county = c.optionalText(basic, B, "orgAddrCounty", 6);
        if (!province.isEmpty() && !city.isEmpty()) {
            report(c, regions.checkHierarchy(province, city, county), B + ".orgAddr");
        }
        int crtType = c.choice(basic, B, "orgCrtType", 1, 2);
        String crtCode = c.text(basic, B, "orgCrtCode", 32);
        if (crtType == 1 && !crtCode.isEmpty()) {
            SocialCreditCode.Result r = uscc.validate(crtCode);
            report(c, r.validation(), B + ".orgCrtCode");
            crtCode = r.valid() ? r.normalized() : crtCode;
        }
        c.fileId(basic, B, "orgCrtImgRid", true).ifPresent(files::add);
        c.optionalText(basic, B, "orgDesc", 1024);
        String category = c.text(basic, B, "industryCategory", 1);
        String specific = c.text(basic, B, "industrySpecific", 2);
        if (!category.isEmpty() && !specific.isEmpty()) {
            report(c, industries.check(category, specific), B + ".industry");
        }
        c.optionalText(basic, B, "website", 255);
        c.optionalText(basic, B, "regAuthority", 255);
        JsonNode capital = basic.get("regCapital");
        if (capital != null && !capital.isNull() && !(capital.isIntegralNumber()
                || (capital.isTextual() && capital.asText().trim().matches("\\d{0,18}")))) {
            c.error(B + ".regCapital 应为整数");
        }
        for (String date : List.of("establishDate", "periodValidity")) {
            String d = c.optionalText(basic, B, date, 10);
            if (!d.isEmpty() && !ChinaTime.isDate(d)) {
                c.error(B + "." + date + " 日期格式应为 yyyy-MM-dd");
            }
        }
        c.text(basic, B, "contactName", 64);
        int contactType = c.choice(basic, B, "contactCrtType", 1, 2, 3);
        String contactNo = c.text(basic, B, "contactCrtNo", 32);
        checkIdCard(c, contactType, contactNo, B + ".contactCrtNo");
        c.text(basic, B, "contactEmail", 64);
        c.text(basic, B, "contactPhone", 32);
        c.fileId(basic, B, "contactCrtFrontImgRid", false).ifPresent(files::add);
        c.fileId(basic, B, "contactCrtBackImgRid", false).ifPresent(files::add);
        c.text(basic, B, "legalName", 64);
        int legalType = c.choice(basic, B, "legalCrtType", 1, 2, 3);
        String legalNo = c.text(basic, B, "legalCrtNo", 32);
        checkIdCard(c, legalType, legalNo, B + ".legalCrtNo");
        c.fileId(basic, B, "legalCrtFrontImgRid", true).ifPresent(files::add);
        c.fileId(basic, B, "legalCrtBackImgRid", true).ifPresent(files::add);
        for (String f : List.of("legalEmail", "legalFax", "legalPhone")) {
            c.optionalText(basic, B, f, 64);
        }
        String entPrefix = c.text(basic, B, "entPrefix", 64);
        if (!entPrefix.isEmpty()) {
            entPrefix = checkPrefix(c, entPrefix);
        }
        checkManage(c, manage, files);
        checkHosting(c, hosting, files);
        if (!c.errors.isEmpty()) {
            throw BusinessException.invalid(String.join("；", c.errors));
        }
        return new Valid(orgName, crtType, crtCode, entPrefix, List.copyOf(files), List.copyOf(c.warnings));
    }

    private String checkPrefix(ApplicationCheck c, String entPrefix) {
        String p = entPrefix.toUpperCase(Locale.ROOT);
        String head = nodePrefix.toUpperCase(Locale.ROOT) + ".";
        if (!p.startsWith(head) || !ENTERPRISE_CODE.matcher(p.substring(head.length())).matches()) {
            c.error(B + ".entPrefix 应为本节点前缀下的企业前缀，形如 " + head + "数字（1-20位）: " + entPrefix);
        }
        return p;
    }

    private void checkManage(ApplicationCheck c, JsonNode manage, List<Long> files) {
        if (manage == null || !manage.isObject()) {
            c.error("缺少必要的参数: " + M);
            return;
        }
        JsonNode systems = manage.get("entInfoSyses");
        boolean[] seen = new boolean[6];
        if (systems == null || !systems.isArray() || systems.isEmpty()) {
            c.error("缺少必要的参数: " + M + ".entInfoSyses");
        } else {
            for (int i = 0; i < systems.size(); i++) {
                JsonNode s = systems.get(i);
                String path = M + ".entInfoSyses[" + i + "]";
                int type = c.choice(s, path, "sysType", 1, 2, 3, 4, 5);
                if (type > 0) {
                    seen[type] = true;
                }
                int mode = c.choice(s, path, "deployMode", 1, 2);
                if (mode == 1) {
                    String p = c.text(s, path, "deployAddrProvince", 6);
                    String ci = c.text(s, path, "deployAddrCity", 6);
                    String co = c.optionalText(s, path, "deployAddrCounty", 6);
                    if (!p.isEmpty() && !ci.isEmpty()) {
                        report(c, regions.checkHierarchy(p, ci, co), path + ".deployAddr");
                    }
                    c.text(s, path, "deployAddr", 255);
                } else if (mode == 2) {
                    c.text(s, path, "name", 255);
                }
                String ipPort = c.optionalText(s, path, "ipPort", 1024);
                if (!ipPort.isEmpty()) {
                    for (String one : ipPort.split(";")) {
                        if (!IP_PORT.matcher(one.trim()).matches()) {
                            c.error(path + ".ipPort 格式应为 [地址]:端口，多个以分号分隔: " + one.trim());
                        }
                    }
                }
            }
            for (int t = 1; t <= 4; t++) {
                if (!seen[t]) {
                    c.error(M + ".entInfoSyses 缺少系统类型 " + t + "（1注册系统、2注册数据、3注册数据备份、4解析服务器为必填）");
                }
            }
        }
        c.choice(manage, M, "servSysBuildType", 1, 2);
        c.choice(manage, M, "servSysOperType", 1, 2);
        c.optionalText(manage, M, "servSysBuildName", 255);
        c.optionalText(manage, M, "servSysOperName", 255);
        c.fileId(manage, M, "servSysBuildContractFileRid", false).ifPresent(files::add);
        c.fileId(manage, M, "servSysOperContractFileRid", false).ifPresent(files::add);
    }

    private void checkHosting(ApplicationCheck c, JsonNode hosting, List<Long> files) {
        if (hosting == null || hosting.isNull()) {
            return;
        }
        if (!hosting.isObject()) {
            c.error(H + " 应为对象");
            return;
        }
        for (String f : List.of("extWebName", "extDomain", "extIpAddr", "dataHostingOrg", "servHostingOrg")) {
            c.optionalText(hosting, H, f, 1024);
        }
        c.fileId(hosting, H, "dataHostingContractFileRid", false).ifPresent(files::add);
        c.fileId(hosting, H, "servHostingContractFileRid", false).ifPresent(files::add);
        JsonNode inds = hosting.get("entInfoSerIndustries");
        if (inds != null && inds.isArray()) {
            for (int i = 0; i < inds.size(); i++) {
                JsonNode n = inds.get(i);
                String path = H + ".entInfoSerIndustries[" + i + "]";
                report(c, industries.check(c.text(n, path, "industryCategory", 1),
                        c.text(n, path, "industrySpecific", 2), c.optionalText(n, path, "industryTrade", 3),
                        c.optionalText(n, path, "industrySubclass", 4)), path);
            }
        }
        JsonNode licences = hosting.get("entInfoLicenses");
        if (licences != null && licences.isArray()) {
            for (int i = 0; i < licences.size(); i++) {
                String path = H + ".entInfoLicenses[" + i + "]";
                c.text(licences.get(i), path, "licenceNo", 128);
                c.choice(licences.get(i), path, "licenceType", 1, 2, 3, 4);
            }
        }
    }

    private static void report(ApplicationCheck c, Validation v, String where) {
        for (Finding f : v.errors()) {
            c.error(where + ": " + f.message());
        }
        for (Finding f : v.warnings()) {
            c.warning(where + ": " + f.message());
        }
    }

    /** GB 11643: 17 digits and a check character (weights 2^(17-i) mod 11, "10X98765432"). */
    static void checkIdCard(ApplicationCheck c, int type, String number, String where) {
        if (type != 1 || number.isEmpty()) {
            return;
        }
        String n = number.toUpperCase(Locale.ROOT);
        if (!n.matches("\\d{17}[0-9X]")) {
            c.error(where + " 居民身份证号码应为18位");
            return;
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (n.charAt(i) - '0') * ((1 << (17 - i)) % 11);
        }
        char expected = "10X98765432".charAt(sum % 11);
        if (n.charAt(17) != expected) {
            c.error(where + " 居民身份证号码校验位错误");
        }
    }
}
