package org.caremap.demo.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.caremap.patient.CodedCondition;
import org.caremap.patient.IdentifierType;
import org.caremap.patient.NewPatient;
import org.caremap.patient.PatientIdentifier;
import org.caremap.patient.Sex;
import org.caremap.shared.OrganizationId;

/**
 * A deterministic synthetic population: the same seed gives the same people. Ages skew old, as care-management
 * populations do; chronic conditions follow age; every patient has a medical record number at one or both
 * demo hospitals and a member id at one payer.
 */
public final class SyntheticPopulation {

	public static final String RIVERSIDE_MRN = "urn:oid:2.16.840.1.113883.3.9991.1.1";
	public static final String STBRIGID_MRN = "urn:oid:2.16.840.1.113883.3.9991.2.1";
	public static final String LAKESHORE_MEMBER = "urn:oid:2.16.840.1.113883.3.9991.3.1";
	public static final String MEDICARE_MBI = "http://hl7.org/fhir/sid/us-mbi";

	static final String[] FEMALE = { "Mary", "Patricia", "Linda", "Barbara", "Elizabeth", "Jennifer",
			"Maria", "Susan", "Margaret", "Dorothy", "Lisa", "Nancy", "Karen", "Betty", "Helen", "Sandra", "Donna",
			"Carol", "Ruth", "Sharon", "Michelle", "Laura", "Sarah", "Kimberly", "Deborah", "Jessica", "Shirley",
			"Cynthia", "Angela", "Melissa", "Brenda", "Amy", "Anna", "Rebecca", "Virginia", "Kathleen", "Pamela",
			"Martha", "Debra", "Amanda", "Stephanie", "Carolyn", "Christine", "Marie", "Janet", "Catherine", "Frances",
			"Ann", "Joyce", "Diane", "Alice", "Julie", "Heather", "Teresa", "Doris", "Gloria", "Evelyn", "Jean",
			"Cheryl", "Mildred", "Rosa", "Guadalupe", "Mei", "Aisha", "Fatima", "Thi", "Yolanda", "Keisha" };
	static final String[] MALE = { "James", "John", "Robert", "Michael", "William", "David", "Richard",
			"Charles", "Joseph", "Thomas", "Christopher", "Daniel", "Paul", "Mark", "Donald", "George", "Kenneth",
			"Steven", "Edward", "Brian", "Ronald", "Anthony", "Kevin", "Jason", "Matthew", "Gary", "Timothy", "Jose",
			"Larry", "Jeffrey", "Frank", "Scott", "Eric", "Stephen", "Andrew", "Raymond", "Gregory", "Joshua", "Jerry",
			"Dennis", "Walter", "Patrick", "Peter", "Harold", "Douglas", "Henry", "Carl", "Arthur", "Ryan", "Roger",
			"Juan", "Luis", "Wei", "Minh", "Ahmed", "Omar", "Darnell", "Tyrone", "Ivan", "Samuel" };
	static final String[] FAMILY = { "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller",
			"Davis", "Rodriguez", "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas",
			"Taylor", "Moore", "Jackson", "Martin", "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark",
			"Ramirez", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Torres", "Nguyen",
			"Hill", "Flores", "Green", "Adams", "Nelson", "Baker", "Hall", "Rivera", "Campbell", "Mitchell", "Carter",
			"Roberts", "Gomez", "Phillips", "Evans", "Turner", "Diaz", "Parker", "Cruz", "Edwards", "Collins", "Reyes",
			"Stewart", "Morris", "Morales", "Murphy", "Cook", "Rogers", "Gutierrez", "Ortiz", "Morgan", "Cooper",
			"Peterson", "Bailey", "Reed", "Kelly", "Howard", "Ramos", "Kim", "Cox", "Ward", "Richardson", "Watson",
			"Brooks", "Chavez", "Wood", "James", "Bennett", "Gray", "Mendoza", "Ruiz", "Hughes", "Price", "Alvarez",
			"Castillo", "Sanders", "Patel", "Myers", "Long", "Ross", "Foster", "Jimenez", "Tran", "Chen", "Washington" };
	private static final String[] STREETS = { "Maple", "Oak", "Cedar", "Elm", "Washington", "Lake", "Hill", "Park",
			"Pine", "Main", "River", "Church", "High", "Walnut", "Sycamore", "Broad", "Chestnut", "Franklin", "Spring",
			"Mill", "Center", "Union", "Jefferson", "Highland", "Lincoln" };
	private static final String[] STREET_TYPES = { "St", "Ave", "Rd", "Dr", "Ln", "Ct", "Blvd", "Way" };
	private static final String[][] CITIES = { { "Columbus", "43215", "614" }, { "Columbus", "43207", "614" },
			{ "Westerville", "43081", "614" }, { "Grove City", "43123", "614" }, { "Dublin", "43017", "614" },
			{ "Reynoldsburg", "43068", "614" }, { "Newark", "43055", "740" }, { "Delaware", "43015", "740" },
			{ "Lancaster", "43130", "740" }, { "Marysville", "43040", "937" } };
	private static final String[] LANGUAGES = { "en", "en", "en", "en", "en", "en", "en", "en", "es", "es", "vi",
			"zh", "so", "ar", "ne" };

	/** Condition, the youngest age it is drawn at, and its chance for someone over 65 (halved under 65). */
	private record ConditionRate(String code, String display, int minAge, double oldRate) {
	}

	private static final List<ConditionRate> CONDITIONS = List.of(
			new ConditionRate("I10", "Essential (primary) hypertension", 30, 0.62),
			new ConditionRate("E78.5", "Hyperlipidemia, unspecified", 30, 0.45),
			new ConditionRate("E11.9", "Type 2 diabetes mellitus without complications", 25, 0.22),
			new ConditionRate("E11.22", "Type 2 diabetes mellitus with diabetic chronic kidney disease", 40, 0.08),
			new ConditionRate("I50.9", "Heart failure, unspecified", 45, 0.14),
			new ConditionRate("J44.9", "Chronic obstructive pulmonary disease, unspecified", 40, 0.13),
			new ConditionRate("J45.909", "Unspecified asthma, uncomplicated", 18, 0.08),
			new ConditionRate("N18.30", "Chronic kidney disease, stage 3 unspecified", 45, 0.15),
			new ConditionRate("I48.91", "Unspecified atrial fibrillation", 50, 0.10),
			new ConditionRate("I25.10", "Atherosclerotic heart disease of native coronary artery without angina pectoris", 45, 0.18),
			new ConditionRate("E66.9", "Obesity, unspecified", 18, 0.25),
			new ConditionRate("F32.A", "Depression, unspecified", 18, 0.14),
			new ConditionRate("F33.1", "Major depressive disorder, recurrent, moderate", 18, 0.05),
			new ConditionRate("F41.1", "Generalized anxiety disorder", 18, 0.08),
			new ConditionRate("G30.9", "Alzheimer's disease, unspecified", 65, 0.06),
			new ConditionRate("I63.9", "Cerebral infarction, unspecified", 50, 0.04),
			new ConditionRate("M19.90", "Unspecified osteoarthritis, unspecified site", 45, 0.25),
			new ConditionRate("F10.20", "Alcohol dependence, uncomplicated", 18, 0.03),
			new ConditionRate("F11.20", "Opioid dependence, uncomplicated", 18, 0.02),
			new ConditionRate("C50.919", "Malignant neoplasm of unspecified site of unspecified female breast", 40, 0.03));

	private SyntheticPopulation() {
	}

	public static List<NewPatient> generate(OrganizationId organization, int count, long seed, LocalDate today) {
		SplittableRandom random = new SplittableRandom(seed);
		List<NewPatient> out = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			out.add(person(organization, random.split(), today, i));
		}
		return out;
	}

	/** One person of the population: the same random source and index give the same person. */
	static NewPatient person(OrganizationId organization, SplittableRandom r, LocalDate today, int index) {
		Sex sex = r.nextDouble() < 0.53 ? Sex.FEMALE : Sex.MALE;
		String given = pick(r, sex == Sex.FEMALE ? FEMALE : MALE);
		String middle = r.nextDouble() < 0.6 ? pick(r, sex == Sex.FEMALE ? FEMALE : MALE).substring(0, 1) : null;
		String family = pick(r, FAMILY);
		double band = r.nextDouble();
		int age = band < 0.18 ? 18 + r.nextInt(27) : band < 0.48 ? 45 + r.nextInt(20) : 65 + r.nextInt(31);
		LocalDate birth = today.minusYears(age).minusDays(r.nextInt(365));
		String[] city = CITIES[r.nextInt(CITIES.length)];
		String phone = "(" + city[2] + ") 555-" + String.format(Locale.ROOT, "%04d", r.nextInt(10_000));
		String address = (100 + r.nextInt(9800)) + " " + pick(r, STREETS) + " " + pick(r, STREET_TYPES);
		String email = r.nextDouble() < 0.55
				? (given.charAt(0) + family + (r.nextInt(90) + 10)).toLowerCase(Locale.ROOT) + "@example.org" : null;

		List<PatientIdentifier> identifiers = new ArrayList<>();
		double hospitals = r.nextDouble();
		if (hospitals < 0.7) {
			identifiers.add(new PatientIdentifier(IdentifierType.MR, RIVERSIDE_MRN, "RGH" + (1_000_000 + index * 37 + r.nextInt(37)),
					"Riverside General Hospital"));
		}
		if (hospitals >= 0.45) {
			identifiers.add(new PatientIdentifier(IdentifierType.MR, STBRIGID_MRN, "SB-" + (500_000 + index * 53 + r.nextInt(53)),
					"St. Brigid Medical Center"));
		}
		if (age >= 65) {
			identifiers.add(new PatientIdentifier(IdentifierType.MB, MEDICARE_MBI, mbi(r, index), "Medicare"));
		}
		else {
			identifiers.add(new PatientIdentifier(IdentifierType.MB, LAKESHORE_MEMBER,
					"LKH" + (700_000_000L + index * 1_009L + r.nextInt(1_000)), "Lakeshore Health Plan"));
		}

		List<CodedCondition> conditions = new ArrayList<>();
		for (ConditionRate c : CONDITIONS) {
			if (age < c.minAge()) continue;
			if (c.code().startsWith("C50") && sex != Sex.FEMALE) continue;
			double rate = age >= 65 ? c.oldRate() : c.oldRate() / 2;
			if (r.nextDouble() < rate) {
				conditions.add(new CodedCondition(c.code(), c.display(),
						today.minusDays(180 + r.nextInt(Math.max(1, (age - c.minAge()) * 365 + 1)))));
			}
		}
		if (conditions.size() < 2) {
			// people referred to care management almost always live with two or more chronic conditions
			ConditionRate a = CONDITIONS.get(0);
			ConditionRate b = CONDITIONS.get(2 + r.nextInt(3));
			for (ConditionRate c : List.of(a, b)) {
				if (conditions.stream().noneMatch(x -> x.code().equals(c.code()))) {
					conditions.add(new CodedCondition(c.code(), c.display(), today.minusDays(200 + r.nextInt(3000))));
				}
			}
		}
		String language = LANGUAGES[r.nextInt(LANGUAGES.length)];
		return new NewPatient(organization, family, given, middle, birth, sex, phone, email, address, city[0], "OH",
				city[1], language, identifiers, conditions);
	}

	/**
	 * A Medicare Beneficiary Identifier in the published format (11 characters, no S, L, O, I, B, Z), unique per
	 * index below 16 million: the index is spelt in the letter positions 2, 5, 8, 9 and the digit positions 4 and 7.
	 */
	private static String mbi(SplittableRandom r, int index) {
		String letters = "ACDEFGHJKMNPQRTUVWXY";
		String alnum = letters + "0123456789";
		int n = index;
		char[] c = new char[11];
		c[0] = (char) ('1' + r.nextInt(9));
		c[1] = letters.charAt(n % 20);
		n /= 20;
		c[2] = alnum.charAt(r.nextInt(alnum.length()));
		c[3] = (char) ('0' + n % 10);
		n /= 10;
		c[4] = letters.charAt(n % 20);
		n /= 20;
		c[5] = alnum.charAt(r.nextInt(alnum.length()));
		c[6] = (char) ('0' + n % 10);
		n /= 10;
		c[7] = letters.charAt(n % 20);
		n /= 20;
		c[8] = letters.charAt(n % 20);
		c[9] = (char) ('0' + r.nextInt(10));
		c[10] = (char) ('0' + r.nextInt(10));
		return new String(c);
	}

	static String pick(SplittableRandom r, String[] values) {
		return values[r.nextInt(values.length)];
	}
}
