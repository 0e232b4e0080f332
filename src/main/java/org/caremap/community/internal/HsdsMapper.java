package org.caremap.community.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.caremap.community.Eligibility;
import org.caremap.community.ImportReport;
import org.caremap.community.Need;
import org.caremap.patient.ContactDetails;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import static org.caremap.community.internal.HsdsReader.text;

/**
 * Turns HSDS records (as {@link HsdsReader} shapes them) into the directory's rows, checking each field against the
 * directory's bounds: a record without an id or a name is skipped; a value that cannot be kept (coordinates off the
 * earth, a phone number that is not one, a text over its limit) is dropped or shortened and reported.
 */
final class HsdsMapper {

	record Org(String id, String name, @Nullable String alternateName, @Nullable String description, @Nullable String email,
			@Nullable String website, @Nullable String phone) {
	}

	record Loc(String id, @Nullable String organizationId, @Nullable String name, @Nullable String address1,
			@Nullable String address2, @Nullable String city, @Nullable String state, @Nullable String postalCode,
			@Nullable String country, @Nullable Double latitude, @Nullable Double longitude, @Nullable String transportation,
			@Nullable String accessibility) {
	}

	record Slot(int weekday, LocalTime opens, LocalTime closes, @Nullable String locationId) {
	}

	record Term(String taxonomy, String code, @Nullable String name) {
	}

	record Svc(String id, @Nullable String organizationId, String name, @Nullable String alternateName,
			@Nullable String description, @Nullable String url, @Nullable String email, @Nullable String phone,
			@Nullable String applicationProcess, @Nullable String interpretation, @Nullable String fees, boolean free,
			@Nullable String eligibilityDescription, @Nullable Integer minimumAge, @Nullable Integer maximumAge,
			@Nullable Integer incomeLimit, List<String> groups, List<String> needs, List<String> languages,
			List<String> areaZips, @Nullable String areaText, List<Slot> schedules, List<Term> taxonomy,
			List<String> locationIds, boolean active, java.time.@Nullable LocalDate assured) {
	}

	private static final Map<String, Integer> DAYS = Map.of("MO", 1, "TU", 2, "WE", 3, "TH", 4, "FR", 5, "SA", 6, "SU", 7);
	private static final Pattern ZIP = Pattern.compile("(?<![0-9])([0-9]{5})(?![0-9])");
	private static final Pattern FPL = Pattern.compile("([0-9]{2,3})\\s?%\\s*(of\\s+the\\s+)?(federal\\s+)?(poverty|fpl)", Pattern.CASE_INSENSITIVE);
	private static final Pattern FREE = Pattern.compile("\\b(free|no cost|no charge|no fee)\\b", Pattern.CASE_INSENSITIVE);
	private static final Pattern NOT_FREE = Pattern.compile("\\bnot free\\b", Pattern.CASE_INSENSITIVE);
	private static final Map<String, String> ISO3 = new TreeMap<>();
	private static final Map<String, String> NAMES = new TreeMap<>();
	static {
		for (String code : Locale.getISOLanguages()) {
			Locale l = Locale.forLanguageTag(code);
			try {
				ISO3.put(l.getISO3Language(), code);
			}
			catch (java.util.MissingResourceException ignored) {
				// no three-letter code
			}
			NAMES.put(l.getDisplayLanguage(Locale.ENGLISH).toLowerCase(Locale.ROOT), code);
		}
		ISO3.put("ase", "ase"); // American Sign Language has no two-letter code
		NAMES.put("american sign language", "ase");
		NAMES.put("asl", "ase");
	}

	private final List<ImportReport.Problem> problems;

	HsdsMapper(List<ImportReport.Problem> problems) {
		this.problems = problems;
	}

	private void problem(String record, @Nullable String field, String message, boolean skipped) {
		if (problems.size() < 1000) problems.add(new ImportReport.Problem(record, field, message, skipped));
	}

	@Nullable
	Org organization(String key, JsonNode o) {
		String id = text(o, "id");
		String name = text(o, "name");
		if (id == null) {
			problem(key, "id", "an organisation without an id was skipped", true);
			return null;
		}
		if (name == null) {
			problem(id, "name", "an organisation without a name was skipped", true);
			return null;
		}
		return new Org(bounded(id, "id", id, 200), bounded(id, "name", name, 300), bounded(id, "alternate_name", text(o, "alternate_name"), 300),
				bounded(id, "description", text(o, "description"), 4000), email(id, "email", text(o, "email")),
				url(id, "website", text(o, "website")), phone(id, o.path("phones")));
	}

	@Nullable
	Loc location(String key, JsonNode l) {
		String id = text(l, "id");
		if (id == null) {
			problem(key, "id", "a location without an id was skipped", true);
			return null;
		}
		JsonNode address = null;
		for (JsonNode a : l.path("addresses")) {
			if (address == null || "physical".equalsIgnoreCase(text(a, "address_type"))) address = a;
			if ("physical".equalsIgnoreCase(text(a, "address_type"))) break;
		}
		Double lat = number(l, "latitude");
		Double lon = number(l, "longitude");
		if (lat != null && lon != null && (lat < -90 || lat > 90 || lon < -180 || lon > 180)) {
			problem(id, "latitude", "coordinates " + lat + ", " + lon + " are not on earth: left out", false);
			lat = null;
			lon = null;
		}
		if ((lat == null) != (lon == null)) {
			problem(id, "longitude", "only one coordinate given: left out", false);
			lat = null;
			lon = null;
		}
		String country = address == null ? null : text(address, "country");
		if (country != null && !country.matches("^[A-Za-z]{2}$")) {
			problem(id, "country", "not a two-letter country code: left out", false);
			country = null;
		}
		List<String> access = new ArrayList<>();
		for (JsonNode a : l.path("accessibility")) {
			String d = text(a, "description");
			if (d != null) access.add(d);
		}
		return new Loc(bounded(id, "id", id, 200), text(l, "organization_id"), bounded(id, "name", text(l, "name"), 300),
				address == null ? null : bounded(id, "address_1", text(address, "address_1"), 300),
				address == null ? null : bounded(id, "address_2", text(address, "address_2"), 300),
				address == null ? null : bounded(id, "city", text(address, "city"), 100),
				address == null ? null : bounded(id, "state_province", text(address, "state_province"), 100),
				address == null ? null : bounded(id, "postal_code", text(address, "postal_code"), 20),
				country == null ? null : country.toUpperCase(Locale.ROOT), lat, lon,
				bounded(id, "transportation", text(l, "transportation"), 2000),
				access.isEmpty() ? null : bounded(id, "accessibility", String.join(" ", access), 2000));
	}

	@Nullable
	Svc service(String key, JsonNode s, List<String> locationIds, List<Slot> locationSlots) {
		String id = text(s, "id");
		String name = text(s, "name");
		if (id == null) {
			problem(key, "id", "a service without an id was skipped", true);
			return null;
		}
		if (name == null) {
			problem(id, "name", "a service without a name was skipped", true);
			return null;
		}
		Integer min = age(id, "minimum_age", s);
		Integer max = age(id, "maximum_age", s);
		if (min != null && max != null && max < min) {
			problem(id, "maximum_age", "the highest age is below the lowest: both left out", false);
			min = null;
			max = null;
		}
		String eligibility = bounded(id, "eligibility_description", text(s, "eligibility_description"), 4000);
		Integer income = null;
		if (eligibility != null) {
			Matcher m = FPL.matcher(eligibility);
			if (m.find()) income = Math.min(1000, Integer.parseInt(m.group(1)));
		}
		// taxonomy terms (attributes in HSDS 3.0; taxonomy_terms in some feeds)
		List<Term> terms = new ArrayList<>();
		Set<Need> needs = new TreeSet<>();
		Set<Eligibility> groups = new TreeSet<>();
		List<JsonNode> termNodes = new ArrayList<>();
		for (JsonNode a : s.path("attributes")) {
			if (a.path("taxonomy_term").isObject()) termNodes.add(a.path("taxonomy_term"));
			String value = text(a, "value");
			if (value != null && !"value".equals(value)) groups.addAll(NeedMapping.groups(value));
		}
		for (JsonNode t : s.path("taxonomy_terms")) termNodes.add(t);
		for (JsonNode t : termNodes) {
			String code = text(t, "code");
			String termName = text(t, "name");
			String taxonomy = text(t, "taxonomy");
			if (taxonomy == null && t.path("taxonomy_detail").isObject()) taxonomy = text(t.path("taxonomy_detail"), "name");
			if (code == null) code = text(t, "id");
			if (code == null) continue;
			Term term = new Term(trim(taxonomy == null ? "local" : taxonomy, 100), trim(code, 100), termName == null ? null : trim(termName, 300));
			if (terms.stream().noneMatch(x -> x.taxonomy().equals(term.taxonomy()) && x.code().equals(term.code()))) terms.add(term);
			NeedMapping.airs(code).ifPresent(needs::add);
			if (termName != null) {
				needs.addAll(NeedMapping.words(termName));
				groups.addAll(NeedMapping.groups(termName));
			}
		}
		if (needs.isEmpty()) {
			needs.addAll(NeedMapping.words(name + " " + (text(s, "alternate_name") == null ? "" : text(s, "alternate_name"))
					+ " " + (text(s, "description") == null ? "" : text(s, "description"))));
		}
		if (eligibility != null) groups.addAll(NeedMapping.groups(eligibility));
		// languages
		Set<String> languages = new LinkedHashSet<>();
		for (JsonNode l : s.path("languages")) {
			String code = language(text(l, "code"), text(l, "name"));
			if (code == null) problem(id, "languages", "language " + (text(l, "code") != null ? text(l, "code") : text(l, "name")) + " not known: left out", false);
			else languages.add(code);
		}
		// costs
		boolean free = false;
		for (JsonNode c : s.path("cost_options")) {
			Double amount = number(c, "amount");
			String option = (text(c, "option") == null ? "" : text(c, "option")) + " " + (text(c, "amount_description") == null ? "" : text(c, "amount_description"));
			if ((amount != null && amount == 0) || FREE.matcher(option).find()) free = true;
		}
		String fees = text(s, "fees_description");
		if (fees == null) fees = text(s, "fees");
		if (fees != null && FREE.matcher(fees).find() && !NOT_FREE.matcher(fees).find()) free = true;
		// service areas
		List<String> areaTexts = new ArrayList<>();
		Set<String> zips = new TreeSet<>();
		for (JsonNode a : s.path("service_areas")) {
			for (String f : List.of("name", "description", "extent")) {
				String v = text(a, f);
				if (v == null || v.equals(f)) continue;
				if (!f.equals("extent")) areaTexts.add(v);
				Matcher m = ZIP.matcher(v);
				while (m.find() && zips.size() < 2000) zips.add(m.group(1));
			}
		}
		// weekly hours
		List<Slot> slots = new ArrayList<>(slots(id, s.path("schedules"), null));
		slots.addAll(locationSlots);
		String status = text(s, "status");
		boolean active = status == null || status.equalsIgnoreCase("active");
		return new Svc(bounded(id, "id", id, 200), text(s, "organization_id"), bounded(id, "name", name, 300),
				bounded(id, "alternate_name", text(s, "alternate_name"), 300), bounded(id, "description", text(s, "description"), 8000),
				url(id, "url", text(s, "url")), email(id, "email", text(s, "email")), phone(id, s.path("phones")),
				bounded(id, "application_process", text(s, "application_process"), 4000),
				bounded(id, "interpretation_services", text(s, "interpretation_services"), 1000),
				bounded(id, "fees_description", fees, 2000), free, eligibility, min, max, income,
				groups.stream().map(Enum::name).limit(20).toList(), needs.stream().map(Need::code).limit(20).toList(),
				languages.stream().limit(40).toList(), List.copyOf(zips),
				areaTexts.isEmpty() ? null : trim(String.join(" ", areaTexts), 2000), slots, terms,
				locationIds.stream().distinct().sorted().toList(), active, assured(id, text(s, "assured_date")));
	}

	List<Slot> slots(String record, JsonNode schedules, @Nullable String locationId) {
		List<Slot> out = new ArrayList<>();
		for (JsonNode sc : schedules) {
			String freq = text(sc, "freq");
			String byday = text(sc, "byday");
			String opens = text(sc, "opens_at");
			String closes = text(sc, "closes_at");
			if (opens == null || closes == null) continue; // a schedule in words only
			if (freq != null && !freq.equalsIgnoreCase("WEEKLY")) {
				problem(record, "schedules", "a " + freq.toLowerCase(Locale.ROOT) + " schedule is not kept (weekly hours only)", false);
				continue;
			}
			if (byday == null) {
				problem(record, "schedules", "a schedule without days (byday) is not kept", false);
				continue;
			}
			LocalTime from;
			LocalTime to;
			try {
				from = LocalTime.parse(opens.length() == 5 ? opens : opens.substring(0, Math.min(8, opens.length())));
				to = LocalTime.parse(closes.length() == 5 ? closes : closes.substring(0, Math.min(8, closes.length())));
			}
			catch (DateTimeParseException ex) {
				problem(record, "schedules", "opening hours " + opens + "–" + closes + " are not times of day", false);
				continue;
			}
			if (!to.isAfter(from)) {
				problem(record, "schedules", "closes at " + to + ", not after it opens at " + from + ": not kept", false);
				continue;
			}
			String loc = text(sc, "location_id") != null ? text(sc, "location_id") : locationId;
			for (String d : byday.split("[,\\s]+")) {
				String day = d.replaceAll("[^A-Za-z]", "").toUpperCase(Locale.ROOT);
				Integer weekday = DAYS.get(day);
				if (weekday == null) {
					problem(record, "schedules", "day " + d + " is not MO..SU", false);
					continue;
				}
				out.add(new Slot(weekday, from, to, loc));
			}
		}
		return out;
	}

	/** HSDS's assured_date: when the record was last checked (kept as the entry's verification). */
	private java.time.@Nullable LocalDate assured(String record, @Nullable String date) {
		if (date == null) return null;
		try {
			java.time.LocalDate d = java.time.LocalDate.parse(date.length() > 10 ? date.substring(0, 10) : date);
			if (d.isAfter(java.time.LocalDate.now().plusDays(1))) {
				problem(record, "assured_date", "checked on a day in the future: left out", false);
				return null;
			}
			return d;
		}
		catch (DateTimeParseException ex) {
			problem(record, "assured_date", "not a date: left out", false);
			return null;
		}
	}

	static @Nullable String language(@Nullable String code, @Nullable String name) {
		if (code != null) {
			String c = code.strip().toLowerCase(Locale.ROOT);
			if (c.contains("-")) c = c.substring(0, c.indexOf('-'));
			if (c.length() == 2 && NAMES.containsValue(c)) return c;
			if (c.length() == 3 && ISO3.containsKey(c)) return ISO3.get(c);
		}
		if (name != null) return NAMES.get(name.strip().toLowerCase(Locale.ROOT));
		return null;
	}

	private @Nullable Integer age(String record, String field, JsonNode s) {
		Double v = number(s, field);
		if (v == null) return null;
		if (v < 0 || v > 130 || v != Math.floor(v)) {
			problem(record, field, "age " + v + " is not a whole number from 0 to 130: left out", false);
			return null;
		}
		return v.intValue();
	}

	static @Nullable Double number(JsonNode o, String field) {
		JsonNode v = o.get(field);
		if (v == null || v.isNull()) return null;
		if (v.isNumber()) return v.asDouble();
		String t = text(o, field);
		if (t == null) return null;
		try {
			return Double.parseDouble(t);
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private @Nullable String phone(String record, JsonNode phones) {
		for (JsonNode p : phones) {
			String number = text(p, "number");
			if (number == null) continue;
			String cleaned = number.replace("\"", "").strip();
			String ext = text(p, "extension");
			if (ext != null && ext.matches("^[0-9]{1,6}$")) cleaned = cleaned + " x" + ext;
			if (cleaned.length() <= 50 && ContactDetails.phone(cleaned)) return cleaned;
			problem(record, "phones", "phone number " + trim(number, 60) + " is not one: left out", false);
		}
		return null;
	}

	private @Nullable String email(String record, String field, @Nullable String email) {
		if (email == null) return null;
		if (email.length() <= 254 && ContactDetails.email(email)) return email;
		problem(record, field, "not an e-mail address: left out", false);
		return null;
	}

	private @Nullable String url(String record, String field, @Nullable String url) {
		if (url == null) return null;
		if (url.length() <= 500 && url.matches("^https?://\\S+$")) return url;
		problem(record, field, "not a web address: left out", false);
		return null;
	}

	private @Nullable String bounded(String record, String field, @Nullable String value, int max) {
		if (value == null || value.length() <= max) return value;
		problem(record, field, "longer than " + max + " characters: shortened", false);
		return trim(value, max);
	}

	private static String trim(String s, int max) {
		return s.length() <= max ? s : s.substring(0, max - 1) + "…";
	}

	/** A fingerprint of a record's content: the same record imported again is left alone. */
	static String hash(Object record) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(record.toString().getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
