package org.caremap.transition.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.caremap.transition.internal.AdtCorpusIT.Framing.BOM_CR;
import static org.caremap.transition.internal.AdtCorpusIT.Framing.CR;
import static org.caremap.transition.internal.AdtCorpusIT.Framing.CRLF;
import static org.caremap.transition.internal.AdtCorpusIT.Framing.LF;
import static org.caremap.transition.internal.AdtCorpusIT.Outcome.APPLIED;
import static org.caremap.transition.internal.AdtCorpusIT.Outcome.APPLY_REFUSED;
import static org.caremap.transition.internal.AdtCorpusIT.Outcome.PARSE_REFUSED;
import static org.caremap.transition.internal.AdtCorpusIT.Outcome.UNMATCHED;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.caremap.organization.Organizations;
import org.caremap.patient.PatientRegistry;
import org.caremap.shared.PatientId;
import org.caremap.support.Actors;
import org.caremap.support.Eventually;
import org.caremap.support.IntegrationTest;
import org.caremap.transition.AdtMessage;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every shared ADT sample, and a set of hand-written variants, sent over the real MLLP socket. The expected values
 * in the table were read from the raw text (fields counted by hand), not copied from Caremap's parser: the ACK code,
 * what Caremap keeps the message as, and the parsed values that matter (first PID-3 identifier and its assigning
 * authority, MSH-9-2, PV1-2, PV1-44, PV1-45, PID-5.1.1). Times are written as the canonical model holds them: the
 * local date-time, then the offset when the message gave one ("Z" for +0000).
 * <p>
 * The samples folder is {@code -Dcaremap.samples}, else {@code $CAREMAP_SAMPLES}, else the copy kept in
 * {@code src/test/resources/hl7v2/adt} (with its licence and source). In the variants {@code {T}} is a token unique to the run
 * (so reruns on the same database do not collide) and {@code {MRN}} the record number of a patient the test
 * registers; the samples are sent byte for byte as shipped.
 */
class AdtCorpusIT extends IntegrationTest {

	// ---------------------------------------------------------------------------------------------------------------
	// The table
	// ---------------------------------------------------------------------------------------------------------------

	/** One sample file each, read by hand. None of these patients exists here: all are kept UNMATCHED, with AA. */
	static final List<Row> SAMPLES = List.of(
		//      file               ACK   kept as    PID-3.1      PID-3.4 HD.1  MSH-9-2 PV1-2  PV1-44                        PV1-45                        PID-5.1.1
		sample("ADT-A01-01.hl7",  "AA", UNMATCHED, "PATID1234",  "test1",  "A01", "P",    "2015-02-08T11:34:19+01:10",  null,                         "EVERYMAN"),
		sample("ADT-A01-02.hl7",  "AA", UNMATCHED, "PATID1234",  "test1",  "A01", "P",    "2015-02-08T11:34:19+01:10",  null,                         "EVERYMAN"),
		sample("ADT-A02-01.hl7",  "AA", UNMATCHED, "PATID1234",  "test1",  "A02", "P",    "2015-02-08T11:34:19+01:10",  null,                         "EVERYMAN"),
		sample("ADT-A02-02.hl7",  "AA", UNMATCHED, "PATID1234",  "test1",  "A02", "P",    "2015-02-08T11:34:19+01:10",  null,                         "EVERYMAN"),
		sample("ADT-A03-01.hl7",  "AA", UNMATCHED, "PATID1234",  "test1",  "A03", "P",    "2015-02-08T11:34:19+01:10",  "2015-02-09T11:34:19+01:10",  "EVERYMAN"),
		sample("ADT-A03-02.hl7",  "AA", UNMATCHED, "PATID1234",  "test1",  "A03", "P",    "2015-02-08T11:34:19+01:10",  "2015-02-09T11:34:19+01:10",  "EVERYMAN"),
		sample("ADT-A04-01.hl7",  "AA", UNMATCHED, "PATID1234",  "test1",  "A04", "P",    "2015-02-08T11:34:19+01:10",  null,                         "EVERYMAN"),
		sample("ADT-A04-02.hl7",  "AA", UNMATCHED, "PATID1234",  "test1",  "A04", "P",    "2015-02-08T11:34:19+01:10",  "2015-02-09T11:34:19+01:10",  "EVERYMAN"),
		sample("ADT-A05-01.hl7",  "AA", UNMATCHED, "PATID1234",  "test1",  "A05", "P",    null,                         null,                         "EVERYMAN"),
		sample("ADT-A05-02.hl7",  "AA", UNMATCHED, "PATID1234",  "test1",  "A05", "P",    "2015-02-08T11:34:19+01:10",  "2015-02-09T11:34:19+01:10",  "EVERYMAN"),
		sample("ADT-A06-01.hl7",  "AA", UNMATCHED, "PATID1234",  "ADT1",   "A06", "I",    "2021-01-15T16:00:10+02:15",  null,                         "EVERYMAN"),
		sample("ADT-A06-02.hl7",  "AA", UNMATCHED, "PATID1234",  "ADT1",   "A06", "I",    "2021-01-15T16:00:10+02:15",  null,                         "EVERYMAN"),
		sample("ADT-A07-01.hl7",  "AA", UNMATCHED, "PATID1234",  "ADT1",   "A07", "O",    "2021-01-15T16:00:10+02:15",  null,                         "EVERYMAN"),
		sample("ADT-A07-02.hl7",  "AA", UNMATCHED, "PATID1234",  "ADT1",   "A07", "O",    "2021-01-15T16:00:10+02:15",  null,                         "EVERYMAN"),
		sample("ADT-A08-01.hl7",  "AA", UNMATCHED, "PATID1234",  "test1",  "A08", "P",    "2015-02-08T11:34:19+01:10",  "2015-02-09T11:34:19+01:10",  "EVERYMAN"),
		sample("ADT-A08-02.hl7",  "AA", UNMATCHED, "PATID1234",  "test1",  "A08", "P",    "2015-02-08T11:34:19+01:10",  null,                         "EVERYMAN"),
		sample("ADT-A09-01.hl7",  "AA", UNMATCHED, "PATID1234",  "ADT1",   "A09", "I",    "2021-01-15T16:00:10+01:10",  null,                         "EVERYMAN"),
		sample("ADT-A09-02.hl7",  "AA", UNMATCHED, "PATID1234",  "ADT1",   "A09", "I",    "2021-01-15T16:00:10+05:30",  null,                         "EVERYMAN"),
		sample("ADT-A10-01.hl7",  "AA", UNMATCHED, "PATID1234",  "ADT1",   "A10", "I",    "2021-01-15T16:00:10+05:30",  null,                         "EVERYMAN"),
		sample("ADT-A10-02.hl7",  "AA", UNMATCHED, "PATID1234",  "ADT1",   "A10", "I",    "2021-01-15T16:00:10+05:30",  null,                         "EVERYMAN"),
		sample("ADT-A11-01.hl7",  "AA", UNMATCHED, "PATID1234",  "test1",  "A11", "P",    "2015-02-08T11:34:19+01:10",  null,                         "EVERYMAN"),
		sample("ADT-A11-02.hl7",  "AA", UNMATCHED, "PATID1234",  "test1",  "A11", "P",    "2015-02-08T11:34:19+01:10",  "2015-02-09T11:34:19+01:10",  "EVERYMAN"),
		sample("ADT-A13-01.hl7",  "AA", UNMATCHED, "PATID1234",  "test1",  "A13", "P",    "2015-02-08T11:34:19+01:10",  null,                         "EVERYMAN"),
		sample("ADT-A13-02.hl7",  "AA", UNMATCHED, "PATID1234",  "test1",  "A13", "P",    "2015-02-08T11:34:19+01:10",  "2015-02-08T11:34:19+01:10",  "EVERYMAN"),
		sample("ADT-A14-01.hl7",  "AA", UNMATCHED, "PATID1234",  "test1",  "A14", "P",    null,                         null,                         "EVERYMAN"),
		sample("ADT-A14-02.hl7",  "AA", UNMATCHED, "PATID1234",  "test1",  "A14", "P",    "2015-02-08T11:34:19+01:10",  "2015-02-09T11:34:19+01:10",  "EVERYMAN"),
		sample("ADT-A15-01.hl7",  "AA", UNMATCHED, "PATID1234",  "test1",  "A15", "P",    null,                         null,                         "EVERYMAN"),
		sample("ADT-A15-02.hl7",  "AA", UNMATCHED, "PATID1234",  "test1",  "A15", "P",    "2015-02-08T11:34:19+01:10",  null,                         "EVERYMAN"),
		sample("ADT-A16-01.hl7",  "AA", UNMATCHED, "PATID1234",  "test1",  "A16", "P",    "2015-02-08T11:34:19+01:10",  null,                         "EVERYMAN"),
		sample("ADT-A16-02.hl7",  "AA", UNMATCHED, "PATID1234",  "test1",  "A16", "P",    "2015-02-08T11:34:19+01:10",  null,                         "EVERYMAN"),
		sample("ADT-A25-01.hl7",  "AA", UNMATCHED, "PATID1234",  "test1",  "A25", "P",    "2015-02-08T11:34:19+01:10",  null,                         "EVERYMAN"),
		sample("ADT-A25-02.hl7",  "AA", UNMATCHED, "PATID1234",  "test1",  "A25", "P",    "2015-02-08T11:34:19+01:10",  "2015-02-09T11:34:19+01:10",  "EVERYMAN"),
		sample("ADT-A26-01.hl7",  "AA", UNMATCHED, "PATID1234",  "test1",  "A26", "P",    null,                         null,                         "EVERYMAN"),
		sample("ADT-A26-02.hl7",  "AA", UNMATCHED, "PATID1234",  "test1",  "A26", "P",    "2015-02-08T11:34:19+01:10",  null,                         "EVERYMAN"),
		sample("ADT-A27-01.hl7",  "AA", UNMATCHED, "PATID1234",  "test1",  "A27", "P",    "2015-02-08T11:34:20+01:10",  null,                         "EVERYMAN"),
		sample("ADT-A27-02.hl7",  "AA", UNMATCHED, "PATID1234",  "test1",  "A27", "P",    "2015-02-08T11:34:19+01:10",  "2015-02-09T11:34:19+01:10",  "EVERYMAN"),
		sample("ADT-A28-01.hl7",  "AA", UNMATCHED, "PATID1234",  "test1",  "A28", "P",    "2015-02-08T11:34:19+01:10",  "2015-02-09T11:34:19+01:10",  "EVERYMAN"),
		sample("ADT-A28-02.hl7",  "AA", UNMATCHED, "PATID1234",  "test1",  "A28", "P",    "2015-02-08T11:34:19+01:10",  null,                         "EVERYMAN"),
		sample("ADT-A29-01.hl7",  "AA", UNMATCHED, "PATID1234",  "test1",  "A29", "P",    "2015-02-08T11:34:19+01:10",  null,                         "EVERYMAN"),
		sample("ADT-A29-02.hl7",  "AA", UNMATCHED, "PATID1234",  "test1",  "A29", "P",    "2015-02-08T11:34:19+01:10",  null,                         "EVERYMAN"),
		sample("ADT-A31-01.hl7",  "AA", UNMATCHED, "PATID1234",  "test1",  "A31", "P",    "2015-02-08T11:34:19+01:10",  "2015-02-09T11:34:19+01:10",  "EVERYMAN"),
		sample("ADT-A31-02.hl7",  "AA", UNMATCHED, "PATID1234",  "test1",  "A31", "P",    "2015-02-08T11:34:19+01:10",  null,                         "EVERYMAN"),
		// A40: no PV1 at all; MRG-1 names a prior record that is not known here either
		sample("ADT-A40-01.hl7",  "AA", UNMATCHED, "12345",      "BCBS",   "A40", null,   null,                         null,                         "Test"),
		sample("ADT-A40-02.hl7",  "AA", UNMATCHED, "12345",      "BCBS",   "A40", null,   null,                         null,                         "Test"),
		sample("ADT-A41-01.hl7",  "AA", UNMATCHED, "PATID1234",  "test1",  "A41", "P",    "2015-02-08T11:34:19+01:10",  "2015-02-09T11:34:19+01:10",  "EVERYMAN"),
		sample("ADT-A41-02.hl7",  "AA", UNMATCHED, "PATID1234",  "test1",  "A41", "P",    "2015-02-08T11:34:19+01:10",  "2015-02-09T11:34:19+01:10",  "EVERYMAN"),
		sample("ADT-A45-01.hl7",  "AA", UNMATCHED, "PATID1234",  "ADT1",   "A45", "O",    "2021-01-15T16:00:10+02:15",  null,                         "EVERYMAN"),
		sample("ADT-A45-02.hl7",  "AA", UNMATCHED, "PATID1234",  "ADT1",   "A45", "O",    "2021-01-15T16:00:10+02:15",  null,                         "EVERYMAN"),
		// A47: PID-3 is MR101^5^M11^GOOD HEALTH HOSPITAL^MR, so the authority is component 4
		sample("ADT-A47-01.hl7",  "AA", UNMATCHED, "MR101",      "GOOD HEALTH HOSPITAL", "A47", null, null,                   null,                         "EVERYMAN"),
		sample("ADT-A47-02.hl7",  "AA", UNMATCHED, "MR101",      "GOOD HEALTH HOSPITAL", "A47", null, null,                   null,                         "EVERYMAN"),
		sample("ADT-A60-01.hl7",  "AA", UNMATCHED, "PATID1234",  "test1",  "A60", "P",    "2015-02-08T11:34:19+01:10",  "2015-02-09T11:34:19+01:10",  "EVERYMAN"),
		sample("ADT-A60-02.hl7",  "AA", UNMATCHED, "PATID1234",  "test1",  "A60", null,   null,                         null,                         "EVERYMAN"),
		// the five below start with a byte-order mark; all 57 files separate segments with LF
		sample("ADT01-23.hl7",    "AA", UNMATCHED, "10006579",   "1",      "A01", "I",    "2005-01-10T04:55:02+07:00",  null,                         "DUCK"),
		sample("ADT01-28.hl7",    "AA", UNMATCHED, "PATID1234",  "ADT1",   "A01", "I",    null,                         null,                         "EVERYMAN"),
		// PID-3 is 123456789^^^^MR: no authority (MR is the type, component 5)
		sample("ADT04-23.hl7",    "AA", UNMATCHED, "123456789",  null,     "A04", "O",    "2001-01-01T00:00:00+07:00",  null,                         "BROS"),
		// no EVN segment; PID-3 is MRN12345^5^M11^^MR^Special Hospital (component 4 empty)
		sample("ADT04-251.hl7",   "AA", UNMATCHED, "MRN12345",   null,     "A04", "E",    "2019-05-04T18:12:05+07:00",  null,                         "Doe"),
		// the same MSH-3/4/10 as ADT04-251 with another payload: a new message (reused control id); PID-3 is
		// 0000000001^^^MR, so "MR" stands where the authority goes and is read as the authority
		sample("ADT04-28.hl7",    "AA", UNMATCHED, "0000000001", "MR",     "A04", "I",    "2018-10-17T22:28:05+07:00",  null,                         "Bixby"));

	/**
	 * Hand-written variants, segments one per line (joined with the row's separator when sent). {T}: a token of this
	 * run; {MRN}: the record number of the patient this test registers. They are sent in this order.
	 */
	static final List<Row> VARIANTS = List.of(
		// PID-3 repeats: the first identifier is unknown here, the second is the known patient's MRN. The first one is
		// what the model lists first; the patient is matched by the second and the admission applied.
		variant("pid3-repeats-second-identifies", "AA", APPLIED,
				"UNKNOWN-{T}", "ELSEWHERE", "A01", "I", "2026-11-20T09:00:00", null, "KNOWN", CR, """
				MSH|^~\\&|CORPUS|CORPUS-FAC|CAREMAP|RCP|20261120093000||ADT^A01^ADT_A01|{T}-01|P|2.5.1
				EVN|A01|20261120093000
				PID|1||UNKNOWN-{T}^^^ELSEWHERE^PI~{MRN}^^^Test Hospital^MR||KNOWN^PAT||19500517|F
				PV1|1|I|4W^401^1^RGH||||||||||||||||V-{T}|||||||||||||||||||||||||20261120090000
				"""),
		// A03 of that (matched) patient with neither PV1-45 nor EVN-2: the discharge applies but has no time.
		// What the code should do, and does (AdtEffects.discharge): AA (the message is stored), then ERROR when
		// applied, with the reason, and the open visit stays as it was.
		variant("a03-matched-without-discharge-time", "AA", APPLY_REFUSED,
				"{MRN}", "Test Hospital", "A03", "I", "2026-11-20T09:00:00", null, "KNOWN", CR, """
				MSH|^~\\&|CORPUS|CORPUS-FAC|CAREMAP|RCP|20261122140000||ADT^A03^ADT_A03|{T}-02|P|2.5.1
				EVN|A03
				PID|1||{MRN}^^^Test Hospital^MR||KNOWN^PAT||19500517|F
				PV1|1|I|4W^401^1^RGH||||||||||||||||V-{T}|||||||||||||||||||||||||20261120090000
				"""),
		// The same discharge with EVN-2: PV1-45 is still missing (so null in the model) and EVN-2 stands in for it
		// when applied: AA, the visit is finished at 2026-11-22 14:00 (checked after the rows).
		variant("a03-matched-discharge-time-from-evn2", "AA", APPLIED,
				"{MRN}", "Test Hospital", "A03", "I", "2026-11-20T09:00:00", null, "KNOWN", CR, """
				MSH|^~\\&|CORPUS|CORPUS-FAC|CAREMAP|RCP|20261122140000||ADT^A03^ADT_A03|{T}-03|P|2.5.1
				EVN|A03|20261122140000
				PID|1||{MRN}^^^Test Hospital^MR||KNOWN^PAT||19500517|F
				PV1|1|I|4W^401^1^RGH||||||||||||||||V-{T}|||||||||||||||||||||||||20261120090000
				"""),
		// An unknown patient's A03 without any discharge time: there is nothing to apply it to, so it is kept
		// UNMATCHED (for a person to resolve) and acknowledged AA; the missing time only matters once applied.
		variant("a03-unmatched-without-discharge-time", "AA", UNMATCHED,
				"NOBODY-{T}", "ELSEWHERE", "A03", "I", "2026-11-20T09:00:00", null, "NOBODY", CR, """
				MSH|^~\\&|CORPUS|CORPUS-FAC|CAREMAP|RCP|20261122140000||ADT^A03^ADT_A03|{T}-04|P|2.5.1
				EVN|A03
				PID|1||NOBODY-{T}^^^ELSEWHERE^MR||NOBODY^NEMO||19400101|M
				PV1|1|I|4W^402^1^RGH||||||||||||||||W-{T}|||||||||||||||||||||||||20261120090000
				"""),
		// A Z-segment after PV1 (and a standard DG1 after it): ignored; PV1-44 carries a negative offset.
		variant("z-segment-after-pv1", "AA", UNMATCHED,
				"ZSEG-{T}", "CORPUS", "A01", "E", "2026-11-19T23:00:00-05:00", null, "ZEDD", CR, """
				MSH|^~\\&|CORPUS|CORPUS-FAC|CAREMAP|RCP|20261120103000||ADT^A01^ADT_A01|{T}-05|P|2.5.1
				EVN|A01|20261120103000
				PID|1||ZSEG-{T}^^^CORPUS^MR||ZEDD^ZOE||19700707|F
				PV1|1|E|ED^1^1^RGH||||||||||||||||Z-{T}|||||||||||||||||||||||||20261119230000-0500
				ZPD|1|CUSTOM^VALUE|{T}
				DG1|1||I10^Essential hypertension^I10
				"""),
		// A Z-segment between EVN and PID; PV1-44 to the minute only.
		variant("z-segment-before-pid", "AA", UNMATCHED,
				"ZPID-{T}", "CORPUS", "A04", "O", "2026-11-20T10:15:00", null, "ZEDD", CR, """
				MSH|^~\\&|CORPUS|CORPUS-FAC|CAREMAP|RCP|20261120103000||ADT^A04^ADT_A01|{T}-06|P|2.5.1
				EVN|A04|20261120103000
				ZEV|1|{T}
				PID|1||ZPID-{T}^^^CORPUS^MR||ZEDD^ZACK||19700708|M
				PV1|1|O|CLINIC^1^1^RGH|||||||||||||||||||||||||||||||||||||||||202611201015
				"""),
		// Escapes in the name: \T\ is the sub-component separator '&', \S\ the component separator '^'.
		variant("escape-t-and-s-in-name", "AA", UNMATCHED,
				"ESC1-{T}", "CORPUS", "A04", "O", "2026-11-20T10:15:00", null, "O&BRIEN", CR, """
				MSH|^~\\&|CORPUS|CORPUS-FAC|CAREMAP|RCP|20261120103000||ADT^A04^ADT_A01|{T}-07|P|2.5.1
				EVN|A04|20261120103000
				PID|1||ESC1-{T}^^^CORPUS^MR||O\\T\\BRIEN^MARY\\S\\ANN||19600101|F
				PV1|1|O|CLINIC^2^1^RGH|||||||||||||||||||||||||||||||||||||||||20261120101500
				"""),
		// Escapes: \F\ is the field separator '|' (in the name), \E\ the escape character itself (in the identifier).
		variant("escape-f-and-e", "AA", UNMATCHED,
				"ESC2\\{T}", "CORPUS", "A04", "O", "2026-11-20T10:15:00", null, "SMITH|JONES", CR, """
				MSH|^~\\&|CORPUS|CORPUS-FAC|CAREMAP|RCP|20261120103000||ADT^A04^ADT_A01|{T}-08|P|2.5.1
				EVN|A04|20261120103000
				PID|1||ESC2\\E\\{T}^^^CORPUS^MR||SMITH\\F\\JONES^JO||19600101|F
				PV1|1|O|CLINIC^2^1^RGH|||||||||||||||||||||||||||||||||||||||||20261120101500
				"""),
		// 2.7 with the fifth encoding character (truncation '#', MSH-2 = ^~\&#); PV1-44 with fractional seconds.
		variant("truncation-character-v2.7", "AA", UNMATCHED,
				"TRUNC7-{T}", "CORPUS", "A04", "E", "2026-11-20T10:15:00+01:00", null, "HASH", CR, """
				MSH|^~\\&#|CORPUS|CORPUS-FAC|CAREMAP|RCP|20261120103000+0100||ADT^A04^ADT_A01|{T}-09|P|2.7
				EVN|A04|20261120103000+0100
				PID|1||TRUNC7-{T}^^^CORPUS^MR||HASH^HARRY||19800101|M
				PV1|1|E|ED^2^1^RGH|||||||||||||||||||||||||||||||||||||||||20261120101500.25+0100
				"""),
		// Another component separator: MSH-2 = @~\& (so ADT@A01 and AT-x@@@AT-AUTH@MR).
		variant("component-separator-at", "AA", UNMATCHED,
				"AT-{T}", "AT-AUTH", "A01", "I", "2026-11-20T09:30:00", null, "ATSIGN", CR, """
				MSH|@~\\&|CORPUS|CORPUS-FAC|CAREMAP|RCP|20261120103000||ADT@A01@ADT_A01|{T}-10|P|2.5.1
				EVN|A01|20261120103000
				PID|1||AT-{T}@@@AT-AUTH@MR||ATSIGN@ANNA||19600101|F
				PV1|1|I|4W@403@1@RGH|||||||||||||||||||||||||||||||||||||||||202611200930
				"""),
		// Another field separator: MSH*^~\&*.
		variant("field-separator-star", "AA", UNMATCHED,
				"STAR-{T}", "CORPUS", "A01", "I", "2026-11-20T09:30:00", null, "STARR", CR, """
				MSH*^~\\&*CORPUS*CORPUS-FAC*CAREMAP*RCP*20261120103000**ADT^A01^ADT_A01*{T}-11*P*2.5.1
				EVN*A01*20261120103000
				PID*1**STAR-{T}^^^CORPUS^MR**STARR^SAM**19600101*M
				PV1*1*I*4W^404^1^RGH*****************************************20261120093000
				"""),
		// Segments separated by LF only.
		variant("lf-separators", "AA", UNMATCHED,
				"LF-{T}", "CORPUS", "A01", "I", "2026-11-20T09:00:00", null, "LINEFEED", LF, """
				MSH|^~\\&|CORPUS|CORPUS-FAC|CAREMAP|RCP|20261120103000||ADT^A01^ADT_A01|{T}-12|P|2.5.1
				EVN|A01|20261120103000
				PID|1||LF-{T}^^^CORPUS^MR||LINEFEED^LEO||19600101|M
				PV1|1|I|4W^405^1^RGH|||||||||||||||||||||||||||||||||||||||||20261120090000
				"""),
		// Segments separated by CRLF.
		variant("crlf-separators", "AA", UNMATCHED,
				"CRLF-{T}", "CORPUS", "A01", "I", "2026-11-20T09:00:00", null, "CARRIAGE", CRLF, """
				MSH|^~\\&|CORPUS|CORPUS-FAC|CAREMAP|RCP|20261120103000||ADT^A01^ADT_A01|{T}-13|P|2.5.1
				EVN|A01|20261120103000
				PID|1||CRLF-{T}^^^CORPUS^MR||CARRIAGE^CARL||19600101|M
				PV1|1|I|4W^405^1^RGH|||||||||||||||||||||||||||||||||||||||||20261120090000
				"""),
		// A UTF-8 byte-order mark before MSH (segments separated by CR).
		variant("byte-order-mark", "AA", UNMATCHED,
				"BOM-{T}", "CORPUS", "A01", "I", "2026-11-20T09:00:00", null, "MARKER", BOM_CR, """
				MSH|^~\\&|CORPUS|CORPUS-FAC|CAREMAP|RCP|20261120103000||ADT^A01^ADT_A01|{T}-14|P|2.5.1
				EVN|A01|20261120103000
				PID|1||BOM-{T}^^^CORPUS^MR||MARKER^MAY||19600101|F
				PV1|1|I|4W^405^1^RGH|||||||||||||||||||||||||||||||||||||||||20261120090000
				"""),
		// MSH-12 with its other components (VID: 2.5.1^USA): still version 2.5.1.
		variant("version-with-components", "AA", UNMATCHED,
				"VID-{T}", "CORPUS", "A01", "I", "2026-11-20T09:00:00", null, "VERSION", CR, """
				MSH|^~\\&|CORPUS|CORPUS-FAC|CAREMAP|RCP|20261120103000||ADT^A01^ADT_A01|{T}-15|P|2.5.1^USA
				EVN|A01|20261120103000
				PID|1||VID-{T}^^^CORPUS^MR||VERSION^VERA||19600101|F
				PV1|1|I|4W^405^1^RGH|||||||||||||||||||||||||||||||||||||||||20261120090000
				"""),
		// The first PID-3 repetition is empty: the first identifier is the second repetition.
		variant("pid3-first-repetition-empty", "AA", UNMATCHED,
				"SECOND-{T}", "CORPUS", "A01", "I", "2026-11-20T09:00:00", null, "EMPTY", CR, """
				MSH|^~\\&|CORPUS|CORPUS-FAC|CAREMAP|RCP|20261120103000||ADT^A01^ADT_A01|{T}-16|P|2.5.1
				EVN|A01|20261120103000
				PID|1||~SECOND-{T}^^^CORPUS^MR||EMPTY^EMMA||19600101|F
				PV1|1|I|4W^405^1^RGH|||||||||||||||||||||||||||||||||||||||||20261120090000
				"""),
		// Times at lower precision: PV1-44 to the minute, PV1-45 a day only (the rest is the start of that day).
		variant("times-at-lower-precision", "AA", UNMATCHED,
				"PREC-{T}", "CORPUS", "A03", "I", "2026-11-20T09:30:00", "2026-11-21T00:00:00", "PRECISE", CR, """
				MSH|^~\\&|CORPUS|CORPUS-FAC|CAREMAP|RCP|20261122140000||ADT^A03^ADT_A03|{T}-17|P|2.5.1
				EVN|A03|20261122140000
				PID|1||PREC-{T}^^^CORPUS^MR||PRECISE^PIA||19600101|F
				PV1|1|I|4W^406^1^RGH|||||||||||||||||||||||||||||||||||||||||202611200930|20261121
				"""),
		// PV1-44 written ISO-style (2026-11-20T09:00:00) is not an HL7 DTM: a data type error, AE (102).
		variant("admit-time-not-a-dtm", "AE", PARSE_REFUSED,
				null, null, null, null, null, null, null, CR, """
				MSH|^~\\&|CORPUS|CORPUS-FAC|CAREMAP|RCP|20261120103000||ADT^A01^ADT_A01|{T}-18|P|2.5.1
				EVN|A01|20261120103000
				PID|1||ISO-{T}^^^CORPUS^MR||ISOTIME^IDA||19600101|F
				PV1|1|I|4W^407^1^RGH|||||||||||||||||||||||||||||||||||||||||2026-11-20T09:00:00
				"""),
		// PV1-44 with a two-digit offset (+01): DTM offsets are +/-ZZZZ, so this is a data type error too, AE (102),
		// rather than a time read as local to the feed.
		variant("admit-time-offset-hours-only", "AE", PARSE_REFUSED,
				null, null, null, null, null, null, null, CR, """
				MSH|^~\\&|CORPUS|CORPUS-FAC|CAREMAP|RCP|20261120103000||ADT^A01^ADT_A01|{T}-19|P|2.5.1
				EVN|A01|20261120103000
				PID|1||OFF-{T}^^^CORPUS^MR||OFFSET^OLGA||19600101|F
				PV1|1|I|4W^408^1^RGH|||||||||||||||||||||||||||||||||||||||||20261120090000+01
				"""),
		// Truncated in the middle of PID (inside PID-5): the A01 lacks its required PV1, the only visible sign of the
		// cut. AA would make the sender drop a message that never fully arrived, so: AE (required segment missing).
		variant("truncated-inside-pid5", "AE", PARSE_REFUSED,
				null, null, null, null, null, null, null, CR, """
				MSH|^~\\&|CORPUS|CORPUS-FAC|CAREMAP|RCP|20261120103000||ADT^A01^ADT_A01|{T}-20|P|2.5.1
				EVN|A01|20261120103000
				PID|1||CUT-{T}^^^CORPUS^MR||TRUNC
				"""),
		// Truncated in the middle of PID before PID-3: no patient identifier, AE (101).
		variant("truncated-before-pid3", "AE", PARSE_REFUSED,
				null, null, null, null, null, null, null, CR, """
				MSH|^~\\&|CORPUS|CORPUS-FAC|CAREMAP|RCP|20261120103000||ADT^A01^ADT_A01|{T}-21|P|2.5.1
				EVN|A01|20261120103000
				PID|1|
				"""),
		// Not HL7 at all (an HTTP request on the MLLP port): AR, with an ACK that has no control id to echo.
		variant("not-hl7-http-request", "AR", PARSE_REFUSED,
				null, null, null, null, null, null, null, CRLF, """
				GET /{T} HTTP/1.1
				Host: caremap
				"""),
		// HL7 but not ADT (ORU^R01): AR.
		variant("oru-r01-not-adt", "AR", PARSE_REFUSED,
				null, null, null, null, null, null, null, CR, """
				MSH|^~\\&|CORPUS|CORPUS-FAC|CAREMAP|RCP|20261120103000||ORU^R01^ORU_R01|{T}-22|P|2.5.1
				PID|1||ORU-{T}^^^CORPUS^MR||RESULT^RITA||19600101|F
				OBR|1|||8867-4^Heart rate^LN
				OBX|1|NM|8867-4^Heart rate^LN||72|/min
				"""),
		// An unsupported version, older than 2.3: AR.
		variant("version-2.2", "AR", PARSE_REFUSED,
				null, null, null, null, null, null, null, CR, """
				MSH|^~\\&|CORPUS|CORPUS-FAC|CAREMAP|RCP|20261120103000||ADT^A01|{T}-23|P|2.2
				EVN|A01|20261120103000
				PID|1||V22-{T}^^^CORPUS^MR||OLDER^OTTO||19600101|M
				PV1|1|I|4W^405^1^RGH|||||||||||||||||||||||||||||||||||||||||20261120090000
				"""),
		// An unsupported version, not v2 at all: AR.
		variant("version-3.0", "AR", PARSE_REFUSED,
				null, null, null, null, null, null, null, CR, """
				MSH|^~\\&|CORPUS|CORPUS-FAC|CAREMAP|RCP|20261120103000||ADT^A01^ADT_A01|{T}-24|P|3.0
				EVN|A01|20261120103000
				PID|1||V30-{T}^^^CORPUS^MR||NEWER^NINA||19600101|F
				PV1|1|I|4W^405^1^RGH|||||||||||||||||||||||||||||||||||||||||20261120090000
				"""),
		// MSH-10 empty: AE (101), and the ACK has no control id to echo.
		variant("empty-msh-10", "AE", PARSE_REFUSED,
				null, null, null, null, null, null, null, CR, """
				MSH|^~\\&|CORPUS|CORPUS-FAC|CAREMAP|RCP|20261120103000||ADT^A01^ADT_A01||P|2.5.1
				EVN|A01|20261120103000
				PID|1||NOCTL-{T}^^^CORPUS^MR||NOCONTROL^NED||19600101|M
				PV1|1|I|4W^405^1^RGH|||||||||||||||||||||||||||||||||||||||||20261120090000
				"""),
		// An A40 merge without MRG (no prior identifier), for the known patient: AE (101), nothing merged.
		variant("a40-without-mrg", "AE", PARSE_REFUSED,
				null, null, null, null, null, null, null, CR, """
				MSH|^~\\&|CORPUS|CORPUS-FAC|CAREMAP|RCP|20261120103000||ADT^A40^ADT_A39|{T}-25|P|2.5.1
				EVN|A40|20261120103000
				PID|1||{MRN}^^^Test Hospital^MR||KNOWN^PAT||19500517|F
				"""));

	/** What Caremap keeps a message as: adt_message.status, and for a refusal, who refused it. */
	enum Outcome {
		APPLIED("APPLIED"), UNMATCHED("UNMATCHED"), STORED("STORED"),
		/** refused by the parser: nothing read, kept REJECTED. */
		PARSE_REFUSED("REJECTED"),
		/** read (the values are checked), acknowledged, but refused when applied: rolled back, kept as ERROR. */
		APPLY_REFUSED("ERROR");

		final String status;

		Outcome(String status) {
			this.status = status;
		}
	}

	/** How a variant's lines are joined. */
	enum Framing {
		CR("\r", false), LF("\n", false), CRLF("\r\n", false), BOM_CR("\r", true);

		final String separator;
		final boolean bom;

		Framing(String separator, boolean bom) {
			this.separator = separator;
			this.bom = bom;
		}
	}

	/** The values the parser must give (null: the message has none, or nothing is read when refused). */
	record Parsed(@Nullable String identifier, @Nullable String authority, @Nullable String event,
			@Nullable String patientClass, @Nullable String admitTime, @Nullable String dischargeTime,
			@Nullable String familyName) {
	}

	/** One row: a sample file (message null) or a variant (its lines). */
	record Row(String name, String ack, Outcome outcome, Parsed expected, @Nullable Framing framing,
			@Nullable String message) {
		boolean isSample() {
			return message == null;
		}
	}

	static Row sample(String file, String ack, Outcome outcome, @Nullable String identifier, @Nullable String authority,
			@Nullable String event, @Nullable String patientClass, @Nullable String admit, @Nullable String discharge,
			@Nullable String family) {
		return new Row(file, ack, outcome, new Parsed(identifier, authority, event, patientClass, admit, discharge, family),
				null, null);
	}

	static Row variant(String name, String ack, Outcome outcome, @Nullable String identifier, @Nullable String authority,
			@Nullable String event, @Nullable String patientClass, @Nullable String admit, @Nullable String discharge,
			@Nullable String family, Framing framing, String lines) {
		return new Row(name, ack, outcome, new Parsed(identifier, authority, event, patientClass, admit, discharge, family),
				framing, lines);
	}

	// ---------------------------------------------------------------------------------------------------------------
	// The test
	// ---------------------------------------------------------------------------------------------------------------

	@Autowired MllpListener listener;
	@Autowired PatientRegistry patients;
	@Autowired Organizations organizations;
	@Autowired AdtEffects effects;
	@Autowired JdbcClient jdbc;

	private final String token = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
	private final Map<String, Integer> acks = new TreeMap<>();
	private final List<String> wrong = new ArrayList<>();
	private String mrn = "";
	private @Nullable PatientId known;

	static Path samplesFolder() {
		String folder = System.getProperty("caremap.samples");
		if (folder == null || folder.isBlank()) folder = System.getenv("CAREMAP_SAMPLES");
		if (folder == null || folder.isBlank()) folder = "src/test/resources/hl7v2/adt";
		return Path.of(folder).toAbsolutePath().normalize();
	}

	@TestFactory
	Stream<DynamicTest> everySampleAndVariantOverMllp() {
		known = Actors.newPatient(patients, organizations.primary().orElseThrow().id(), "Corpus");
		mrn = jdbc.sql("select value from patient_identifier where patient_id = ? and type = 'MR'").param(known.value())
			.query(String.class).single();
		List<Row> rows = new ArrayList<>(SAMPLES);
		rows.addAll(VARIANTS);
		return Stream.of(
				Stream.of(DynamicTest.dynamicTest("every sample file has a row, and every sample row a file", this::tableCoversFolder)),
				rows.stream().map(row -> DynamicTest.dynamicTest(row.name(), () -> check(row))),
				Stream.of(DynamicTest.dynamicTest("the known patient's visit: admitted, kept through the refused discharge, finished by EVN-2",
						this::knownPatientsVisit), DynamicTest.dynamicTest("summary", () -> summary(rows.size()))))
			.flatMap(s -> s);
	}

	private void tableCoversFolder() throws IOException {
		Path folder = samplesFolder();
		assertThat(folder).as("the samples folder (-Dcaremap.samples, $CAREMAP_SAMPLES or src/test/resources/hl7v2/adt)")
			.isDirectory();
		Set<String> files;
		try (Stream<Path> list = Files.list(folder)) {
			files = list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".hl7")).collect(Collectors.toCollection(TreeSet::new));
		}
		Set<String> table = SAMPLES.stream().map(Row::name).collect(Collectors.toCollection(TreeSet::new));
		assertThat(table).as("sample rows in the table").hasSize(SAMPLES.size());
		assertThat(files).as("files in " + folder + " without a row in the table").isSubsetOf(table);
		assertThat(table).as("rows in the table without a file in " + folder).isSubsetOf(files);
	}

	private String resolve(@Nullable String text) {
		return text == null ? null : text.replace("{T}", token).replace("{MRN}", mrn);
	}

	private byte[] bytes(Row row) throws IOException {
		if (row.isSample()) return Files.readAllBytes(samplesFolder().resolve(row.name()));
		Framing framing = java.util.Objects.requireNonNull(row.framing());
		String lines = resolve(row.message());
		if (lines.endsWith("\n")) lines = lines.substring(0, lines.length() - 1);
		String text = (framing.bom ? "\uFEFF" : "") + lines.replace("\n", framing.separator);
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private void check(Row row) throws Exception {
		byte[] raw = bytes(row);
		String text = AdtParser.normalise(raw);
		String sha = sha256(text);
		String control = mshField(text, 10);
		boolean refused = !"AA".equals(row.ack());
		String encountersBefore = encounters();

		String ack = send(raw);
		char f = ack.length() > 3 ? ack.charAt(3) : '|';
		String[] msa = segment(ack, "MSA").split(java.util.regex.Pattern.quote(String.valueOf(f)), -1);
		String code = msa.length > 1 ? msa[1] : "";
		acks.merge(code, 1, Integer::sum);
		if (!code.equals(row.ack())) wrong.add(row.name() + ": " + code + " instead of " + row.ack());
		assertThat(code).as(row.name() + ": MSA-1 of\n" + ack.replace('\r', '\n')).isEqualTo(row.ack());
		assertThat(msa.length > 2 ? msa[2] : "").as(row.name() + ": MSA-2 echoes MSH-10").isEqualTo(control);
		assertThat(segment(ack, "ERR").isEmpty()).as(row.name() + ": the ACK has an ERR segment exactly when refused")
			.isEqualTo(!refused);

		// the values read, straight from the parser
		Parsed expected = new Parsed(resolve(row.expected().identifier()), resolve(row.expected().authority()),
				row.expected().event(), row.expected().patientClass(), row.expected().admitTime(),
				row.expected().dischargeTime(), row.expected().familyName());
		if (row.outcome() == PARSE_REFUSED) {
			String refusal;
			try {
				refusal = "read as " + parsed(new AdtParser().parse(text));
			}
			catch (AdtParser.Refusal r) {
				refusal = r.code();
			}
			assertThat(refusal).as(row.name() + ": the parser refuses it with").isEqualTo(row.ack());
		}
		else {
			assertThat(parsed(new AdtParser().parse(text))).as(row.name() + ": parsed values").isEqualTo(expected);
		}

		// acknowledged messages are applied a moment later: wait for that before looking at what they did
		Eventually.value(row.name() + ": applied", () -> jdbc.sql("select count(*) from adt_message where payload_sha256 = ? and status = 'RECEIVED'")
			.param(sha).query(Long.class).single(), n -> n == 0);
		// what was kept: the payload as received (normalised), with its status; a refusal keeps its reason
		var kept = jdbc.sql("""
				select status, ack_code, coalesce(error, ''), payload, control_id from adt_message where payload_sha256 = ?""")
			.param(sha)
			.query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)))
			.list();
		assertThat(kept).as(row.name() + ": kept once").hasSize(1);
		assertThat(kept.get(0).get(4)).as(row.name() + ": adt_message.control_id").isEqualTo(control);
		assertThat(kept.get(0).get(0)).as(row.name() + ": adt_message.status").isEqualTo(row.outcome().status);
		assertThat(kept.get(0).get(3)).as(row.name() + ": the payload is kept").isEqualTo(text);
		if (refused || row.outcome() == APPLY_REFUSED) {
			assertThat(kept.get(0).get(1)).as(row.name() + ": adt_message.ack_code").isEqualTo(row.ack());
			assertThat(kept.get(0).get(2)).as(row.name() + ": the reason is kept").isNotBlank();
			// nothing half-applied stays: no encounter was created or changed
			assertThat(encounters()).as(row.name() + ": the encounter table after the refusal").isEqualTo(encountersBefore);
		}
		if (row.outcome() == APPLIED) {
			assertThat(jdbc.sql("select patient_id from adt_message where payload_sha256 = ?").param(sha).query(UUID.class)
				.single()).as(row.name() + ": applied to the known patient").isEqualTo(java.util.Objects.requireNonNull(known).value());
		}
	}

	private void knownPatientsVisit() {
		var visit = jdbc.sql("""
				select status, admitted_at, discharged_at from encounter where patient_id = ? and visit_number = ?""")
			.params(java.util.Objects.requireNonNull(known).value(), "V-" + token)
			.query((rs, n) -> List.of(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getTimestamp(3).toInstant())).single();
		var zone = effects.feedZone();
		assertThat(visit.get(0)).isEqualTo("FINISHED");
		assertThat(visit.get(1)).isEqualTo(LocalDateTime.of(2026, 11, 20, 9, 0).atZone(zone).toInstant());
		assertThat(visit.get(2)).isEqualTo(LocalDateTime.of(2026, 11, 22, 14, 0).atZone(zone).toInstant());
		assertThat(jdbc.sql("select count(*) from encounter where visit_number = ?").param("V-" + token).query(Long.class)
			.single()).isEqualTo(1);
	}

	private void summary(int rows) {
		long expectedAa = Stream.concat(SAMPLES.stream(), VARIANTS.stream()).filter(r -> r.ack().equals("AA")).count();
		long expectedAe = Stream.concat(SAMPLES.stream(), VARIANTS.stream()).filter(r -> r.ack().equals("AE")).count();
		long expectedAr = Stream.concat(SAMPLES.stream(), VARIANTS.stream()).filter(r -> r.ack().equals("AR")).count();
		System.out.printf("%nAdtCorpusIT: %d rows (%d sample files from %s, %d variants), run token %s%n", rows,
				SAMPLES.size(), samplesFolder(), VARIANTS.size(), token);
		System.out.printf("  expected  AA %d, AE %d, AR %d%n", expectedAa, expectedAe, expectedAr);
		System.out.printf("  received  AA %d, AE %d, AR %d%s%n", acks.getOrDefault("AA", 0), acks.getOrDefault("AE", 0),
				acks.getOrDefault("AR", 0), acks.keySet().stream().anyMatch(k -> !Set.of("AA", "AE", "AR").contains(k))
						? ", other " + acks : "");
		wrong.forEach(w -> System.out.println("  ACK differs: " + w));
	}

	// ---------------------------------------------------------------------------------------------------------------
	// Helpers
	// ---------------------------------------------------------------------------------------------------------------

	private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

	private static Parsed parsed(AdtMessage m) {
		AdtMessage.Identifier first = m.identifiers().isEmpty() ? null : m.identifiers().get(0);
		return new Parsed(first == null ? null : first.value(), first == null ? null : first.authority(), m.event(),
				m.patientClass(), time(m.admitTime()), time(m.dischargeTime()), m.familyName());
	}

	private static @Nullable String time(AdtMessage.@Nullable Time t) {
		return t == null ? null : t.local().format(LOCAL) + (t.offset() == null ? "" : t.offset().getId());
	}

	/** MSH-n read by the message's own field separator (an own reading, not Caremap's), "" when there is none. */
	private static String mshField(String text, int n) {
		if (!text.startsWith("MSH") || text.length() < 4) return "";
		int end = text.indexOf('\r');
		String[] fields = (end < 0 ? text : text.substring(0, end)).split(java.util.regex.Pattern.quote(text.substring(3, 4)), -1);
		return n - 1 < fields.length ? fields[n - 1] : "";
	}

	private static String segment(String ack, String name) {
		for (String s : ack.split("\r")) {
			if (s.startsWith(name)) return s;
		}
		return "";
	}

	/** Count and content of the whole encounter table, to see that a refused message changed nothing. */
	private String encounters() {
		return jdbc.sql("select count(*) || ':' || coalesce(md5(string_agg(e::text, ',' order by e.id)), '') from encounter e")
			.query(String.class).single();
	}

	private static String sha256(String text) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
	}

	/** Sends one MLLP frame and returns the ACK text. */
	private String send(byte[] message) throws Exception {
		try (Socket socket = new Socket("localhost", listener.port())) {
			socket.setSoTimeout(20_000);
			OutputStream out = socket.getOutputStream();
			out.write(0x0B);
			out.write(message);
			out.write(0x1C);
			out.write(0x0D);
			out.flush();
			InputStream in = socket.getInputStream();
			assertThat(in.read()).isEqualTo(0x0B);
			ByteArrayOutputStream ack = new ByteArrayOutputStream();
			int b;
			while ((b = in.read()) != 0x1C) {
				assertThat(b).as("the ACK frame ends").isNotNegative();
				ack.write(b);
			}
			assertThat(in.read()).isEqualTo(0x0D);
			return ack.toString(StandardCharsets.UTF_8);
		}
	}
}
