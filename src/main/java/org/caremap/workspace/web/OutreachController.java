package org.caremap.workspace.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.caremap.access.PatientAccess;
import org.caremap.caseload.Cases;
import org.caremap.program.ProgramId;
import org.caremap.program.Programs;
import org.caremap.referral.NewReferral;
import org.caremap.referral.ReferralSource;
import org.caremap.referral.Referrals;
import org.caremap.referral.Urgency;
import org.caremap.shared.DomainException;
import org.caremap.transition.OutreachRow;
import org.caremap.transition.Transitions;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The outreach list, an intake worklist gathered from three modules: recent discharges and ED visits (from the
 * hospital feeds, {@code transition}) of patients no program has yet ({@code caseload}), each a click away from a
 * referral ({@code referral}).
 */
@Controller
@RequestMapping("/transitions")
class OutreachController {

	private final Transitions transitions;
	private final Cases cases;
	private final Programs programs;
	private final Referrals referrals;
	private final PatientAccess access;

	OutreachController(Transitions transitions, Cases cases, Programs programs, Referrals referrals, PatientAccess access) {
		this.access = access;
		this.transitions = transitions;
		this.cases = cases;
		this.programs = programs;
		this.referrals = referrals;
	}

	@GetMapping("/outreach")
	String outreach(@RequestParam(defaultValue = "30") int days, @RequestParam(required = false) @Nullable Integer minLace,
			@RequestParam(required = false) @Nullable String patientClass, Model model) {
		int span = Math.min(Math.max(days, 1), 90);
		String cls = patientClass == null || patientClass.isBlank() ? null : patientClass;
		if (cls != null && !List.of("I", "E", "O").contains(cls)) throw new DomainException("form.incomplete", "class");
		List<OutreachRow> rows = transitions.outreach(span, minLace, cls, cases::withOpenCase);
		model.addAttribute("rows", rows);
		// a name links to the chart only where the reader may open it (one question for the whole list)
		model.addAttribute("readable", access.readable(rows.stream().map(OutreachRow::patient).distinct().toList()));
		model.addAttribute("days", span);
		model.addAttribute("minLace", minLace);
		model.addAttribute("patientClass", cls);
		model.addAttribute("programs", programs.active());
		return "workspace/outreach";
	}

	@PostMapping("/outreach/{encounter}/refer")
	String refer(@PathVariable UUID encounter, @RequestParam(required = false) @Nullable UUID program,
			RedirectAttributes redirect) {
		try {
			if (program == null) throw new DomainException("form.incomplete", "choose a program");
			OutreachRow row = transitions.outreach(90, null, null, cases::withOpenCase).stream().filter(r -> r.encounter().equals(encounter))
				.findFirst().orElseThrow(() -> new DomainException("adt.outreach-gone", "no longer on the list"));
			String what = "E".equals(row.patientClass()) ? "ED visit at " : "Discharged from ";
			Instant when = row.dischargedAt() != null ? row.dischargedAt() : row.admittedAt();
			referrals.receive(new NewReferral(row.patient(), new ProgramId(program), ReferralSource.OUTREACH, row.facility(), null,
					what + row.facility() + (when == null ? "" : " on " + when.toString().substring(0, 10))
							+ (row.lace() == null ? "" : "; LACE " + row.lace()),
					row.lace() != null && row.lace() >= 10 ? Urgency.URGENT : Urgency.ROUTINE, Instant.now()));
			redirect.addFlashAttribute("flash", "outreach.referred");
		}
		catch (DomainException ex) {
			redirect.addFlashAttribute("flashError", "error." + ex.code());
			redirect.addFlashAttribute("flashArgs", ex.arguments());
		}
		return "redirect:/transitions/outreach";
	}
}
