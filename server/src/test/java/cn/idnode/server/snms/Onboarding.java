package cn.idnode.server.snms;

import static cn.idnode.server.snms.SnmsClient.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import cn.idnode.node.standard.SocialCreditCode;
import cn.idnode.server.snms.SnmsClient.Reply;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Test fixture: an enterprise onboarded through the SNMS API (apply with uploads, approve), as an operator does it. */
final class Onboarding {
    private Onboarding() {}

    /** A valid USCC whose serial part is {@code n} (Chongqing division code). */
    static String uscc(int n) {
        String org8 = String.format("MA%06d", n);
        String body = "91500000" + org8 + SocialCreditCode.organisationCheckCharacter(org8);
        return body + SocialCreditCode.checkCharacter(body);
    }

    static ObjectNode application(String user, String password, String uscc, String prefix, long licence, long front,
                                  long back) throws Exception {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode u = body.putObject("sysUser");
        u.put("userName", user);
        u.put("password", SnmsClient.sha256(password));
        u.put("email", user + "@example.cn");
        u.put("mobile", "139" + String.format("%08d", Math.abs(user.hashCode()) % 100_000_000));
        ObjectNode b = body.putObject("entBasicInfo");
        b.put("orgName", user + " 有限公司");
        b.put("orgNature", 2);
        b.put("orgAddr", "重庆市渝中区");
        b.put("orgAddrProvince", "500000");
        b.put("orgAddrCity", "500100");
        b.put("orgCrtType", 1);
        b.put("orgCrtCode", uscc);
        b.put("orgCrtImgRid", licence);
        b.put("industryCategory", "C");
        b.put("industrySpecific", "14");
        b.put("contactName", "联系人");
        b.put("contactCrtType", 2);
        b.put("contactCrtNo", "E12345678");
        b.put("contactEmail", "c@" + user + ".example.cn");
        b.put("contactPhone", "023-12345678");
        b.put("legalName", "法人");
        b.put("legalCrtType", 1);
        b.put("legalCrtNo", SnmsClient.idCard("50010319800202456"));
        b.put("legalCrtFrontImgRid", front);
        b.put("legalCrtBackImgRid", back);
        b.put("entPrefix", prefix);
        ObjectNode m = body.putObject("entRegisterManageInfo");
        ArrayNode systems = m.putArray("entInfoSyses");
        for (int t = 1; t <= 4; t++) {
            systems.addObject().put("sysType", t).put("deployMode", 1).put("deployAddrProvince", "500000")
                    .put("deployAddrCity", "500100").put("deployAddr", "机房A");
        }
        m.put("servSysBuildType", 2);
        m.put("servSysOperType", 2);
        return body;
    }

    /** Applies and approves; returns the enterprise user's token. */
    static String onboard(SnmsClient client, String admin, String user, String password, int n, String prefix)
            throws Exception {
        long[] files = new long[3];
        for (int i = 0; i < 3; i++) {
            Reply up = client.upload(admin, "f" + i + ".png", SnmsClient.png());
            assertThat(up.status()).as(up.toString()).isEqualTo(1);
            files[i] = up.data().path("id").asLong();
        }
        Reply applied = client.post("/snms/api/v3/ent/apply", admin,
                application(user, password, uscc(n), prefix, files[0], files[1], files[2]));
        assertThat(applied.status()).as(applied.toString()).isEqualTo(1);
        Reply page = client.get("/snms/api/v3/ent/page?orgName=" + user, admin);
        long id = page.data().path("content").get(0).path("id").asLong();
        Reply approved = client.post("/snms/api/v3/ent/review", admin, JSON.createObjectNode().put("id", id)
                .put("action", "approve"));
        assertThat(approved.status()).as(approved.toString()).isEqualTo(1);
        return client.login(user, password);
    }
}
