package org.caremap.budget.web;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.caremap.access.AccessPurpose;
import org.caremap.budget.Money;
import org.caremap.budget.PatientShare;
import org.caremap.budget.PatientShares;
import org.caremap.chart.ChartHeader;
import org.caremap.chart.ChartPart;
import org.caremap.chart.InterventionNotes;
import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * The patient's share beside each care-plan intervention that arranges a service (owned by a provider, a community
 * organisation or the case manager), with a small form to record it for whoever may contribute to the record; and
 * the same in plain words on the patient's copy (for example: You pay $10 per visit; Free; Unknown - ask your case manager).
 */
@Component
class InterventionShares implements InterventionNotes {

	/** Interventions that arrange a service someone may charge for. */
	private static final Set<String> ARRANGED_BY = Set.of("PROVIDER", "COMMUNITY", "CASE_MANAGER");

	/** What the fragment shows beside one intervention. */
	record Note(UUID patient, UUID intervention, @Nullable PatientShare share, @Nullable String words, boolean mayContribute,
			String amountTyped) {

		public List<PatientShare.Kind> kinds() {
			return List.of(PatientShare.Kind.values());
		}

		public List<PatientShare.Per> pers() {
			return List.of(PatientShare.Per.values());
		}
	}

	private final PatientShares shares;
	private final ShareWords words;

	InterventionShares(PatientShares shares, ShareWords words) {
		this.shares = shares;
		this.words = words;
	}

	@Override
	public Map<UUID, List<ChartPart>> about(ChartHeader header, List<Intervention> interventions) {
		PatientId patient = header.patient();
		boolean contribute = header.may(AccessPurpose.CONTRIBUTE.name());
		Map<UUID, PatientShare> known = shares.of(patient, interventions.stream().map(Intervention::id).toList());
		Locale locale = LocaleContextHolder.getLocale();
		Map<UUID, List<ChartPart>> out = new HashMap<>();
		for (Intervention i : interventions) {
			PatientShare share = known.get(i.id());
			if (share == null && !(contribute && i.active() && ARRANGED_BY.contains(i.owner()))) continue;
			out.put(i.id(), List.of(new ChartPart(20, "budget/parts", "share", new Note(patient.value(), i.id(), share,
					share == null ? null : words.say(share, locale), contribute,
					share == null || share.amountCents() == null ? "" : Money.typed(share.amountCents())))));
		}
		return out;
	}

	@Override
	public Map<UUID, List<String>> forPatient(PatientId patient, List<UUID> interventions, String language, LocalDate today) {
		Locale locale = Locale.forLanguageTag(language);
		Map<UUID, List<String>> out = new HashMap<>();
		shares.of(patient, interventions).forEach((id, share) -> out.put(id, List.of(words.say(share, locale))));
		return out;
	}
}
