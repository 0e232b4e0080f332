package org.caremap.budget.web;

import java.util.UUID;

import org.caremap.access.AccessPurpose;
import org.caremap.access.PatientAccess;
import org.caremap.budget.Money;
import org.caremap.budget.PatientShare;
import org.caremap.budget.PatientShares;
import org.caremap.chart.ChartActions;
import org.caremap.shared.DomainException;
import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Records the patient's share of an intervention from the care plan, then goes back to the plan. */
@Controller
class SharesController {

	private final PatientShares shares;
	private final PatientAccess access;

	SharesController(PatientShares shares, PatientAccess access) {
		this.shares = shares;
		this.access = access;
	}

	@PostMapping("/patients/{id}/patient-shares")
	String record(@PathVariable UUID id, @RequestParam(required = false) @Nullable UUID intervention,
			@RequestParam(required = false) @Nullable String kind, @RequestParam(required = false) @Nullable String amount,
			@RequestParam(required = false) @Nullable String per, @RequestParam(required = false) @Nullable String note,
			RedirectAttributes redirect) {
		PatientId patient = new PatientId(id);
		// refused before the form is read for whoever may not contribute (the module checks again)
		access.require(patient, AccessPurpose.CONTRIBUTE);
		ChartActions.attempt(redirect, "budget.share.saved", () -> {
			if (intervention == null) throw new DomainException("form.incomplete", "choose the intervention");
			PatientShare.Kind k = parse(PatientShare.Kind.class, kind, "share.kind");
			if (k == null) throw new DomainException("share.kind", "say what the patient pays");
			PatientShare.Per p = k.hasAmount() ? parse(PatientShare.Per.class, per, "share.per") : null;
			Long cents = k.hasAmount() ? Money.parse(amount, "share.amount") : null;
			shares.record(patient, intervention, new PatientShare(k, cents, p, note));
		});
		return "redirect:/patients/" + id + "/care-plan" + (intervention == null ? "" : "#share-" + intervention);
	}

	private static <E extends Enum<E>> @Nullable E parse(Class<E> type, @Nullable String value, String code) {
		if (value == null || value.isBlank()) return null;
		try {
			return Enum.valueOf(type, value.trim());
		}
		catch (IllegalArgumentException ex) {
			throw new DomainException(code, "not a choice", value);
		}
	}
}
