package org.caremap.community.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.caremap.community.Eligibility;
import org.caremap.community.Need;

/**
 * How an imported service's taxonomy terms and words become the need codes the search filters on, and its
 * eligibility groups. The same table is in the README, section Community resources: directory and search.
 * <ol>
 * <li>211 / AIRS taxonomy codes, by prefix (the longest matching prefix wins): BD food; BH-1800 emergency shelter
 * (homelessness); BH-3000 home repair and accessibility (inadequate housing); BH other housing (housing
 * instability); BT transportation; BV utilities; BM material goods and NL/NS/NT public and temporary financial
 * assistance (financial strain); FN-1500 and PH-1300 domestic violence (interpersonal safety); F other legal and
 * criminal justice (legal); ND employment; H education; PH-1250 child care; RP/RF mental health; RX substance use;
 * L health care (access to health care); PN-8100 caregiver support.</li>
 * <li>Words of the terms' names (Open Eligibility and local taxonomies): see {@link #WORDS}.</li>
 * <li>Only when no term maps to a need: the same words in the service's name and description.</li>
 * </ol>
 * Eligibility groups come from terms and attributes naming a group (see {@link #GROUP_WORDS}) and from the
 * eligibility description.
 */
final class NeedMapping {

	static final Map<String, Need> AIRS = new LinkedHashMap<>();
	static {
		AIRS.put("BD", Need.FOOD_INSECURITY);
		AIRS.put("BH-1800", Need.HOMELESSNESS);
		AIRS.put("BH-3000", Need.HOUSING_QUALITY);
		AIRS.put("BH", Need.HOUSING_INSTABILITY);
		AIRS.put("BT", Need.TRANSPORTATION);
		AIRS.put("BV", Need.UTILITIES);
		AIRS.put("BM", Need.FINANCIAL_STRAIN);
		AIRS.put("NL", Need.FINANCIAL_STRAIN);
		AIRS.put("NS", Need.FINANCIAL_STRAIN);
		AIRS.put("NT", Need.FINANCIAL_STRAIN);
		AIRS.put("FN-1500", Need.INTERPERSONAL_SAFETY);
		AIRS.put("PH-1300", Need.INTERPERSONAL_SAFETY);
		AIRS.put("F", Need.LEGAL);
		AIRS.put("ND", Need.EMPLOYMENT);
		AIRS.put("H", Need.EDUCATION);
		AIRS.put("PH-1250", Need.CHILD_CARE);
		AIRS.put("RP", Need.MENTAL_HEALTH);
		AIRS.put("RF", Need.MENTAL_HEALTH);
		AIRS.put("RX", Need.SUBSTANCE_USE);
		AIRS.put("L", Need.HEALTH_CARE_ACCESS);
		AIRS.put("PN-8100", Need.CAREGIVER_SUPPORT);
	}

	/** Words (lower case, matched at a word's start) that name a need. */
	static final Map<String, Need> WORDS = new LinkedHashMap<>();
	static {
		for (String w : List.of("food", "meal", "lunch", "breakfast", "dinner", "pantry", "pantries", "groceries", "grocery", "nutrition", "snap", "wic", "soup kitchen"))
			WORDS.put(w, Need.FOOD_INSECURITY);
		for (String w : List.of("shelter", "homeless", "street outreach")) WORDS.put(w, Need.HOMELESSNESS);
		for (String w : List.of("home repair", "weatheriz", "lead abatement", "mold", "pest")) WORDS.put(w, Need.HOUSING_QUALITY);
		for (String w : List.of("housing", "rent", "eviction", "mortgage", "tenant")) WORDS.put(w, Need.HOUSING_INSTABILITY);
		for (String w : List.of("transit", "transportation", "bus pass", "ride", "rides", "medical transport")) WORDS.put(w, Need.TRANSPORTATION);
		for (String w : List.of("utilit", "energy assistance", "heating", "electric bill", "water bill", "liheap")) WORDS.put(w, Need.UTILITIES);
		for (String w : List.of("domestic violence", "abuse", "sexual assault", "safety plan", "intimate partner")) WORDS.put(w, Need.INTERPERSONAL_SAFETY);
		for (String w : List.of("financial", "cash assistance", "money", "tax preparation", "benefits enrollment", "debt")) WORDS.put(w, Need.FINANCIAL_STRAIN);
		for (String w : List.of("employment", "job", "jobs", "work", "career")) WORDS.put(w, Need.EMPLOYMENT);
		for (String w : List.of("education", "ged", "literacy", "tutoring", "esl")) WORDS.put(w, Need.EDUCATION);
		for (String w : List.of("child care", "childcare", "daycare", "day care")) WORDS.put(w, Need.CHILD_CARE);
		for (String w : List.of("loneliness", "isolation", "companionship", "friendly visit", "social club")) WORDS.put(w, Need.SOCIAL_ISOLATION);
		for (String w : List.of("mental health", "counselling", "counseling", "therapy", "depression", "anxiety")) WORDS.put(w, Need.MENTAL_HEALTH);
		for (String w : List.of("substance", "addiction", "recovery", "alcohol", "opioid", "detox")) WORDS.put(w, Need.SUBSTANCE_USE);
		for (String w : List.of("legal", "lawyer", "attorney")) WORDS.put(w, Need.LEGAL);
		for (String w : List.of("clinic", "health care", "healthcare", "dental", "prescription")) WORDS.put(w, Need.HEALTH_CARE_ACCESS);
		for (String w : List.of("disabilit", "wheelchair", "assistive")) WORDS.put(w, Need.DISABILITY);
		for (String w : List.of("caregiver", "respite")) WORDS.put(w, Need.CAREGIVER_SUPPORT);
	}

	static final Map<String, Eligibility> GROUP_WORDS = new LinkedHashMap<>();
	static {
		GROUP_WORDS.put("veteran", Eligibility.VETERAN);
		GROUP_WORDS.put("military", Eligibility.VETERAN);
		GROUP_WORDS.put("medicaid", Eligibility.MEDICAID);
		GROUP_WORDS.put("medicare", Eligibility.MEDICARE);
		GROUP_WORDS.put("uninsured", Eligibility.UNINSURED);
		GROUP_WORDS.put("low-income", Eligibility.LOW_INCOME);
		GROUP_WORDS.put("low income", Eligibility.LOW_INCOME);
		GROUP_WORDS.put("people with disabilities", Eligibility.DISABILITY);
		GROUP_WORDS.put("pregnan", Eligibility.PREGNANT);
		GROUP_WORDS.put("caregivers", Eligibility.CAREGIVER);
		GROUP_WORDS.put("senior", Eligibility.SENIOR);
		GROUP_WORDS.put("older adult", Eligibility.SENIOR);
		GROUP_WORDS.put("youth", Eligibility.YOUTH);
		GROUP_WORDS.put("teen", Eligibility.YOUTH);
		GROUP_WORDS.put("immigrant", Eligibility.IMMIGRANT);
		GROUP_WORDS.put("refugee", Eligibility.IMMIGRANT);
		GROUP_WORDS.put("families with children", Eligibility.FAMILY_WITH_CHILDREN);
		GROUP_WORDS.put("survivor", Eligibility.SURVIVOR);
	}

	private NeedMapping() {
	}

	/** The need of a 211/AIRS code (e.g. BD-1800.2000), by its longest known prefix. */
	static java.util.Optional<Need> airs(String code) {
		String c = code.strip().toUpperCase(Locale.ROOT);
		if (!c.matches("^[A-Z]{1,2}(-[0-9]{4}.*)?$")) return java.util.Optional.empty();
		String letters = c.contains("-") ? c.substring(0, c.indexOf('-')) : c;
		Need best = null;
		int length = -1;
		for (var e : AIRS.entrySet()) {
			String p = e.getKey();
			boolean match = p.contains("-") ? c.startsWith(p) : letters.startsWith(p);
			if (match && p.length() > length) {
				best = e.getValue();
				length = p.length();
			}
		}
		return java.util.Optional.ofNullable(best);
	}

	static Set<Need> words(String text) {
		Set<Need> out = new TreeSet<>();
		String t = " " + text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", " ") + " ";
		for (var e : WORDS.entrySet()) {
			if (t.contains(" " + e.getKey())) out.add(e.getValue());
		}
		return out;
	}

	static Set<Eligibility> groups(String text) {
		Set<Eligibility> out = new TreeSet<>();
		String t = " " + text.toLowerCase(Locale.ROOT) + " ";
		for (var e : GROUP_WORDS.entrySet()) {
			if (t.contains(e.getKey())) out.add(e.getValue());
		}
		return out;
	}
}
