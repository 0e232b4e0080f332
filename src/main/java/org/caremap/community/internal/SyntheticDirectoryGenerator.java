package org.caremap.community.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.caremap.community.DirectorySearch;
import org.caremap.community.ImportReport;
import org.caremap.community.Origin;
import org.caremap.community.SyntheticDirectory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Made-up community services (organisations, services, locations, hours, languages, eligibility, costs, AIRS
 * codes) placed at the ZIP codes around a centre with a little scatter, built as HSDS records and written by the
 * importer (format DEMO). Deterministic: the same seed and centre give the same directory. About a third of the
 * services were last checked more than a year ago, so the list and the search show stale entries.
 */
@Component
class SyntheticDirectoryGenerator implements SyntheticDirectory {

	static final String DEMO_SOURCE = "caremap-demo";

	/** A kind of service: the need's AIRS code and name, name patterns, a description, and its usual shape. */
	private record Kind(String airs, String term, String[] names, String description, double free, int minAge, int maxAge,
			String group, int hours) {
	}

	private static final List<Kind> KINDS = List.of(
			new Kind("BD-1800.2000", "Food Pantries", new String[] { "%s Community Pantry", "%s Food Pantry", "St. Mark's Pantry of %s" },
					"Groceries once a week for households in need: fresh produce, bread, dairy and shelf-stable food. Bring a photo ID and proof of address.", 1.0, 0, 0, "", 0),
			new Kind("BD-5000.8300", "Soup Kitchens", new String[] { "%s Soup Kitchen", "Hot Meals at %s" },
					"A free hot meal, no questions asked. Everyone is welcome.", 1.0, 0, 0, "", 1),
			new Kind("BD-5000.5000", "Home Delivered Meals", new String[] { "Meals on Wheels %s", "%s Home Meals" },
					"Hot lunches delivered at home to older adults and people recovering from illness who cannot shop or cook.", 0.8, 60, 0, "SENIOR", 0),
			new Kind("BH-3800.7000", "Rent Payment Assistance", new String[] { "%s Rental Assistance", "Eviction Prevention Fund of %s" },
					"One-time help with back rent to prevent eviction, for households up to 200% of the federal poverty level.", 1.0, 18, 0, "LOW_INCOME", 0),
			new Kind("BH-1800.8500", "Homeless Shelter", new String[] { "%s Emergency Shelter", "%s Family Shelter" },
					"Emergency beds, showers and case management for people without a place to stay. Open every night.", 1.0, 18, 0, "", 2),
			new Kind("BH-3000.3550", "Home Repair", new String[] { "%s Home Repair Program", "Safe and Healthy Homes %s" },
					"Free repairs for owner-occupied homes: roofs, furnaces, lead and mold hazards, ramps and grab bars.", 0.9, 18, 0, "", 0),
			new Kind("BT-4500.6500-650", "Medical Appointment Transportation", new String[] { "%s Ride to Care", "%s Medical Transport" },
					"Rides to medical appointments, pharmacies and dialysis. Call two business days ahead.", 0.7, 0, 0, "MEDICAID", 0),
			new Kind("BT-8300.1000", "Bus Fare", new String[] { "%s Bus Pass Program" }, "Reduced-fare and free bus passes for people with low income or a disability.", 0.6, 0, 0, "", 0),
			new Kind("BV-8900.9300", "Electric Service Payment Assistance", new String[] { "%s Energy Assistance (HEAP)", "%s Utility Help" },
					"Help paying heating and electric bills, and stopping a shut-off. Bring your latest bill.", 1.0, 18, 0, "LOW_INCOME", 0),
			new Kind("FN-1500.1900", "Domestic Violence Hotlines", new String[] { "%s Safe Harbor", "%s Domestic Violence Services" },
					"Confidential help for people harmed by a partner or family member: safety planning, shelter, legal advocacy. Hotline open day and night.", 1.0, 0, 0, "", 2),
			new Kind("NL-6000.2000", "Tax Preparation Assistance", new String[] { "%s Free Tax Help", "VITA Tax Site %s" },
					"Free tax preparation and benefits check-ups for households with low income.", 1.0, 18, 0, "LOW_INCOME", 0),
			new Kind("NT-2000", "Emergency Financial Assistance", new String[] { "%s Emergency Assistance Fund" },
					"Small emergency grants for car repairs, prescriptions and bills that would push a family into debt.", 1.0, 18, 0, "", 0),
			new Kind("ND-6500", "Job Training", new String[] { "%s Job Center", "%s Career Pathways" },
					"Job search help, resume writing and short training courses that lead to work.", 0.9, 16, 0, "", 0),
			new Kind("RP-1500", "Community Mental Health Centers", new String[] { "%s Counseling Center", "%s Behavioral Health" },
					"Counseling and psychiatric care; sliding-scale fees; Medicaid accepted.", 0.3, 0, 0, "", 0),
			new Kind("RX-8450", "Substance Use Disorder Treatment", new String[] { "%s Recovery Services", "New Start Recovery %s" },
					"Outpatient treatment and peer recovery support for alcohol and drug use.", 0.4, 18, 0, "", 0),
			new Kind("PN-8100", "Caregiver Support", new String[] { "%s Caregiver Respite", "%s Caregiver Circle" },
					"Respite care and support groups for family caregivers.", 0.8, 18, 0, "CAREGIVER", 0),
			new Kind("PS-9800", "Senior Centers", new String[] { "%s Senior Center" },
					"Friendly visits, lunch club and social activities to ease loneliness and isolation for older adults.", 1.0, 60, 0, "SENIOR", 0),
			new Kind("FT-3200", "Legal Aid", new String[] { "%s Legal Aid", "%s Tenant Legal Clinic" },
					"Free legal help with evictions, benefits and protection orders.", 1.0, 18, 0, "LOW_INCOME", 0),
			new Kind("LN-1500", "Community Clinics", new String[] { "%s Community Health Clinic", "%s Free Clinic" },
					"Primary care, dental and prescriptions for people without insurance.", 0.6, 0, 0, "UNINSURED", 0),
			new Kind("PH-1250", "Child Care", new String[] { "%s Child Care Assistance" }, "Help finding and paying for child care.", 0.7, 0, 12, "FAMILY_WITH_CHILDREN", 0),
			new Kind("BD-1800.2000", "Food Pantries", new String[] { "%s Veterans Food Shelf" },
					"Groceries and benefits help for veterans and their families.", 1.0, 0, 0, "VETERAN", 0));

	private static final String[] LANGUAGES = { "es", "so", "ne", "ar", "vi", "zh", "fr", "ru", "am", "sw" };
	private static final String[] STREETS = { "Main St", "Broad St", "High St", "Livingston Ave", "Parsons Ave", "Cleveland Ave",
			"Sullivant Ave", "Morse Rd", "Hamilton Rd", "Karl Rd", "State St", "Mound St", "Oak St", "Maple Ave", "Church St" };
	private static final String[] AREAS = { "Eastside", "Westgate", "Northland", "Southside", "Linden", "Hilltop", "Riverside",
			"Franklinton", "Clintonville", "Near East", "Olde Towne", "Lincoln Park", "Greenbriar", "Maplewood", "Brookside" };

	private final JdbcClient jdbc;
	private final JdbcDirectoryImports imports;
	private final ZipCentroids zips;
	private final DirectorySearch search;

	SyntheticDirectoryGenerator(JdbcClient jdbc, JdbcDirectoryImports imports, ZipCentroids zips, DirectorySearch search) {
		this.jdbc = jdbc;
		this.imports = imports;
		this.zips = zips;
		this.search = search;
	}

	@Override
	@PreAuthorize(JdbcDirectoryImports.IMPORTERS)
	public void loadDemo(String centreZip) {
		load(DEMO_SOURCE, 300, 19L, centreZip, 20);
	}

	@Override
	@PreAuthorize(JdbcDirectoryImports.IMPORTERS)
	public Optional<ImportReport> load(String source, int services, long seed, String centreZip, int radiusMiles) {
		zips.load();
		long have = jdbc.sql("select count(*) from community_service where source = ?").param(source).query(Long.class).single();
		if (have >= services) return Optional.empty();
		Origin centre = search.zip(centreZip).orElseThrow(() -> new IllegalArgumentException("unknown ZIP code " + centreZip));
		List<String[]> places = jdbc.sql("""
				select zip, latitude, longitude from zip_centroid
				where earth_box(ll_to_earth(?, ?), ?) @> ll_to_earth(latitude, longitude)
				  and earth_distance(ll_to_earth(?, ?), ll_to_earth(latitude, longitude)) <= ?
				order by zip""")
			.params(centre.latitude(), centre.longitude(), radiusMiles * JdbcDirectorySearch.METERS_PER_MILE, centre.latitude(),
					centre.longitude(), radiusMiles * JdbcDirectorySearch.METERS_PER_MILE)
			.query((rs, n) -> new String[] { rs.getString(1), rs.getString(2), rs.getString(3) })
			.list();
		HsdsReader.Package pkg = generate(services, seed, places, LocalDate.now());
		return Optional.of(imports.run(source, "synthetic-" + services + ".json", true, () -> pkg));
	}

	static HsdsReader.Package generate(int services, long seed, List<String[]> places, LocalDate today) {
		Random random = new Random(seed);
		HsdsReader.Package pkg = new HsdsReader.Package();
		pkg.format = "DEMO";
		int orgCount = Math.max(1, services / 5);
		int locationCount = Math.max(1, services / 2);
		List<String> orgIds = new ArrayList<>();
		for (int o = 0; o < orgCount; o++) {
			String id = "org-" + o;
			ObjectNode org = HsdsReader.JSON.createObjectNode();
			String area = AREAS[o % AREAS.length];
			org.put("id", id);
			org.put("name", area + " " + new String[] { "Community Action", "Neighborhood Services", "Family Center", "Outreach Ministries",
					"Health Partners", "United Services" }[o % 6] + (o >= 90 ? " " + (o / 90 + 1) : ""));
			org.put("website", "https://org" + o + ".example.org");
			org.put("email", "referrals@org" + o + ".example.org");
			org.putArray("phones").addObject().put("number", "(614) 555-" + String.format("%04d", 1000 + o % 9000));
			pkg.organizations.put(id, org);
			orgIds.add(id);
		}
		List<String> locationOrg = new ArrayList<>();
		List<String> locationArea = new ArrayList<>();
		for (int l = 0; l < locationCount; l++) {
			String[] place = places.get(random.nextInt(places.size()));
			String id = "loc-" + l;
			String org = orgIds.get(l % orgCount);
			ObjectNode loc = HsdsReader.JSON.createObjectNode();
			loc.put("id", id);
			loc.put("organization_id", org);
			loc.put("name", AREAS[l % AREAS.length] + " office");
			loc.put("latitude", Math.round((Double.parseDouble(place[1]) + (random.nextDouble() - 0.5) * 0.03) * 1e6) / 1e6);
			loc.put("longitude", Math.round((Double.parseDouble(place[2]) + (random.nextDouble() - 0.5) * 0.03) * 1e6) / 1e6);
			loc.put("transportation", "COTA bus line " + (1 + random.nextInt(60)) + "; parking behind the building");
			ObjectNode address = loc.putArray("addresses").addObject();
			address.put("address_1", (100 + random.nextInt(4800)) + " " + STREETS[random.nextInt(STREETS.length)]);
			address.put("city", "Columbus");
			address.put("state_province", "OH");
			address.put("postal_code", place[0]);
			address.put("country", "US");
			address.put("address_type", "physical");
			pkg.locations.put(id, loc);
			locationOrg.add(org);
			locationArea.add(AREAS[l % AREAS.length]);
		}
		for (int s = 0; s < services; s++) {
			Kind kind = KINDS.get(random.nextInt(KINDS.size()));
			int location = random.nextInt(locationCount);
			String area = locationArea.get(location);
			String id = "svc-" + s;
			ObjectNode svc = HsdsReader.JSON.createObjectNode();
			svc.put("id", id);
			svc.put("organization_id", locationOrg.get(location));
			String name = String.format(kind.names()[random.nextInt(kind.names().length)], area);
			svc.put("name", services > 1000 ? name + " #" + (s / 100 + 1) : name);
			svc.put("description", kind.description());
			svc.put("status", "active");
			svc.put("application_process", random.nextBoolean() ? "Walk in during open hours." : "Call first to make an appointment.");
			boolean free = random.nextDouble() < kind.free();
			if (free) svc.putArray("cost_options").addObject().put("option", "Free").put("amount", 0);
			else svc.put("fees_description", "Sliding scale by income; nobody is turned away for inability to pay.");
			if (kind.minAge() > 0) svc.put("minimum_age", kind.minAge());
			if (kind.maxAge() > 0) svc.put("maximum_age", kind.maxAge());
			StringBuilder eligibility = new StringBuilder();
			if (kind.group().equals("LOW_INCOME")) eligibility.append("Households up to 200% of the federal poverty level. ");
			if (kind.group().equals("VETERAN")) eligibility.append("For veterans and their families. ");
			if (kind.group().equals("SENIOR")) eligibility.append("For seniors 60 and over. ");
			if (kind.group().equals("MEDICAID")) eligibility.append("Medicaid members ride free. ");
			if (kind.group().equals("UNINSURED")) eligibility.append("For people who are uninsured. ");
			if (kind.group().equals("CAREGIVER")) eligibility.append("For family caregivers. ");
			if (kind.group().equals("FAMILY_WITH_CHILDREN")) eligibility.append("For families with children. ");
			if (eligibility.length() > 0) svc.put("eligibility_description", eligibility.toString().strip());
			ArrayNode languages = svc.putArray("languages");
			languages.addObject().put("code", "en");
			if (random.nextDouble() < 0.45) languages.addObject().put("code", "es");
			if (random.nextDouble() < 0.25) languages.addObject().put("code", LANGUAGES[1 + random.nextInt(LANGUAGES.length - 1)]);
			ObjectNode term = svc.putArray("attributes").addObject().putObject("taxonomy_term");
			term.put("code", kind.airs());
			term.put("name", kind.term());
			term.put("taxonomy", "AIRS");
			ArrayNode schedules = svc.putArray("schedules");
			if (kind.hours() == 2) schedules.addObject().put("freq", "WEEKLY").put("byday", "MO,TU,WE,TH,FR,SA,SU").put("opens_at", "00:00").put("closes_at", "23:59:59");
			else if (kind.hours() == 1) schedules.addObject().put("freq", "WEEKLY").put("byday", "MO,TU,WE,TH,FR,SA").put("opens_at", "11:00").put("closes_at", "13:30");
			else {
				int variant = random.nextInt(4);
				if (variant == 0) schedules.addObject().put("freq", "WEEKLY").put("byday", "MO,TU,WE,TH,FR").put("opens_at", "09:00").put("closes_at", "17:00");
				if (variant == 1) schedules.addObject().put("freq", "WEEKLY").put("byday", "TU,TH").put("opens_at", "10:00").put("closes_at", "14:00");
				if (variant == 2) {
					schedules.addObject().put("freq", "WEEKLY").put("byday", "MO,WE").put("opens_at", "13:00").put("closes_at", "19:00");
					schedules.addObject().put("freq", "WEEKLY").put("byday", "SA").put("opens_at", "09:00").put("closes_at", "12:00");
				}
				if (variant == 3) schedules.addObject().put("freq", "WEEKLY").put("byday", "MO,TU,WE,TH,FR").put("opens_at", "08:00").put("closes_at", "20:00");
			}
			// last checked: within the last 18 months (a third over a year ago: stale)
			svc.put("assured_date", today.minusDays(random.nextInt(540)).toString());
			svc.putArray("phones").addObject().put("number", "(614) 555-" + String.format("%04d", random.nextInt(10000)));
			pkg.services.put(id, svc);
			ObjectNode sal = HsdsReader.JSON.createObjectNode();
			sal.put("id", "sal-" + s);
			sal.put("service_id", id);
			sal.put("location_id", "loc-" + location);
			pkg.servicesAtLocations.put("sal-" + s, sal);
		}
		return pkg;
	}
}
