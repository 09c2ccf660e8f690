package cn.idnode.node.standard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.idnode.node.standard.SocialCreditCode.Result;
import org.junit.jupiter.api.Test;

class SocialCreditCodeTest {
    final SocialCreditCode uscc = new SocialCreditCode(Regions.bundled());

    static FindingCode firstError(Result r) {
        return r.errors().get(0).code();
    }

    @Test
    void specVectorsAreValid() {
        for (String code : new String[] {"91110108589104047H", "91500000MA5U7G8N47"}) {
            Result r = uscc.validate(code);
            assertThat(r.valid()).as(code).isTrue();
            assertThat(r.warnings()).as(code).isEmpty();
            assertThat(r.normalized()).isEqualTo(code);
        }
    }

    @Test
    void wrongCheckCharacterIsAnError() {
        Result r = uscc.validate("91500000MA5U7G8N4R");
        assertThat(r.valid()).isFalse();
        assertThat(r.errors()).extracting(Finding::code).containsExactly(FindingCode.USCC_CHECK_CHARACTER);
        assertThat(r.errors().get(0).message()).isEqualTo("统一社会信用代码校验位错误");
    }

    @Test
    void checkCharactersMatchTheSpecArithmetic() {
        assertThat(SocialCreditCode.checkCharacter("91110108589104047")).isEqualTo('H');
        assertThat(SocialCreditCode.checkCharacter("91500000MA5U7G8N4")).isEqualTo('7');
        assertThat(SocialCreditCode.organisationCheckCharacter("58910404")).isEqualTo('7');
        assertThat(SocialCreditCode.organisationCheckCharacter("MA5U7G8N")).isEqualTo('4');
        assertThatThrownBy(() -> SocialCreditCode.checkCharacter("9111010858910404I"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void organisationCheckCharacterCoversXAndZero() {
        // c = 10 gives X and c = 11 gives 0: find bodies that produce them and make sure both map as specified
        boolean sawX = false;
        boolean sawZero = false;
        for (int n = 0; n < 200 && !(sawX && sawZero); n++) {
            char c = SocialCreditCode.organisationCheckCharacter(String.format("%08d", n));
            sawX |= c == 'X';
            sawZero |= c == '0';
            assertThat("0123456789X").contains(String.valueOf(c));
        }
        assertThat(sawX).isTrue();
        assertThat(sawZero).isTrue();
    }

    @Test
    void inputIsStrippedAndUpperCased() {
        Result r = uscc.validate("  91500000ma5u7g8n47\t");
        assertThat(r.valid()).isTrue();
        assertThat(r.normalized()).isEqualTo("91500000MA5U7G8N47");
    }

    @Test
    void emptyAndWrongLengthStopEarly() {
        assertThat(firstError(uscc.validate(null))).isEqualTo(FindingCode.USCC_EMPTY);
        assertThat(firstError(uscc.validate("   "))).isEqualTo(FindingCode.USCC_EMPTY);
        Result shortCode = uscc.validate("91110108589104047");
        assertThat(shortCode.errors()).extracting(Finding::code).containsExactly(FindingCode.USCC_LENGTH);
        assertThat(shortCode.errors().get(0).message()).contains("18位").contains("17位");
        assertThat(firstError(uscc.validate("91110108589104047HH"))).isEqualTo(FindingCode.USCC_LENGTH);
    }

    @Test
    void lettersOutsideTheSetAreRejectedWithTheirPosition() {
        for (char bad : "IOSVZ".toCharArray()) {
            Result r = uscc.validate("91500000MA5U7G8N4" + bad);
            assertThat(r.errors()).extracting(Finding::code).containsExactly(FindingCode.USCC_CHARSET);
            assertThat(r.errors().get(0).message()).contains("第18位");
        }
        assertThat(firstError(uscc.validate("91500000MA5U7G8N-7"))).isEqualTo(FindingCode.USCC_CHARSET);
        // full-width digits are not converted
        assertThat(firstError(uscc.validate("９1500000MA5U7G8N47"))).isEqualTo(FindingCode.USCC_CHARSET);
    }

    @Test
    void unknownProvinceIsAnError() {
        String first17 = "91990000MA5U7G8N4";
        Result r = uscc.validate(first17 + SocialCreditCode.checkCharacter(first17));
        assertThat(r.errors()).extracting(Finding::code).containsExactly(FindingCode.USCC_REGION_UNKNOWN);
        assertThat(r.errors().get(0).message()).contains("990000");
    }

    @Test
    void codeMissingFromTheTableInAKnownProvinceIsAWarning() {
        // 500222 綦江县 was abolished in 2011 (now 500110 綦江区); old licences keep such codes
        String first17 = "91500222MA5U7G8N4";
        Result r = uscc.validate(first17 + SocialCreditCode.checkCharacter(first17));
        assertThat(r.valid()).isTrue();
        assertThat(r.warnings()).extracting(Finding::code).containsExactly(FindingCode.USCC_REGION_NOT_IN_TABLE);
        assertThat(r.warnings().get(0).message()).contains("500222").contains(Regions.bundled().version());
    }

    @Test
    void nationalLevelAuthorityCodeIsAccepted() {
        String first17 = "11100000MA5U7G8N4";
        Result r = uscc.validate(first17 + SocialCreditCode.checkCharacter(first17));
        assertThat(r.valid()).isTrue();
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void badOrganisationCodeIsOnlyAWarning() {
        String first17 = "91500000MA5U7G8N5";
        Result r = uscc.validate(first17 + SocialCreditCode.checkCharacter(first17));
        assertThat(r.valid()).isTrue();
        assertThat(r.warnings()).extracting(Finding::code).containsExactly(FindingCode.USCC_ORG_CODE_CHECK);
        assertThat(r.warnings().get(0).message()).contains("应为4");
    }

    @Test
    void findingsAccumulateAfterTheCharacterSetCheck() {
        Result r = uscc.validate("91500222MA5U7G8N5R");
        assertThat(r.errors()).extracting(Finding::code).containsExactly(FindingCode.USCC_CHECK_CHARACTER);
        assertThat(r.warnings()).extracting(Finding::code)
                .containsExactly(FindingCode.USCC_REGION_NOT_IN_TABLE, FindingCode.USCC_ORG_CODE_CHECK);
        assertThat(r.validation().summary()).isEqualTo("统一社会信用代码校验位错误");
    }
}
