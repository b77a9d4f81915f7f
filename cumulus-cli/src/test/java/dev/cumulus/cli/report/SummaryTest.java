package dev.cumulus.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class SummaryTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void printsCountsAsIntegersAndDollarsAsMoney() throws Exception {
        JsonNode run = JSON.readTree("""
                {"runId": "ab12cd34",
                 "metrics": {"testAccuracy": 0.6100000143051147, "trainLoss": 0.675041},
                 "breakdown": {"loadSeconds": 0.0002885, "wallSeconds": 1.5466},
                 "cost": {"invocations": 2, "coldStarts": 2, "restarts": 0, "billedSeconds": 2.0,
                          "computeUsd": 3.25167E-5, "requestUsd": 4.0E-7, "totalUsd": 3.99E-4}}
                """);
        StringWriter text = new StringWriter();
        Summary.print(run, new PrintWriter(text));
        assertThat(text.toString().lines()).contains(
                "    testAccuracy           0.61",
                "    trainLoss              0.675",
                "    loadSeconds            0.0002885",
                "    wallSeconds            1.547",
                "    invocations            2",
                "    restarts               0",
                "    billedSeconds          2",
                "    computeUsd             $0.0000325",
                "    requestUsd             $0.0000004",
                "    totalUsd               $0.000399");
        assertThat(text.toString()).doesNotContainIgnoringCase("e-").doesNotContainPattern("\\.\\d*0{4,}\\b");
    }

    @Test
    void moneyShowsCentsFromADollarUpAndThreeDigitsBelow() {
        assertThat(Summary.money(0)).isEqualTo("$0.00");
        assertThat(Summary.money(0.5)).isEqualTo("$0.50");
        assertThat(Summary.money(0.123456)).isEqualTo("$0.123");
        assertThat(Summary.money(3.99e-4)).isEqualTo("$0.000399");
        assertThat(Summary.money(12.345678)).isEqualTo("$12.35");
        assertThat(Summary.money(1234)).isEqualTo("$1234.00");
    }
}
