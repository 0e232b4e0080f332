package org.caremap.transition.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/**
 * What the parser refuses before parsing: a NUL byte, a message over the size limits (each refusal names the limit),
 * and text that cannot frame an ACK; and an ACK never echoes a byte that would end its MLLP frame.
 */
class AdtParserLimitsTest {

	private final AdtParser parser = new AdtParser(new AdtParser.Limits(400, 5, 120, 40));

	private static final String MSH = "MSH|^~\\&|EPIC|RGH|CAREMAP|RCP|20261120103000||ADT^A04|C1|P|2.5.1\r";

	private static String a04(String pid5) {
		return MSH + "EVN|A04|20261120103000\rPID|1||X1^^^RGH^MR||" + pid5 + "||19500517|F\rPV1|1|E\r";
	}

	private AdtParser.Refusal refusal(String text) {
		try {
			parser.parse(text);
		}
		catch (AdtParser.Refusal r) {
			return r;
		}
		throw new AssertionError("not refused: " + text);
	}

	@Test
	void withinTheLimitsTheMessageIsRead() throws Exception {
		assertThat(parser.parse(a04("DOE^JANE")).familyName()).isEqualTo("DOE");
	}

	@Test
	void theBedIsReadInWords() throws Exception {
		String a01 = MSH + "EVN|A04|20261120103000\rPID|1||X1^^^RGH^MR||DOE^JANE||19500517|F\rPV1|1|I|6E^611^1^RGH|E\r";
		assertThat(parser.parse(a01).location()).isEqualTo("Unit 6E, room 611, bed 1 (RGH)");
		assertThat(parser.parse(a04("DOE^JANE")).location()).isNull();
	}

	@Test
	void aNulByteIsRefusedAsContentToFix() {
		AdtParser.Refusal r = refusal(a04("DO\0E^JANE"));
		assertThat(r.code()).isEqualTo("AE");
		assertThat(r.error()).isEqualTo(Acks.Error.DATA_TYPE);
		assertThat(r.getMessage()).contains("NUL");
		assertThat(r.header()).isNotNull();
		assertThat(r.header().controlId()).isEqualTo("C1");
	}

	@Test
	void aFieldOverTheLimitIsRefusedNamingTheFieldAndTheLimit() {
		AdtParser.Refusal r = refusal(a04("D".repeat(41)));
		assertThat(r.code()).isEqualTo("AE");
		assertThat(r.getMessage()).contains("PID-5").contains("41 characters").contains("40").contains("max-field-length");
		assertThat(refusal(a04("DOE~" .repeat(10) + "DOE")).getMessage()).contains("PID-5"); // repetitions count together
	}

	@Test
	void mshFieldsAreNumberedAsHl7Does() {
		String longApp = MSH.replace("|EPIC|", "|" + "E".repeat(41) + "|");
		assertThat(refusal(a04("DOE").replace(MSH, longApp)).getMessage()).contains("MSH-3 ");
	}

	@Test
	void aSegmentOverTheLimitIsRefusedNamingIt() {
		String pid5 = ("D".repeat(30) + "|").repeat(4);
		assertThat(refusal(a04(pid5)).getMessage()).contains("segment 3 (PID)").contains("max-segment-length");
	}

	@Test
	void tooManySegmentsAreRefusedNamingTheLimit() {
		assertThat(refusal(a04("DOE") + "ZZ1|1\rZZ2|2\r").getMessage()).contains("more than 5 segments").contains("max-segments");
	}

	@Test
	void aMessageOverTheSizeLimitIsRefusedFromItsBytes() {
		byte[] raw = (a04("DOE") + "ZPD|" + "x".repeat(30) + "\r").getBytes(StandardCharsets.UTF_8);
		byte[] big = new byte[401];
		System.arraycopy(raw, 0, big, 0, raw.length);
		java.util.Arrays.fill(big, raw.length, big.length, (byte) ' ');
		assertThatThrownBy(() -> parser.parse(big)).isInstanceOfSatisfying(AdtParser.Refusal.class, r -> {
			assertThat(r.code()).isEqualTo("AE");
			assertThat(r.getMessage()).contains("larger than the limit of 400 bytes");
		});
	}

	@Test
	void aFieldSeparatorThatCannotFrameAnAckIsNotHl7() {
		assertThat(AdtParser.header("MSH\u001C^~\\&\u001CEPIC\u001CRGH")).isNull();
		assertThat(AdtParser.header("MSHA^~\\&AEPICARGH")).isNull();
	}

	@Test
	void anAckNeverEchoesControlCharactersOfTheSender() {
		AdtParser.Header h = AdtParser.header("MSH|^~\\&|EP\u001CIC|RGH|CAREMAP|RCP|20261120103000||ADT^A04|C\u000B1\u001C|P|2.5.1");
		String ack = Acks.ack(h, "AE", Acks.Error.DATA_TYPE, "bad \u001C detail");
		assertThat(ack).doesNotContain("\u001C").doesNotContain("\u000B").contains("MSA|AE|C1|bad  detail");
		AdtParser.Header odd = AdtParser.header("MSH|\u001C~\\&|EPIC|RGH|CAREMAP|RCP|20261120103000||ADT^A04|C1|P|2.5.1");
		assertThat(Acks.ack(odd, "AR", Acks.Error.INTERNAL, null)).startsWith("MSH|^~\\&|");
	}

	@Test
	void normalisingStripsOnlyTheEdges() {
		byte[] raw = ("\r\r\n" + a04("DOE") + "   \r\n\r").getBytes(StandardCharsets.UTF_8);
		assertThat(AdtParser.normalise(raw)).isEqualTo(a04("DOE").substring(0, a04("DOE").length() - 1));
	}
}
