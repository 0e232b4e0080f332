package org.caremap.access;

import java.util.List;

import org.caremap.shared.WithheldRecord;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import ca.uhn.fhir.model.api.ResourceMetadataKeyEnum;
import ca.uhn.fhir.model.valueset.BundleEntrySearchModeEnum;

/**
 * How Part 2 records look in FHIR, the same for every resource (HL7 DS4P labels in {@code meta.security}): the
 * 42 CFR Part 2 policy ({@code 42CFRPart2}), restricted confidentiality ({@code R}) and the refrain from
 * redisclosure without the patient's consent ({@code NORDSCLCD}). A search says in an outcome entry how many
 * resources it withheld, and carries the notice against redisclosure (42 CFR 2.32) when it shows Part 2 records
 * under a consent; a read of a withheld resource is refused with 403 ({@link WithheldRecord}).
 */
@Component
public class Part2Labels {

	public static final String ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
	public static final String CONFIDENTIALITY = "http://terminology.hl7.org/CodeSystem/v3-Confidentiality";

	private final MessageSource messages;

	Part2Labels(MessageSource messages) {
		this.messages = messages;
	}

	/** Marks a resource as a Part 2 record. */
	public static <R extends Resource> R label(R resource) {
		var meta = resource.getMeta();
		add(meta.getSecurity(), ACT_CODE, "42CFRPart2", "42 CFR Part2");
		add(meta.getSecurity(), CONFIDENTIALITY, "R", "restricted");
		add(meta.getSecurity(), ACT_CODE, "NORDSCLCD", "no redisclosure without consent directive");
		return resource;
	}

	/** Whether a resource carries the Part 2 label (for example on a resource sent to Caremap). */
	public static boolean labelled(Resource resource) {
		return resource.getMeta().getSecurity().stream()
			.anyMatch(c -> ACT_CODE.equals(c.getSystem()) && "42CFRPart2".equals(c.getCode()));
	}

	private static void add(List<Coding> security, String system, String code, String display) {
		boolean present = security.stream().anyMatch(c -> system.equals(c.getSystem()) && code.equals(c.getCode()));
		if (!present) security.add(new Coding(system, code, display));
	}

	/**
	 * The outcome entry a search adds when it withheld Part 2 resources or showed them under a consent (null when it
	 * did neither): how many it withheld, and the notice against redisclosure, in the reader's language.
	 */
	public @Nullable OperationOutcome outcome(int withheld, boolean notice) {
		if (withheld <= 0 && !notice) return null;
		OperationOutcome outcome = new OperationOutcome();
		if (withheld > 0) {
			outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.INFORMATION)
				.setCode(OperationOutcome.IssueType.SUPPRESSED)
				.setDiagnostics(messages.getMessage("part2.fhir.withheld", new Object[] { withheld }, LocaleContextHolder.getLocale()));
		}
		if (notice) {
			outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.INFORMATION)
				.setCode(OperationOutcome.IssueType.INFORMATIONAL)
				.setDiagnostics(messages.getMessage("part2.notice.full", null, LocaleContextHolder.getLocale()));
		}
		ResourceMetadataKeyEnum.ENTRY_SEARCH_MODE.put(outcome, BundleEntrySearchModeEnum.OUTCOME);
		return outcome;
	}

	/** The refusal of a read of a withheld record (403 on FHIR and pages). */
	public static WithheldRecord withheld(String what) {
		return new WithheldRecord(what);
	}
}
