package org.caremap.medication;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The drug classes Caremap recognises by the drug's name (generic names, as RxNorm and pharmacies write them).
 * <ul>
 * <li>The three Pharmacy Quality Alliance adherence classes of the Medicare Part D star measures (statins, RAS
 * antagonists, non-insulin diabetes medications): their proportion of days covered is computed from fills.</li>
 * <li>A small high-risk list, after the ISMP high-alert medications and the Beers/ADE literature on transitions:
 * anticoagulants, insulin, opioids, antiplatelets and digoxin. A drug of these classes that appears new at a
 * reconciliation is flagged. Their fills are also measured (PDC), as case managers follow them closely.</li>
 * </ul>
 * The lists are short on purpose and name the drugs a care-management population takes most; an unknown drug has
 * no class (shown and reconciled, not measured).
 */
public enum DrugClass {
	STATIN(false, List.of("atorvastatin", "simvastatin", "rosuvastatin", "pravastatin", "lovastatin", "pitavastatin",
			"fluvastatin")),
	RAS_ANTAGONIST(false, List.of("lisinopril", "enalapril", "ramipril", "benazepril", "quinapril", "captopril",
			"fosinopril", "perindopril", "trandolapril", "moexipril", "losartan", "valsartan", "irbesartan", "olmesartan",
			"candesartan", "telmisartan", "azilsartan", "eprosartan", "aliskiren")),
	DIABETES(false, List.of("metformin", "glipizide", "glyburide", "glimepiride", "pioglitazone", "rosiglitazone",
			"sitagliptin", "linagliptin", "saxagliptin", "alogliptin", "canagliflozin", "dapagliflozin", "empagliflozin",
			"ertugliflozin", "repaglinide", "nateglinide")),
	ANTICOAGULANT(true, List.of("warfarin", "apixaban", "rivaroxaban", "dabigatran", "edoxaban", "enoxaparin", "heparin")),
	INSULIN(true, List.of("insulin")),
	OPIOID(true, List.of("oxycodone", "hydrocodone", "morphine", "hydromorphone", "fentanyl", "methadone", "tramadol",
			"tapentadol", "oxymorphone", "codeine", "buprenorphine")),
	ANTIPLATELET(true, List.of("clopidogrel", "prasugrel", "ticagrelor", "aspirin", "dipyridamole", "cilostazol")),
	DIGOXIN(true, List.of("digoxin"));

	private final boolean highRisk;
	private final List<String> names;

	DrugClass(boolean highRisk, List<String> names) {
		this.highRisk = highRisk;
		this.names = names;
	}

	/** On the high-risk list: new at a reconciliation, it is flagged. */
	public boolean highRisk() {
		return highRisk;
	}

	/** The class of a drug, by the first known generic name its name contains. */
	public static Optional<DrugClass> of(String drugName) {
		String name = drugName.toLowerCase(Locale.ROOT);
		for (DrugClass c : values()) {
			for (String n : c.names) {
				if (name.contains(n)) return Optional.of(c);
			}
		}
		return Optional.empty();
	}
}
