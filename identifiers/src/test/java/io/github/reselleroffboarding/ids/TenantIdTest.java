package io.github.reselleroffboarding.ids;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TenantIdTest {

    @Test
    void parsingLowerCasesAndStripsWhitespace() {
        assertThat(TenantId.parse("  6F1C5A53-3C9B-4C0E-9A55-0D3A0D1C1A11\n").value())
                .isEqualTo("6f1c5a53-3c9b-4c0e-9a55-0d3a0d1c1a11");
    }

    @Test
    void differentCasingsAreTheSameTenant() {
        assertThat(TenantId.parse("6F1C5A53-3C9B-4C0E-9A55-0D3A0D1C1A11"))
                .isEqualTo(TenantId.parse("6f1c5a53-3c9b-4c0e-9a55-0d3a0d1c1a11"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "not-a-guid",
        "6f1c5a53-3c9b-4c0e-9a55-0d3a0d1c1a1",
        "6f1c5a53-3c9b-4c0e-9a55-0d3a0d1c1a111",
        "{6f1c5a53-3c9b-4c0e-9a55-0d3a0d1c1a11}",
        "6f1c5a533c9b4c0e9a550d3a0d1c1a11",
        "../admin/reset",
        "6f1c5a53-3c9b-4c0e-9a55-0d3a0d1c1a11/../../admin/reset",
        "6f1c5a53-3c9b-4c0e-9a55-0d3a0d1c1a11%2F..%2Fadmin",
        "6f1c5a53-3c9b-4c0e-9a55-0d3a0d1c1a11?x=1",
        "6f1c5a53-3c9b-4c0e-9a55-0d3a0d1c1a11@evil.example",
        "g f1c5a53-3c9b-4c0e-9a55-0d3a0d1c1a11",
        "6f1c5a53-3c9b-4c0e-9a55-0d3a0d1c1a１１"
    })
    void anythingButAGuidIsRejected(String raw) {
        assertThatIllegalArgumentException().isThrownBy(() -> TenantId.parse(raw)).withMessageContaining("not a GUID");
        assertThat(TenantId.tryParse(raw)).isEmpty();
    }

    @Test
    void theNilGuidIsNotATenant() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> TenantId.parse("00000000-0000-0000-0000-000000000000"))
                .withMessageContaining("nil GUID");
    }

    @Test
    void aMissingTenantIdSaysSo() {
        assertThatIllegalArgumentException().isThrownBy(() -> TenantId.parse(null)).withMessage("tenant id is missing");
    }

    @Test
    void theErrorShortensLongValuesAndNeutralisesLineBreaks() {
        String hostile = "x\nFAKE LOG LINE" + "a".repeat(500);

        assertThatIllegalArgumentException().isThrownBy(() -> TenantId.parse(hostile))
                .satisfies(e -> {
                    assertThat(e.getMessage()).doesNotContain("\n").contains("x?FAKE LOG LINE").contains("...");
                    assertThat(e.getMessage().length()).isLessThan(200);
                });
    }

    @Test
    void theCanonicalConstructorRefusesANonCanonicalValue() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new TenantId("6F1C5A53-3C9B-4C0E-9A55-0D3A0D1C1A11"));
    }
}
