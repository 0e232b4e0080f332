package org.caremap.patient.internal.matching;

import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;

/**
 * Scores how likely two patient records describe the same person, so that registration can warn about a probable
 * duplicate before a second chart is opened, and a reviewer can see why a candidate was offered.
 * <p>
 * The score follows the Fellegi-Sunter idea: each field comparison yields an agreement level, and each level carries
 * a weight in bits, roughly log2(m/u) where m is how often true duplicates show that level and u how often different
 * people do. Names are compared after folding case, accents and punctuation, with Jaro-Winkler and edit distance to
 * absorb typing errors, and with a table of nicknames (William/Bill, José/Pepe). Birth dates accept a swapped day and
 * month. Phones compare on their last ten digits; addresses on house number and street name with street types
 * abbreviated alike. Very common names agree with less weight than rare ones.
 * <p>
 * Fields are not independent within a household: twins, spouses and parents share a family name, an address and a
 * phone. Those shared fields are therefore counted at a fraction of their weight when a personal field (given name,
 * sex, birth date) contradicts, so that a household never outweighs the evidence that it holds two people. The sum of
 * weights is mapped to 0..1 by a logistic curve; {@link #PROBABLE} is the cut above which a pair is offered as the
 * same person.
 */
@NullMarked
public final class MatchScorer {

	/** Score at or above which two records are probably the same person. */
	public static final double PROBABLE = 0.75;

	/** The identifying fields of a patient record; sex is one of female, male, other, unknown. */
	public record Demographics(String givenName, String familyName, @Nullable String middleName, LocalDate birthDate,
			String sex, @Nullable String phone, @Nullable String addressLine, @Nullable String postalCode) {
	}

	/** A score in 0..1 and the fields that agreed, as short words to explain the candidate. */
	public record Match(double score, List<String> reasons) {

		public Match {
			reasons = List.copyOf(reasons);
		}
	}

	private static final double MIDPOINT_BITS = 11.0;
	private static final double BITS_PER_STEP = 2.0;
	private static final double HOUSEHOLD_SHARE_ON_CONFLICT = 0.2;

	private static final double GIVEN_EXACT = 6.5;
	private static final double GIVEN_EXACT_COMMON = 3.25;
	private static final double GIVEN_TOKEN = 4.0;
	private static final double GIVEN_NICKNAME = 5.0;
	private static final double GIVEN_TYPO_PENALTY = 1.5;
	private static final double GIVEN_SIMILAR = 1.5;
	private static final double GIVEN_INITIAL = 1.0;
	private static final double GIVEN_AS_MIDDLE = 3.0;
	private static final double GIVEN_DISAGREE = -7.0;

	private static final double FAMILY_EXACT = 7.0;
	private static final double FAMILY_EXACT_COMMON = 3.75;
	private static final double FAMILY_PARTIAL = 5.5;
	private static final double FAMILY_TYPO_PENALTY = 1.5;
	private static final double FAMILY_SIMILAR = 1.0;
	private static final double FAMILY_DISAGREE = -4.0;

	private static final double MIDDLE_EXACT = 4.0;
	private static final double MIDDLE_INITIAL = 1.0;
	private static final double MIDDLE_TYPO = 2.5;
	private static final double MIDDLE_DISAGREE = -4.0;

	private static final double BIRTH_EXACT = 7.0;
	private static final double BIRTH_SWAPPED = 4.5;
	private static final double BIRTH_SIMILAR = 2.0;
	private static final double BIRTH_DISAGREE = -6.0;
	private static final double BIRTH_FAR = -10.0;

	private static final double SEX_AGREE = 0.5;
	private static final double SEX_AGREE_OTHER = 1.5;
	private static final double SEX_CONFLICT = -7.0;
	private static final double SEX_SOFT_CONFLICT = -1.0;

	private static final double PHONE_AGREE = 3.5;
	private static final double PHONE_DISAGREE = -1.5;
	private static final double ADDRESS_AGREE = 3.0;
	private static final double ADDRESS_SAME_STREET = 0.0;
	private static final double ADDRESS_DISAGREE = -1.5;
	private static final double POSTAL_AGREE = 1.0;
	private static final double POSTAL_DISAGREE = -0.5;

	private static final double TYPO_JARO_WINKLER = 0.90;
	private static final double SIMILAR_JARO_WINKLER = 0.85;

	/** Each entry is one name with its nicknames and spellings; a name may appear in several entries. */
	private static final String[] NICKNAME_GROUPS = {
			"abigail abby abbie gail", "abraham abe bram", "alexander alex alec al xander sandy lex",
			"alexandra alex alexa lexi lexie sandra sandy sasha", "alfred al alf alfie fred freddie",
			"allison alison ali allie", "andrew andy drew", "angela angie", "anthony antony tony",
			"arthur art artie", "albert al bert bertie", "barbara barb barbie babs", "benjamin ben benny benji",
			"katherine catherine kathryn kathleen kate katie kathy cathy kat kay kitty",
			"charles charlie chuck chas chaz chip", "charlotte charlie lottie lotte",
			"christopher chris kit topher", "christina christine kristina kristine chris tina christy kristy kris",
			"cynthia cindy", "daniel dan danny", "danielle dani", "david dave davey", "deborah debra deb debbie",
			"dennis denny", "donald don donnie", "dorothy dot dottie dolly", "douglas doug",
			"edward ed eddie ned ted teddy", "eleanor elinor ellie nell nora", "elijah eli",
			"elizabeth elisabeth liz lizzie lizzy beth betty betsy bess bessie eliza libby lisa elsie",
			"emily em emmy", "eugene gene", "evelyn evie", "frances fran frannie", "francis frank frankie",
			"frederick fred freddy freddie fritz", "gabriel gabe", "gerald gerry jerry", "gregory greg",
			"gwendolyn gwen wendy", "harold harry hal", "henry hank harry hal", "isabella isabel bella izzy",
			"jacob jake", "jacqueline jackie jacquie", "james jim jimmy jamie", "jennifer jen jenn jenny",
			"jessica jess jessie", "john jack johnny jon", "jonathan jon jonny johnny", "joseph joe joey jo",
			"josephine jo josie", "joshua josh", "judith judy jude", "kenneth ken kenny", "kimberly kim kimmy",
			"lawrence laurence larry", "leonard leo len lenny", "louis lou louie",
			"margaret peggy maggie meg marge margie madge greta", "mary molly polly mae mamie",
			"matthew matt matty", "maximilian max", "maxwell max", "melissa missy mel lissa",
			"michael mike mikey mick mickey", "nancy nan", "natalie nat", "nathaniel nathan nate nat",
			"nicholas nick nicky nico", "olivia liv livvy", "pamela pam", "patricia pat patty trish tricia",
			"patrick pat paddy", "peter pete", "philip phillip phil", "raymond ray", "rebecca becky becca",
			"richard rick ricky dick rich richie", "robert bob bobby rob robbie bert", "ronald ron ronnie",
			"samuel sam sammy", "samantha sam sammie", "sarah sara sally sadie", "stanley stan",
			"stephen steven steve stevie", "susan sue susie suzy", "terrence terence terry",
			"theodore ted teddy theo", "thomas tom tommy tomas tomasz", "timothy tim timmy", "tobias toby",
			"victoria vicky vicki tori", "vincent vince vinny", "virginia ginny ginger", "walter walt wally",
			"william bill billy will willie liam", "zachary zach zack", "anne ann anna ana annie anita nan",
			"helen helena nell nellie lena", "jeffrey geoffrey jeff", "cassandra cassie cass",
			"madeline madeleine maddie maddy", "jose pepe pepito chepe", "josefina pepa pepita fina",
			"francisco paco pancho paquito cisco", "francisca paca paquita pancha", "guadalupe lupe lupita",
			"jesus chucho chuy", "ignacio nacho", "enrique quique kike", "concepcion concha conchita",
			"dolores lola lolita", "rosario chayo charo", "manuel manolo manny", "eduardo lalo",
			"guillermo memo", "roberto beto", "alberto beto", "rafael rafa", "santiago santi",
			"antonio tono tonio tony", "mercedes meche", "teresa tere", "isabel chabela isa", "luis lucho",
			"alejandro alejo alex", "fernando nando", "gerardo gera", "ricardo richi ricky", "javier javi",
			"maria mari marita", "juan juanito", "graciela chela", "alfonso poncho",
			"margarita rita margo", "jorge coque", "ramon moncho", "salvador chava", "rodrigo rigo",
			"ernesto neto", "refugio cuca cuquita", "beatriz bea betty", "cristina cris tina",
			"brian bryan", "aidan aiden", "jaden jayden", "sean shawn shaun", "eric erik", "carl karl", "zoe zoey",
			"sofia sophia", "jeremy jeremiah jerry", "lucia lucy", "nora norah", "leah lea", "hannah hanna" };

	/** Given names so frequent that sharing one is weaker evidence. */
	private static final Set<String> COMMON_GIVEN = Set.of("james", "john", "robert", "michael", "william", "david",
			"richard", "joseph", "thomas", "charles", "christopher", "daniel", "matthew", "anthony", "mark", "donald",
			"steven", "paul", "andrew", "joshua", "kevin", "brian", "george", "mary", "patricia", "jennifer", "linda",
			"elizabeth", "barbara", "susan", "jessica", "sarah", "karen", "nancy", "lisa", "margaret", "betty",
			"sandra", "ashley", "emily", "michelle", "maria", "jose", "juan", "carlos", "luis", "ana", "mohammed",
			"muhammad", "wei");

	/** Given names in wide use: two different ones are two names, not one name mistyped. */
	private static final Set<String> KNOWN_GIVEN = words("aaron adam adrian aidan aiden alan albert alex alice "
			+ "alicia amanda amber amelia amy andrea andres angel anna antonio april aria arthur ashley aubrey "
			+ "audrey austin ava avery bailey benjamin bernard beverly billy blake bonnie brandon brenda brendan brian "
			+ "brittany brooke bruce bryan caleb cameron camila carl carla carlos carmen carol caroline carolyn carter "
			+ "cesar chad charlotte chelsea cheryl chloe claire clara colin connor courtney craig crystal dale dana "
			+ "daniela darren dawn dean debbie denise derek diana diane diego dominic dylan edgar edwin elena ella "
			+ "ellen emma eric erica erik erin ernest esther ethan eva evan faith felix gabriela gail gary gavin "
			+ "george georgia gilbert gina glen glenn gloria grace hailey hannah harper hazel heather hector holly "
			+ "hope howard hunter ian irene isaac isaiah ivan jack jaden jade jaime jan jane janet janice jared jasmine "
			+ "jason jayden jean jenna jeremy jill joan joanne jordan josue joy joyce julia julian julie june justin "
			+ "karen karl kayla keith kelly kevin kyle laura lauren leah lee leila lila lillian lily linda logan lucas "
			+ "lucia luisa luke lydia lynn mackenzie madison mario marie marilyn mark martha martin marvin mason maya "
			+ "megan melanie mia miguel mila miriam monica morgan nadia naomi nathan neil nicole nina noah nora norma "
			+ "oliver omar oscar owen paige paul paula pedro penelope peyton piper rachel ralph ramona randy reed "
			+ "regina renee rhonda riley rita roger roman rose roy ruby russell ruth ryan sabrina sadie sandra scott "
			+ "sean sergio seth shane shannon sharon shawn sheila shirley sierra simon sofia sophia stella stacy "
			+ "sylvia tamara tara taylor terry tiffany todd tracy travis troy tyler valerie vanessa vera vernon "
			+ "victor violet wade wanda wayne wendy wesley whitney wyatt xavier yolanda yvonne zoe "
			+ "ahmed ali fatima hassan hussein ibrahim khalid mohammed muhammad mustafa yusuf aisha mariam layla "
			+ "priya rahul arjun anjali deepak sanjay wei jun ming mei li ying yan minh linh kwame kofi amara "
			+ "francesca tomasz piotr jan giovanni giuseppe hans pierre sergei olga");

	/** Family names so frequent that sharing one is weaker evidence. */
	private static final Set<String> COMMON_FAMILY = Set.of("smith", "johnson", "williams", "brown", "jones",
			"garcia", "miller", "davis", "rodriguez", "martinez", "hernandez", "lopez", "gonzalez", "wilson",
			"anderson", "thomas", "taylor", "moore", "jackson", "martin", "lee", "perez", "thompson", "white",
			"harris", "sanchez", "clark", "ramirez", "lewis", "robinson", "walker", "young", "allen", "king",
			"wright", "scott", "torres", "nguyen", "hill", "flores", "green", "adams", "nelson", "baker", "hall",
			"rivera", "campbell", "mitchell", "carter", "roberts", "kim", "patel", "tran", "wang", "li", "zhang",
			"chen", "singh", "khan");

	private static final Set<String> NAME_PARTICLES = Set.of("de", "del", "la", "las", "los", "y", "da", "das",
			"dos", "di", "van", "von", "der", "den", "al", "el", "bin");

	private static final Set<String> NAME_SUFFIXES = Set.of("jr", "sr", "ii", "iii", "iv");

	private static final Map<String, String> ADDRESS_WORDS = addressWords();

	private static final Set<String> STREET_TYPES = Set.of("st", "ave", "rd", "blvd", "dr", "ln", "ct", "pl", "ter",
			"cir", "hwy", "pkwy", "sq", "way", "trl", "aly");

	private static final Set<String> DIRECTIONS = Set.of("n", "s", "e", "w", "ne", "nw", "se", "sw");

	private final Map<String, Set<Integer>> nicknameGroups = new HashMap<>();

	public MatchScorer() {
		for (int group = 0; group < NICKNAME_GROUPS.length; group++) {
			for (String name : NICKNAME_GROUPS[group].split(" ")) {
				nicknameGroups.computeIfAbsent(name, n -> new HashSet<>()).add(group);
			}
		}
	}

	/** Scores the pair; the result is symmetric in a and b. */
	public Match score(Demographics a, Demographics b) {
		Tally tally = new Tally();
		NameLevel given = weighNames(a, b, tally);
		NameLevel middle = weighMiddleNames(a, b, tally);
		DateLevel birth = weighBirthDates(a.birthDate(), b.birthDate(), tally);
		boolean sexConflict = weighSex(a.sex(), b.sex(), tally);
		weighContact(a, b, tally);
		boolean personalConflict = given == NameLevel.DISAGREE || middle == NameLevel.DISAGREE || sexConflict
				|| birth == DateLevel.DISAGREE || birth == DateLevel.FAR;
		double bits = tally.personal + (personalConflict && tally.household > 0
				? tally.household * HOUSEHOLD_SHARE_ON_CONFLICT : tally.household);
		double score = 1.0 / (1.0 + Math.pow(2.0, -(bits - MIDPOINT_BITS) / BITS_PER_STEP));
		return new Match(score, tally.reasons);
	}

	/** Weights gathered for one pair: personal fields, fields a household shares, and the words explaining them. */
	private static final class Tally {

		private double personal;
		private double household;
		private final List<String> reasons = new ArrayList<>();

		void personal(double bits, @Nullable String reason) {
			personal += bits;
			if (reason != null) {
				reasons.add(reason);
			}
		}

		void household(double bits, @Nullable String reason) {
			household += bits;
			if (reason != null) {
				reasons.add(reason);
			}
		}
	}

	private NameLevel weighNames(Demographics a, Demographics b, Tally tally) {
		List<String> givenA = nameTokens(a.givenName(), false);
		List<String> givenB = nameTokens(b.givenName(), false);
		List<String> familyA = nameTokens(a.familyName(), true);
		List<String> familyB = nameTokens(b.familyName(), true);

		NameLevel given = compareGiven(givenA, givenB);
		if (given == NameLevel.DISAGREE && (matchesMiddle(givenA, b.middleName())
				|| matchesMiddle(givenB, a.middleName()))) {
			given = NameLevel.AS_MIDDLE;
		}
		NameLevel family = compareFamily(familyA, familyB);
		boolean bothExact = given == NameLevel.EXACT && family == NameLevel.EXACT;

		double givenExact = isCommon(givenA, COMMON_GIVEN) || isCommon(givenB, COMMON_GIVEN) ? GIVEN_EXACT_COMMON
				: GIVEN_EXACT;
		switch (given) {
			case EXACT -> tally.personal(givenExact, bothExact ? "name" : "given-name");
			case TOKEN -> tally.personal(Math.min(givenExact, GIVEN_TOKEN), "given-name");
			case NICKNAME -> tally.personal(GIVEN_NICKNAME, "nickname");
			case TYPO -> tally.personal(givenExact - GIVEN_TYPO_PENALTY, "given-name-similar");
			case SIMILAR -> tally.personal(GIVEN_SIMILAR, "given-name-similar");
			case INITIAL -> tally.personal(GIVEN_INITIAL, "given-initial");
			case AS_MIDDLE -> tally.personal(GIVEN_AS_MIDDLE, "given-name-as-middle");
			case DISAGREE -> tally.personal(GIVEN_DISAGREE, null);
			case MISSING -> {
			}
		}

		double familyExact = isCommon(familyA, COMMON_FAMILY) || isCommon(familyB, COMMON_FAMILY)
				? FAMILY_EXACT_COMMON : FAMILY_EXACT;
		switch (family) {
			case EXACT -> tally.household(familyExact, bothExact ? null : "family-name");
			case TOKEN -> tally.household(Math.min(familyExact, FAMILY_PARTIAL), "family-name-partial");
			case TYPO -> tally.household(familyExact - FAMILY_TYPO_PENALTY, "family-name-similar");
			case SIMILAR -> tally.household(FAMILY_SIMILAR, "family-name-similar");
			case DISAGREE -> tally.household(FAMILY_DISAGREE, null);
			default -> {
			}
		}
		return given;
	}

	private NameLevel weighMiddleNames(Demographics a, Demographics b, Tally tally) {
		NameLevel middle = compareMiddle(a.middleName(), b.middleName());
		switch (middle) {
			case EXACT, TOKEN -> tally.personal(MIDDLE_EXACT, "middle-name");
			case TYPO, NICKNAME -> tally.personal(MIDDLE_TYPO, "middle-name");
			case INITIAL -> tally.personal(MIDDLE_INITIAL, "middle-initial");
			case DISAGREE -> tally.personal(MIDDLE_DISAGREE, null);
			default -> {
			}
		}
		return middle;
	}

	private static DateLevel weighBirthDates(LocalDate a, LocalDate b, Tally tally) {
		DateLevel birth = compareBirthDates(a, b);
		switch (birth) {
			case EXACT -> tally.personal(BIRTH_EXACT, "birth-date");
			case SWAPPED -> tally.personal(BIRTH_SWAPPED, "birth-date-swapped");
			case SIMILAR -> tally.personal(BIRTH_SIMILAR, "birth-date-similar");
			case DISAGREE -> tally.personal(BIRTH_DISAGREE, null);
			case FAR -> tally.personal(BIRTH_FAR, null);
		}
		return birth;
	}

	private static boolean weighSex(String a, String b, Tally tally) {
		String sexA = a.trim().toLowerCase(Locale.ROOT);
		String sexB = b.trim().toLowerCase(Locale.ROOT);
		if (!isKnownSex(sexA) || !isKnownSex(sexB)) {
			return false;
		}
		if (sexA.equals(sexB)) {
			tally.personal(sexA.equals("other") ? SEX_AGREE_OTHER : SEX_AGREE, "sex");
			return false;
		}
		if (sexA.equals("other") || sexB.equals("other")) {
			tally.personal(SEX_SOFT_CONFLICT, null);
			return false;
		}
		tally.personal(SEX_CONFLICT, null);
		return true;
	}

	private static void weighContact(Demographics a, Demographics b, Tally tally) {
		String phoneA = phoneDigits(a.phone());
		String phoneB = phoneDigits(b.phone());
		if (phoneA != null && phoneB != null) {
			if (phonesAgree(phoneA, phoneB)) {
				tally.household(PHONE_AGREE, "phone");
			}
			else {
				tally.household(PHONE_DISAGREE, null);
			}
		}

		Address addressA = Address.parse(a.addressLine());
		Address addressB = Address.parse(b.addressLine());
		if (addressA != null && addressB != null) {
			switch (addressA.compare(addressB)) {
				case SAME -> tally.household(ADDRESS_AGREE, "address");
				case SAME_STREET -> tally.household(ADDRESS_SAME_STREET, null);
				case DIFFERENT -> tally.household(ADDRESS_DISAGREE, null);
			}
		}

		String postalA = postal(a.postalCode());
		String postalB = postal(b.postalCode());
		if (postalA != null && postalB != null) {
			if (postalA.equals(postalB)) {
				tally.household(POSTAL_AGREE, "postal-code");
			}
			else {
				tally.household(POSTAL_DISAGREE, null);
			}
		}
	}

	private enum NameLevel {
		EXACT, TOKEN, NICKNAME, TYPO, SIMILAR, INITIAL, AS_MIDDLE, DISAGREE, MISSING
	}

	private enum DateLevel {
		EXACT, SWAPPED, SIMILAR, DISAGREE, FAR
	}

	private NameLevel compareGiven(List<String> a, List<String> b) {
		if (a.isEmpty() || b.isEmpty()) {
			return NameLevel.MISSING;
		}
		String joinedA = String.join("", a);
		String joinedB = String.join("", b);
		if (joinedA.equals(joinedB)) {
			return NameLevel.EXACT;
		}
		if (a.get(0).equals(b.get(0)) && a.get(0).length() > 1) {
			return NameLevel.TOKEN;
		}
		if (areNicknames(a, b)) {
			return NameLevel.NICKNAME;
		}
		if (isKnownName(joinedA) && isKnownName(joinedB) && !isTransposition(joinedA, joinedB)) {
			return NameLevel.DISAGREE;
		}
		if (isTypo(joinedA, joinedB) || isTypo(a.get(0), b.get(0))) {
			return NameLevel.TYPO;
		}
		if (joinedA.length() == 1 || joinedB.length() == 1) {
			return joinedA.charAt(0) == joinedB.charAt(0) ? NameLevel.INITIAL : NameLevel.DISAGREE;
		}
		if (isSimilar(joinedA, joinedB)) {
			return NameLevel.SIMILAR;
		}
		return NameLevel.DISAGREE;
	}

	private NameLevel compareFamily(List<String> a, List<String> b) {
		if (a.isEmpty() || b.isEmpty()) {
			return NameLevel.MISSING;
		}
		String joinedA = String.join("", a);
		String joinedB = String.join("", b);
		if (joinedA.equals(joinedB)) {
			return NameLevel.EXACT;
		}
		List<String> coreA = withoutParticles(a);
		List<String> coreB = withoutParticles(b);
		if (String.join("", coreA).equals(String.join("", coreB))) {
			return NameLevel.EXACT;
		}
		if (coreA.size() != coreB.size() || coreA.size() > 1) {
			List<String> shorter = coreA.size() <= coreB.size() ? coreA : coreB;
			List<String> longer = shorter == coreA ? coreB : coreA;
			if (!shorter.isEmpty() && everyTokenFound(shorter, longer)) {
				return shorter.size() == longer.size() ? NameLevel.EXACT : NameLevel.TOKEN;
			}
		}
		if (isTypo(joinedA, joinedB)) {
			return NameLevel.TYPO;
		}
		if (isSimilar(joinedA, joinedB)) {
			return NameLevel.SIMILAR;
		}
		return NameLevel.DISAGREE;
	}

	private NameLevel compareMiddle(@Nullable String a, @Nullable String b) {
		List<String> tokensA = nameTokens(a, false);
		List<String> tokensB = nameTokens(b, false);
		if (tokensA.isEmpty() || tokensB.isEmpty()) {
			return NameLevel.MISSING;
		}
		String first = tokensA.get(0);
		String second = tokensB.get(0);
		if (first.length() == 1 || second.length() == 1) {
			return first.charAt(0) == second.charAt(0) ? NameLevel.INITIAL : NameLevel.DISAGREE;
		}
		NameLevel level = compareGiven(tokensA, tokensB);
		return level == NameLevel.SIMILAR ? NameLevel.DISAGREE : level;
	}

	private boolean matchesMiddle(List<String> given, @Nullable String middle) {
		List<String> middleTokens = nameTokens(middle, false);
		if (given.isEmpty() || middleTokens.isEmpty() || middleTokens.get(0).length() < 2) {
			return false;
		}
		return given.get(0).equals(middleTokens.get(0));
	}

	private boolean areNicknames(List<String> a, List<String> b) {
		for (String x : a) {
			for (String y : b) {
				if (sameGroup(x, y)) {
					return true;
				}
			}
		}
		for (String x : a) {
			for (String y : b) {
				if (nearGroup(x, y) || nearGroup(y, x)) {
					return true;
				}
			}
		}
		return false;
	}

	private boolean sameGroup(String x, String y) {
		Set<Integer> groupsX = nicknameGroups.get(x);
		Set<Integer> groupsY = nicknameGroups.get(y);
		if (groupsX == null || groupsY == null) {
			return false;
		}
		for (Integer group : groupsX) {
			if (groupsY.contains(group)) {
				return true;
			}
		}
		return false;
	}

	private boolean isKnownName(String name) {
		return nicknameGroups.containsKey(name) || KNOWN_GIVEN.contains(name);
	}

	private boolean nearGroup(String known, String misspelt) {
		Set<Integer> groups = nicknameGroups.get(known);
		if (groups == null || misspelt.length() < 3 || isKnownName(misspelt)) {
			return false;
		}
		for (Integer group : groups) {
			for (String member : NICKNAME_GROUPS[group].split(" ")) {
				if (!member.equals(known) && member.length() >= 3 && isTypo(member, misspelt)) {
					return true;
				}
			}
		}
		return false;
	}

	private static boolean everyTokenFound(List<String> needles, List<String> haystack) {
		for (String needle : needles) {
			boolean found = false;
			for (String token : haystack) {
				if (token.equals(needle) || (needle.length() >= 4 && isTypo(token, needle))) {
					found = true;
					break;
				}
			}
			if (!found) {
				return false;
			}
		}
		return true;
	}

	private static List<String> withoutParticles(List<String> tokens) {
		List<String> core = new ArrayList<>();
		for (String token : tokens) {
			if (!NAME_PARTICLES.contains(token)) {
				core.add(token);
			}
		}
		return core.isEmpty() ? tokens : core;
	}

	private static boolean isCommon(List<String> tokens, Set<String> common) {
		return tokens.size() == 1 && common.contains(tokens.get(0));
	}

	private static boolean isTypo(String a, String b) {
		int shorter = Math.min(a.length(), b.length());
		if (shorter < 2) {
			return false;
		}
		if (isTransposition(a, b)) {
			return true;
		}
		int distance = editDistance(a, b);
		if (distance <= 1 && shorter >= 3) {
			return true;
		}
		double similarity = jaroWinkler(a, b);
		if (shorter >= 7 && distance <= 2 && similarity >= SIMILAR_JARO_WINKLER) {
			return true;
		}
		return similarity >= TYPO_JARO_WINKLER && distance <= Math.max(1, shorter / 3);
	}

	private static boolean isTransposition(String a, String b) {
		if (a.length() != b.length()) {
			return false;
		}
		int first = -1;
		for (int i = 0; i < a.length(); i++) {
			if (a.charAt(i) != b.charAt(i)) {
				if (first >= 0) {
					return i == first + 1 && a.charAt(first) == b.charAt(i) && a.charAt(i) == b.charAt(first)
							&& a.substring(i + 1).equals(b.substring(i + 1));
				}
				first = i;
			}
		}
		return false;
	}

	private static boolean isSimilar(String a, String b) {
		return Math.min(a.length(), b.length()) >= 4 && jaroWinkler(a, b) >= SIMILAR_JARO_WINKLER
				&& editDistance(a, b) <= 2;
	}

	private static boolean isKnownSex(String sex) {
		return sex.equals("female") || sex.equals("male") || sex.equals("other");
	}

	private static DateLevel compareBirthDates(LocalDate a, LocalDate b) {
		if (a.equals(b)) {
			return DateLevel.EXACT;
		}
		if (a.getYear() == b.getYear() && a.getMonthValue() == b.getDayOfMonth()
				&& a.getDayOfMonth() == b.getMonthValue()) {
			return DateLevel.SWAPPED;
		}
		boolean sameYear = a.getYear() == b.getYear();
		boolean sameMonth = a.getMonthValue() == b.getMonthValue();
		boolean sameDay = a.getDayOfMonth() == b.getDayOfMonth();
		if (sameYear && sameMonth && digitSlip(a.getDayOfMonth(), b.getDayOfMonth(), 2)) {
			return DateLevel.SIMILAR;
		}
		if (sameYear && sameDay && digitSlip(a.getMonthValue(), b.getMonthValue(), 2)) {
			return DateLevel.SIMILAR;
		}
		if (sameMonth && sameDay && digitSlip(a.getYear(), b.getYear(), 4)) {
			return DateLevel.SIMILAR;
		}
		return Math.abs(a.getYear() - b.getYear()) >= 10 ? DateLevel.FAR : DateLevel.DISAGREE;
	}

	private static boolean digitSlip(int a, int b, int width) {
		String format = "%0" + width + "d";
		return editDistance(String.format(Locale.ROOT, format, a), String.format(Locale.ROOT, format, b)) <= 1;
	}

	private static @Nullable String phoneDigits(@Nullable String phone) {
		if (phone == null) {
			return null;
		}
		StringBuilder digits = new StringBuilder();
		for (int i = 0; i < phone.length(); i++) {
			char c = phone.charAt(i);
			if (c >= '0' && c <= '9') {
				digits.append(c);
			}
		}
		if (digits.length() < 7) {
			return null;
		}
		return digits.length() > 10 ? digits.substring(digits.length() - 10) : digits.toString();
	}

	private static boolean phonesAgree(String a, String b) {
		if (a.equals(b)) {
			return true;
		}
		if (a.length() == 7 || b.length() == 7) {
			return a.endsWith(b) || b.endsWith(a);
		}
		return false;
	}

	private static @Nullable String postal(@Nullable String code) {
		if (code == null) {
			return null;
		}
		StringBuilder kept = new StringBuilder();
		for (int i = 0; i < code.length(); i++) {
			char c = Character.toLowerCase(code.charAt(i));
			if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z')) {
				kept.append(c);
			}
		}
		if (kept.length() < 3) {
			return null;
		}
		return kept.length() > 5 ? kept.substring(0, 5) : kept.toString();
	}

	private enum AddressLevel {
		SAME, SAME_STREET, DIFFERENT
	}

	private record Address(String number, String street, String type, String full) {

		static @Nullable Address parse(@Nullable String line) {
			if (line == null) {
				return null;
			}
			String folded = fold(line).replace("#", " unit ");
			List<String> tokens = new ArrayList<>();
			for (String raw : folded.split("[^a-z0-9]+")) {
				if (!raw.isEmpty()) {
					tokens.add(ADDRESS_WORDS.getOrDefault(raw, raw));
				}
			}
			if (tokens.isEmpty()) {
				return null;
			}
			String number = "";
			int start = 0;
			if (Character.isDigit(tokens.get(0).charAt(0))) {
				number = tokens.get(0);
				start = 1;
			}
			StringBuilder street = new StringBuilder();
			String type = "";
			for (int i = start; i < tokens.size(); i++) {
				String token = tokens.get(i);
				if (token.equals("unit")) {
					break;
				}
				if (STREET_TYPES.contains(token) && i > start) {
					type = token;
				}
				else if (!DIRECTIONS.contains(token)) {
					street.append(token);
				}
			}
			return new Address(number, street.toString(), type, String.join("", tokens));
		}

		AddressLevel compare(Address other) {
			if (number.isEmpty() || other.number.isEmpty() || street.isEmpty() || other.street.isEmpty()) {
				return full.equals(other.full) ? AddressLevel.SAME : AddressLevel.DIFFERENT;
			}
			boolean sameStreet = street.equals(other.street)
					|| (Math.min(street.length(), other.street.length()) >= 4 && isTypo(street, other.street));
			boolean sameType = type.isEmpty() || other.type.isEmpty() || type.equals(other.type);
			if (!sameStreet || !sameType) {
				return AddressLevel.DIFFERENT;
			}
			return number.equals(other.number) ? AddressLevel.SAME : AddressLevel.SAME_STREET;
		}
	}

	private static Set<String> words(String text) {
		return Set.copyOf(List.of(text.split(" ")));
	}

	private static Map<String, String> addressWords() {
		Map<String, String> words = new HashMap<>();
		String[][] synonyms = { { "st", "street", "str" }, { "ave", "avenue", "av", "avn" }, { "rd", "road" },
				{ "blvd", "boulevard", "boul" }, { "dr", "drive", "drv" }, { "ln", "lane" }, { "ct", "court" },
				{ "pl", "place" }, { "ter", "terrace", "terr" }, { "cir", "circle" }, { "hwy", "highway" },
				{ "pkwy", "parkway", "pky" }, { "sq", "square" }, { "way", "wy" }, { "trl", "trail" },
				{ "aly", "alley" }, { "n", "north" }, { "s", "south" }, { "e", "east" }, { "w", "west" },
				{ "ne", "northeast" }, { "nw", "northwest" }, { "se", "southeast" }, { "sw", "southwest" },
				{ "unit", "apt", "apartment", "suite", "ste", "no", "fl", "floor", "rm", "room" },
				{ "mt", "mount" }, { "ft", "fort" }, { "1st", "first" }, { "2nd", "second" },
				{ "3rd", "third" }, { "4th", "fourth" }, { "5th", "fifth" }, { "6th", "sixth" },
				{ "7th", "seventh" }, { "8th", "eighth" }, { "9th", "ninth" }, { "10th", "tenth" } };
		for (String[] group : synonyms) {
			for (String word : group) {
				words.put(word, group[0]);
			}
		}
		return Map.copyOf(words);
	}

	private static List<String> nameTokens(@Nullable String name, boolean dropSuffixes) {
		List<String> tokens = new ArrayList<>();
		if (name == null) {
			return tokens;
		}
		String folded = fold(name).replaceAll("['\u2019`\u00b4]", "");
		for (String token : folded.split("[^a-z]+")) {
			if (!token.isEmpty() && !(dropSuffixes && NAME_SUFFIXES.contains(token))) {
				tokens.add(token);
			}
		}
		return tokens;
	}

	private static String fold(String text) {
		String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
		StringBuilder folded = new StringBuilder(decomposed.length());
		for (int i = 0; i < decomposed.length(); i++) {
			char c = decomposed.charAt(i);
			if (Character.getType(c) == Character.NON_SPACING_MARK) {
				continue;
			}
			switch (Character.toLowerCase(c)) {
				case '\u0142' -> folded.append('l');
				case '\u00f8' -> folded.append('o');
				case '\u0111', '\u00f0' -> folded.append('d');
				case '\u00df' -> folded.append("ss");
				case '\u00e6' -> folded.append("ae");
				case '\u0153' -> folded.append("oe");
				case '\u0131' -> folded.append('i');
				default -> folded.append(Character.toLowerCase(c));
			}
		}
		return folded.toString().toLowerCase(Locale.ROOT);
	}

	/** Jaro-Winkler similarity in 0..1, with the usual prefix scale 0.1 over at most four characters. */
	static double jaroWinkler(String a, String b) {
		if (a.equals(b)) {
			return a.isEmpty() ? 0.0 : 1.0;
		}
		if (a.isEmpty() || b.isEmpty()) {
			return 0.0;
		}
		int window = Math.max(0, Math.max(a.length(), b.length()) / 2 - 1);
		boolean[] matchedA = new boolean[a.length()];
		boolean[] matchedB = new boolean[b.length()];
		int matches = 0;
		for (int i = 0; i < a.length(); i++) {
			int from = Math.max(0, i - window);
			int to = Math.min(b.length() - 1, i + window);
			for (int j = from; j <= to; j++) {
				if (!matchedB[j] && a.charAt(i) == b.charAt(j)) {
					matchedA[i] = true;
					matchedB[j] = true;
					matches++;
					break;
				}
			}
		}
		if (matches == 0) {
			return 0.0;
		}
		int halfTranspositions = 0;
		int j = 0;
		for (int i = 0; i < a.length(); i++) {
			if (!matchedA[i]) {
				continue;
			}
			while (!matchedB[j]) {
				j++;
			}
			if (a.charAt(i) != b.charAt(j)) {
				halfTranspositions++;
			}
			j++;
		}
		double m = matches;
		double jaro = (m / a.length() + m / b.length() + (m - halfTranspositions / 2.0) / m) / 3.0;
		int prefix = 0;
		int limit = Math.min(4, Math.min(a.length(), b.length()));
		while (prefix < limit && a.charAt(prefix) == b.charAt(prefix)) {
			prefix++;
		}
		return jaro + prefix * 0.1 * (1.0 - jaro);
	}

	/** Edit distance counting insertions, deletions, substitutions and adjacent transpositions as one each. */
	static int editDistance(String a, String b) {
		int[][] d = new int[a.length() + 1][b.length() + 1];
		for (int i = 0; i <= a.length(); i++) {
			d[i][0] = i;
		}
		for (int j = 0; j <= b.length(); j++) {
			d[0][j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			for (int j = 1; j <= b.length(); j++) {
				int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
				int best = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
				if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
					best = Math.min(best, d[i - 2][j - 2] + 1);
				}
				d[i][j] = best;
			}
		}
		return d[a.length()][b.length()];
	}
}
