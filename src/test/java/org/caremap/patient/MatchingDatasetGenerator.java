package org.caremap.patient;

import java.text.Normalizer;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.caremap.patient.internal.matching.MatchScorer.Demographics;
import org.jspecify.annotations.Nullable;

/**
 * Builds a labelled set of record pairs for measuring duplicate detection: the same person registered twice with the
 * slips that happen at a front desk (typos, nicknames, swapped day and month, a new phone, a move), and different
 * people who look alike (twins, a household, two John Smiths born the same day, a brother and sister).
 * <p>
 * Its names, nicknames and typing errors are its own, written apart from the matcher, so the measurement does not
 * merely replay the matcher's tables. The same seed always yields the same pairs.
 */
final class MatchingDatasetGenerator {

	/** Two records, whether they are the same person, and how the pair was made. */
	record LabelledPair(Demographics a, Demographics b, boolean samePerson, String kind) {
	}

	static final List<String> DUPLICATE_KINDS = List.of("typo-given", "typo-family", "transposition", "nickname",
			"day-month-swap", "changed-phone", "missing-middle", "case-and-punctuation", "moved-address",
			"partial-hyphenated-family");

	static final List<String> DISTINCT_KINDS = List.of("twins", "relatives-same-household", "common-name-same-dob",
			"different-sex-otherwise-similar", "random-different-people");

	private static final int DUPLICATES_PER_KIND = 55;
	private static final int COMBINED_DUPLICATES = 180;
	private static final int[] DISTINCT_COUNTS = { 160, 160, 150, 130, 110 };

	private enum Origin {
		ANGLO(34), HISPANIC(24), EAST_ASIAN(8), SOUTH_ASIAN(7), ARABIC(6), AFRICAN(6), EUROPEAN(10), IRISH(5);

		final int weight;

		Origin(int weight) {
			this.weight = weight;
		}
	}

	private static final String[][] MALE = {
			{ "James", "John", "Robert", "Michael", "William", "David", "Richard", "Joseph", "Thomas", "Charles",
					"Christopher", "Daniel", "Matthew", "Anthony", "Mark", "Donald", "Steven", "Paul", "Andrew",
					"Joshua", "Kenneth", "Kevin", "Brian", "George", "Timothy", "Ronald", "Edward", "Jason", "Jeffrey",
					"Ryan", "Jacob", "Gary", "Nicholas", "Eric", "Jonathan", "Stephen", "Larry", "Justin", "Scott",
					"Brandon", "Benjamin", "Samuel", "Gregory", "Alexander", "Frank", "Patrick", "Raymond", "Jack",
					"Dennis", "Jerry", "Tyler", "Aaron", "Henry", "Douglas", "Nathan", "Peter", "Zachary", "Kyle",
					"Walter", "Harold", "Jeremy", "Ethan", "Carl", "Keith", "Roger", "Gerald", "Christian", "Terry",
					"Sean", "Arthur", "Austin", "Noah", "Lawrence", "Jesse", "Dylan", "Bryan", "Joe", "Jordan",
					"Billy", "Bruce", "Albert", "Willie", "Gabriel", "Logan", "Alan", "Juan", "Wayne", "Elijah", "Randy",
					"Roy", "Vincent", "Ralph", "Eugene", "Russell", "Bobby", "Mason", "Philip", "Louis", "Theodore",
					"Stanley", "Leonard", "Frederick", "Tobias", "Isaac", "Caleb", "Owen", "Wyatt", "Colton" },
			{ "José", "Juan", "Luis", "Carlos", "Jesús", "Francisco", "Miguel", "Alejandro", "Manuel", "Jorge",
					"Ricardo", "Eduardo", "Fernando", "Javier", "Roberto", "Rafael", "Sergio", "Andrés", "Guillermo",
					"Ignacio", "Enrique", "Antonio", "Héctor", "Raúl", "Ramón", "Arturo", "Alberto", "Óscar", "Diego",
					"Santiago", "Joaquín", "Rubén", "Gerardo", "Salvador", "Rodrigo", "Ernesto", "Alfonso", "Julián",
					"Mateo", "Emiliano", "Tomás", "Pedro", "Víctor", "Adrián", "Gustavo" },
			{ "Wei", "Jun", "Hao", "Ming", "Jian", "Minh", "Tuan", "Duc", "Quang", "Hoang", "Min-jun", "Seo-jun",
					"Ji-ho", "Hiroshi", "Kenji", "Takeshi", "Haruto", "Chen", "Zhi", "Bao" },
			{ "Rahul", "Arjun", "Sanjay", "Deepak", "Vikram", "Amit", "Rajesh", "Ravi", "Anil", "Suresh", "Karthik",
					"Pranav", "Aditya", "Rohan", "Harpreet", "Gurpreet", "Imran", "Faisal" },
			{ "Mohammed", "Muhammad", "Ahmed", "Omar", "Ali", "Hassan", "Hussein", "Youssef", "Khalid", "Ibrahim",
					"Mustafa", "Tariq", "Karim", "Samir", "Nabil", "Rami", "Bilal", "Hamza" },
			{ "Kwame", "Kofi", "Chidi", "Emeka", "Oluwaseun", "Tunde", "Abebe", "Tesfaye", "Jabari", "Thabo",
					"Sipho", "Chukwuemeka", "Babajide", "Mamadou", "Ousmane", "Moussa" },
			{ "Piotr", "Tomasz", "Krzysztof", "Jan", "Dmitri", "Sergei", "Ivan", "Andrei", "Giuseppe", "Marco",
					"Luca", "Giovanni", "Hans", "Klaus", "Jürgen", "Stefan", "Pierre", "Jean-Luc", "François",
					"Lars", "Sven", "Mikael", "Nikolai", "Milan" },
			{ "Sean", "Patrick", "Liam", "Cian", "Ciarán", "Declan", "Eoin", "Niall", "Padraig", "Rory", "Conor",
					"Brendan", "Seamus", "Darragh", "Fergus" } };

	private static final String[][] FEMALE = {
			{ "Mary", "Patricia", "Jennifer", "Linda", "Elizabeth", "Barbara", "Susan", "Jessica", "Sarah", "Karen",
					"Lisa", "Nancy", "Betty", "Margaret", "Sandra", "Ashley", "Kimberly", "Emily", "Donna", "Michelle",
					"Carol", "Amanda", "Dorothy", "Melissa", "Deborah", "Stephanie", "Rebecca", "Sharon", "Laura",
					"Cynthia", "Kathleen", "Amy", "Angela", "Shirley", "Anna", "Brenda", "Pamela", "Emma", "Nicole",
					"Helen", "Samantha", "Katherine", "Christine", "Debra", "Rachel", "Carolyn", "Janet", "Catherine",
					"Maria", "Heather", "Diane", "Ruth", "Julie", "Olivia", "Joyce", "Virginia", "Victoria", "Kelly",
					"Lauren", "Christina", "Joan", "Evelyn", "Judith", "Megan", "Andrea", "Cheryl", "Hannah", "Jacqueline",
					"Martha", "Gloria", "Teresa", "Ann", "Sara", "Madison", "Frances", "Kathryn", "Janice", "Jean",
					"Abigail", "Alice", "Judy", "Sophia", "Grace", "Denise", "Amber", "Doris", "Marilyn", "Danielle",
					"Beverly", "Isabella", "Theresa", "Diana", "Natalie", "Brittany", "Charlotte", "Marie", "Kayla",
					"Alexis", "Lori", "Eleanor", "Josephine", "Zoë", "Renée", "Mary-Kate", "Anne-Marie", "Chloé" },
			{ "María", "Guadalupe", "Juana", "Margarita", "Verónica", "Leticia", "Rosa", "Francisca", "Josefina",
					"Dolores", "Concepción", "Rosario", "Mercedes", "Teresa", "Isabel", "Carmen", "Ana", "Lucía",
					"Sofía", "Valentina", "Camila", "Ximena", "Graciela", "Beatriz", "Alejandra", "Adriana", "Gabriela",
					"Patricia", "Yolanda", "Silvia", "Lourdes", "Esperanza", "Marisol", "Paola", "Daniela", "Fernanda",
					"Itzel", "Araceli", "Socorro", "Refugio" },
			{ "Mei", "Li", "Xiu", "Ying", "Jing", "Yan", "Lan", "Linh", "Huong", "Thuy", "Trang", "Ngoc", "Mai",
					"Ji-woo", "Seo-yeon", "Min-ji", "Yuki", "Akiko", "Haruka", "Sakura" },
			{ "Priya", "Anjali", "Sunita", "Lakshmi", "Deepa", "Kavya", "Pooja", "Neha", "Divya", "Meera", "Asha",
					"Shreya", "Ananya", "Simran", "Nisha", "Fatima" },
			{ "Fatima", "Aisha", "Layla", "Mariam", "Noor", "Zainab", "Huda", "Yasmin", "Salma", "Rania", "Amira",
					"Leila", "Hana", "Samira", "Dalia" },
			{ "Ngozi", "Amara", "Chiamaka", "Adaeze", "Folake", "Abena", "Akosua", "Thandiwe", "Nomvula", "Zodwa",
					"Aminata", "Fatoumata", "Makeda", "Wanjiru", "Nia" },
			{ "Katarzyna", "Agnieszka", "Małgorzata", "Olga", "Svetlana", "Natasha", "Giulia", "Francesca", "Chiara",
					"Greta", "Ingrid", "Annika", "Brigitte", "Sabine", "Élodie", "Margot", "Hélène", "Björk", "Lena",
					"Zofia" },
			{ "Siobhan", "Niamh", "Aoife", "Saoirse", "Caoimhe", "Róisín", "Orla", "Sinéad", "Grainne", "Maeve",
					"Clodagh", "Eimear", "Ciara", "Bridget", "Deirdre" } };

	private static final String[][] FAMILY = {
			{ "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson", "Taylor",
					"Thomas", "Moore", "Jackson", "Martin", "Thompson", "White", "Harris", "Clark", "Lewis", "Robinson",
					"Walker", "Young", "Allen", "King", "Wright", "Scott", "Hill", "Green", "Adams", "Nelson", "Baker",
					"Hall", "Campbell", "Mitchell", "Carter", "Roberts", "Phillips", "Evans", "Turner", "Parker",
					"Collins", "Edwards", "Stewart", "Morris", "Murphy", "Cook", "Rogers", "Morgan", "Cooper",
					"Peterson", "Bailey", "Reed", "Kelly", "Howard", "Cox", "Ward", "Richardson", "Watson", "Brooks",
					"Wood", "James", "Bennett", "Gray", "Hughes", "Price", "Sanders", "Myers", "Long", "Ross", "Foster",
					"Whitfield", "Pemberton", "Ashworth", "Blackwood", "Hollingsworth", "Fairbanks", "Thornton",
					"Wakefield", "Kingsley", "Whitaker" },
			{ "García", "Rodríguez", "Martínez", "Hernández", "López", "González", "Pérez", "Sánchez", "Ramírez",
					"Torres", "Flores", "Rivera", "Gómez", "Díaz", "Reyes", "Morales", "Cruz", "Ortiz", "Gutiérrez",
					"Chávez", "Ramos", "Ruiz", "Álvarez", "Mendoza", "Vásquez", "Castillo", "Jiménez", "Moreno",
					"Romero", "Herrera", "Medina", "Aguilar", "Vargas", "Guzmán", "Núñez", "Peña", "Muñoz", "Ibáñez",
					"Salazar", "Delgado", "Cabrera", "Espinoza", "Villanueva", "Zamora", "Olvera", "de la Cruz",
					"Valenzuela", "Bustamante", "Quintero", "Arellano" },
			{ "Nguyen", "Tran", "Le", "Pham", "Hoang", "Vu", "Dang", "Bui", "Do", "Wang", "Li", "Zhang", "Liu",
					"Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Kim", "Park", "Choi", "Jung", "Kang", "Yamamoto",
					"Tanaka", "Sato", "Suzuki", "Watanabe", "Nakamura" },
			{ "Patel", "Shah", "Singh", "Kumar", "Sharma", "Gupta", "Reddy", "Rao", "Iyer", "Nair", "Menon", "Desai",
					"Mehta", "Chopra", "Malhotra", "Kapoor", "Bhatt", "Joshi", "Agarwal", "Chaudhary" },
			{ "Al-Sayed", "Haddad", "Khoury", "Abdullah", "Rahman", "Hassan", "Mansour", "Nasser", "Saleh", "Khalil",
					"Aziz", "Farouk", "El-Amin", "Hakim", "Qureshi", "Sabbagh" },
			{ "Okafor", "Adeyemi", "Mensah", "Okonkwo", "Balogun", "Nwosu", "Asante", "Boateng", "Mbeki", "Ndlovu",
					"Kamau", "Otieno", "Diallo", "Traoré", "Haile", "Tesfaye" },
			{ "Kowalski", "Nowak", "Wiśniewski", "Lewandowski", "Ivanov", "Petrov", "Smirnov", "Rossi", "Russo",
					"Esposito", "Bianchi", "Romano", "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Dubois",
					"Lefèvre", "Moreau", "Jensen", "Hansen", "Andersson", "Johansson", "Novak", "Horváth",
					"Van der Berg", "Papadopoulos" },
			{ "O'Brien", "O'Connor", "O'Sullivan", "McCarthy", "Murphy", "Kelly", "Walsh", "Byrne", "Ryan",
					"O'Neill", "Doyle", "McDonald", "MacKenzie", "Fitzgerald", "Gallagher", "Brennan", "Quinn",
					"D'Arcy", "Kavanagh", "Donnelly" } };

	private static final String[] UNISEX = { "Jordan", "Taylor", "Morgan", "Alex", "Casey", "Jamie", "Riley",
			"Avery", "Quinn", "Cameron", "Skyler", "Robin", "Jessie", "Dakota", "Reese", "Emerson", "Rowan", "Sage" };

	private static final String[] COMMON_MALE = { "John", "James", "Michael", "Robert", "David", "William",
			"Joseph", "Daniel", "Christopher", "Thomas", "José", "Juan", "Luis", "Carlos", "Mohammed" };

	private static final String[] COMMON_FEMALE = { "Mary", "Maria", "Jennifer", "Patricia", "Linda", "Elizabeth",
			"Susan", "Jessica", "Sarah", "Karen", "Lisa", "Ana", "Michelle", "Emily" };

	private static final String[] COMMON_FAMILY = { "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia",
			"Miller", "Davis", "Rodriguez", "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson",
			"Taylor", "Thomas", "Moore", "Lee", "Nguyen", "Perez", "White", "Patel", "Kim", "Jackson" };

	private static final String[][] GENDERED_VARIANTS = { { "Daniel", "Danielle" }, { "Paul", "Paula" },
			{ "Eric", "Erica" }, { "Justin", "Justine" }, { "Francis", "Frances" }, { "Gabriel", "Gabriela" },
			{ "Michael", "Michelle" }, { "Alexander", "Alexandra" }, { "Patrick", "Patricia" },
			{ "Robert", "Roberta" }, { "Joseph", "Josephine" }, { "George", "Georgia" }, { "Carl", "Carla" },
			{ "Julian", "Juliana" }, { "Jesse", "Jessie" }, { "Antonio", "Antonia" }, { "Mario", "Maria" },
			{ "Fernando", "Fernanda" }, { "Ramón", "Ramona" }, { "Adrián", "Adriana" }, { "Stephen", "Stephanie" },
			{ "Christian", "Christina" }, { "Dominic", "Dominique" }, { "Louis", "Louise" }, { "Victor", "Victoria" },
			{ "Martin", "Martina" }, { "Nicholas", "Nicole" }, { "Simon", "Simone" }, { "Andrés", "Andrea" },
			{ "Henry", "Henrietta" } };

	private static final String[][] TWIN_NAMES = { { "Jacob", "M", "Joshua", "M" },
			{ "Madison", "F", "Mackenzie", "F" }, { "Ethan", "M", "Evan", "M" }, { "Taylor", "F", "Tyler", "M" },
			{ "Daniel", "M", "David", "M" }, { "Matthew", "M", "Michael", "M" }, { "Emma", "F", "Ella", "F" },
			{ "Hailey", "F", "Hannah", "F" }, { "Isaac", "M", "Isaiah", "M" }, { "Jayden", "M", "Jordan", "M" },
			{ "Mia", "F", "Maya", "F" }, { "Faith", "F", "Hope", "F" }, { "Lucas", "M", "Logan", "M" },
			{ "Ava", "F", "Addison", "F" }, { "Nathan", "M", "Noah", "M" }, { "Mary", "F", "Martha", "F" },
			{ "Brian", "M", "Bryce", "M" }, { "Caleb", "M", "Carter", "M" }, { "Lily", "F", "Lila", "F" },
			{ "Hassan", "M", "Hussein", "M" }, { "Kofi", "M", "Kwame", "M" }, { "Priya", "F", "Piya", "F" },
			{ "Luis", "M", "Luisa", "F" }, { "Jesús", "M", "Josué", "M" }, { "Ana", "F", "Ava", "F" },
			{ "Sara", "F", "Sofia", "F" }, { "Mason", "M", "Madison", "F" }, { "Aiden", "M", "Ava", "F" } };

	private static final String[][] NICKNAMES = {
			{ "M", "William", "Bill", "Billy", "Will", "Willie", "Liam" },
			{ "M", "Robert", "Bob", "Bobby", "Rob", "Robbie" }, { "M", "Richard", "Rick", "Rich", "Dick", "Richie" },
			{ "M", "James", "Jim", "Jimmy", "Jamie" }, { "M", "John", "Jack", "Johnny" },
			{ "M", "Joseph", "Joe", "Joey" }, { "M", "Thomas", "Tom", "Tommy" }, { "M", "Charles", "Charlie", "Chuck" },
			{ "M", "Michael", "Mike", "Mikey", "Mick" }, { "M", "Christopher", "Chris", "Kit" },
			{ "M", "Daniel", "Dan", "Danny" }, { "M", "David", "Dave", "Davey" }, { "M", "Edward", "Ed", "Eddie", "Ted", "Ned" },
			{ "M", "Anthony", "Tony" }, { "M", "Andrew", "Andy", "Drew" }, { "M", "Kenneth", "Ken", "Kenny" },
			{ "M", "Timothy", "Tim", "Timmy" }, { "M", "Matthew", "Matt" }, { "M", "Nicholas", "Nick", "Nicky" },
			{ "M", "Benjamin", "Ben", "Benny" }, { "M", "Samuel", "Sam", "Sammy" }, { "M", "Jonathan", "Jon", "Jonny" },
			{ "M", "Gregory", "Greg" }, { "M", "Jeffrey", "Jeff" }, { "M", "Stephen", "Steve" }, { "M", "Steven", "Steve" },
			{ "M", "Lawrence", "Larry" }, { "M", "Gerald", "Jerry", "Gerry" }, { "M", "Raymond", "Ray" },
			{ "M", "Donald", "Don", "Donnie" }, { "M", "Ronald", "Ron", "Ronnie" }, { "M", "Douglas", "Doug" },
			{ "M", "Peter", "Pete" }, { "M", "Philip", "Phil" }, { "M", "Walter", "Walt", "Wally" },
			{ "M", "Harold", "Harry", "Hal" }, { "M", "Henry", "Hank", "Harry" }, { "M", "Albert", "Al", "Bert" },
			{ "M", "Alexander", "Alex", "Alec", "Xander" }, { "M", "Frederick", "Fred", "Freddie" },
			{ "M", "Theodore", "Ted", "Teddy", "Theo" }, { "M", "Zachary", "Zach", "Zack" },
			{ "M", "Leonard", "Len", "Lenny", "Leo" }, { "M", "Vincent", "Vince", "Vinny" },
			{ "M", "Patrick", "Pat", "Paddy" }, { "M", "Francis", "Frank", "Frankie" }, { "M", "Eugene", "Gene" },
			{ "M", "Stanley", "Stan" }, { "M", "Nathaniel", "Nate", "Nathan" }, { "M", "Joshua", "Josh" },
			{ "M", "Jacob", "Jake" }, { "M", "Arthur", "Art", "Artie" }, { "M", "Louis", "Lou" },
			{ "M", "Tobias", "Toby" }, { "M", "Dennis", "Denny" }, { "M", "Elijah", "Eli" },
			{ "M", "José", "Pepe", "Chepe" }, { "M", "Francisco", "Paco", "Pancho", "Cisco" },
			{ "M", "Jesús", "Chuy", "Chucho" }, { "M", "Ignacio", "Nacho" }, { "M", "Enrique", "Quique" },
			{ "M", "Manuel", "Manolo", "Manny" }, { "M", "Eduardo", "Lalo" }, { "M", "Guillermo", "Memo" },
			{ "M", "Roberto", "Beto" }, { "M", "Alberto", "Beto" }, { "M", "Rafael", "Rafa" },
			{ "M", "Santiago", "Santi" }, { "M", "Alfonso", "Poncho" }, { "M", "Salvador", "Chava" },
			{ "M", "Fernando", "Nando" }, { "M", "Javier", "Javi" },
			{ "F", "Elizabeth", "Liz", "Lizzie", "Beth", "Betty", "Betsy", "Libby" },
			{ "F", "Margaret", "Peggy", "Maggie", "Meg", "Marge" }, { "F", "Katherine", "Kate", "Katie", "Kathy", "Kitty" },
			{ "F", "Catherine", "Cathy", "Kate", "Cat" }, { "F", "Kathleen", "Kathy", "Kate" },
			{ "F", "Patricia", "Pat", "Patty", "Trish", "Tricia" }, { "F", "Jennifer", "Jen", "Jenny" },
			{ "F", "Deborah", "Deb", "Debbie" }, { "F", "Susan", "Sue", "Susie" }, { "F", "Barbara", "Barb", "Babs" },
			{ "F", "Dorothy", "Dot", "Dottie" }, { "F", "Rebecca", "Becky", "Becca" }, { "F", "Victoria", "Vicky", "Tori" },
			{ "F", "Jessica", "Jess", "Jessie" }, { "F", "Samantha", "Sam", "Sammie" }, { "F", "Abigail", "Abby" },
			{ "F", "Pamela", "Pam" }, { "F", "Kimberly", "Kim" }, { "F", "Cynthia", "Cindy" },
			{ "F", "Christine", "Chris", "Tina" }, { "F", "Christina", "Tina", "Chrissy" }, { "F", "Angela", "Angie" },
			{ "F", "Judith", "Judy" }, { "F", "Virginia", "Ginny", "Ginger" }, { "F", "Eleanor", "Ellie", "Nell" },
			{ "F", "Josephine", "Josie", "Jo" }, { "F", "Melissa", "Missy", "Mel" },
			{ "F", "Alexandra", "Alex", "Lexi", "Sasha" },
			{ "F", "Mary", "Molly", "Polly" }, { "F", "Sarah", "Sally", "Sadie" }, { "F", "Frances", "Fran", "Frannie" },
			{ "F", "Jacqueline", "Jackie" }, { "F", "Isabella", "Bella", "Izzy" }, { "F", "Charlotte", "Lottie", "Charlie" },
			{ "F", "Guadalupe", "Lupe", "Lupita" }, { "F", "Dolores", "Lola" }, { "F", "Concepción", "Concha", "Conchita" },
			{ "F", "Rosario", "Charo", "Chayo" }, { "F", "Josefina", "Pepa", "Pepita" }, { "F", "Francisca", "Paca", "Paquita" },
			{ "F", "Mercedes", "Meche" }, { "F", "Teresa", "Tere" }, { "F", "Isabel", "Chabela" },
			{ "F", "Graciela", "Chela" }, { "F", "Margarita", "Rita" } };

	private static final String[][] SPELLINGS_OF_ONE_NAME = { { "Katherine", "Kathryn", "Catherine", "Kathleen" },
			{ "Helen", "Hélène", "Helena", "Elena" }, { "Isabel", "Isabella" }, { "Thomas", "Tomasz", "Tomás" },
			{ "Teresa", "Theresa" }, { "Ciara", "Chiara" }, { "Hana", "Hannah" }, { "Sara", "Sarah" },
			{ "Ann", "Anna", "Anne", "Ana" }, { "John", "Jon", "Juan", "Jan", "Giovanni" },
			{ "Stephen", "Steven", "Stefan" }, { "Sean", "Shaun" }, { "Mohammed", "Muhammad" },
			{ "Sofía", "Sophia" }, { "María", "Maria", "Mary", "Marie" }, { "Francesca", "Francisca", "Frances" },
			{ "Cristina", "Christina", "Christine" }, { "Andrés", "Andrew" }, { "Pedro", "Peter", "Piotr", "Pierre" },
			{ "José", "Joseph", "Giuseppe" }, { "Michael", "Mikael", "Miguel" }, { "Nicholas", "Nikolai" },
			{ "Leila", "Layla" }, { "Fatima", "Fatoumata" }, { "Ali", "Alice" } };

	private static final String[] STREETS = { "Maple", "Oak", "Cedar", "Pine", "Elm", "Washington", "Lincoln",
			"Jefferson", "Main", "Park", "Lake", "Hill", "Sunset", "Highland", "Church", "Mill", "River", "Spring",
			"Walnut", "Chestnut", "Willow", "Franklin", "Madison", "Jackson", "Adams", "Forest", "Meadow", "Ridge",
			"Valley", "Orchard", "Cherry", "Birch", "Dogwood", "Magnolia", "Hickory", "Sycamore", "Prospect",
			"Pleasant", "Center", "Union", "Market", "Broad", "Grove", "Summit", "Harbor", "Bay", "Fairview",
			"Greenwood", "Martin Luther King", "Cesar Chavez", "El Camino", "Mission", "Santa Rosa", "Olive", "Vine",
			"Kensington", "Bristol", "Lexington", "Riverside", "Woodland", "Ash", "Poplar", "Laurel", "Hawthorne" };

	private static final String[][] STREET_TYPES = { { "Street", "St" }, { "Avenue", "Ave" }, { "Road", "Rd" },
			{ "Boulevard", "Blvd" }, { "Drive", "Dr" }, { "Lane", "Ln" }, { "Court", "Ct" }, { "Place", "Pl" },
			{ "Way", "Way" }, { "Terrace", "Ter" }, { "Circle", "Cir" } };

	private static final String[] AREA_CODES = { "617", "212", "415", "312", "713", "305", "404", "206", "602",
			"213", "718", "646", "510", "408", "773", "832", "210", "214", "619", "303" };

	private static final String[] POSTAL_CODES = { "02118", "02139", "10027", "10453", "94110", "94601", "60614",
			"60629", "77036", "77081", "33125", "33142", "30310", "98118", "85006", "90011", "11368", "78207",
			"75216", "92105", "80219", "02121", "10031", "94124", "60623", "77009", "33012", "30318", "98144",
			"85041" };

	private static final String KEYBOARD = "qwertyuiop asdfghjkl zxcvbnm";

	private final SplittableRandom random;

	private MatchingDatasetGenerator(long seed) {
		this.random = new SplittableRandom(seed);
	}

	/** All pairs for one seed: true duplicates of each kind and pairs of two, then look-alike different people. */
	static List<LabelledPair> generate(long seed) {
		return new MatchingDatasetGenerator(seed).all();
	}

	private List<LabelledPair> all() {
		List<LabelledPair> pairs = new ArrayList<>();
		for (String kind : DUPLICATE_KINDS) {
			for (int i = 0; i < DUPLICATES_PER_KIND; i++) {
				pairs.add(duplicate(List.of(kind)));
			}
		}
		int combined = 0;
		while (combined < COMBINED_DUPLICATES) {
			String first = pick(DUPLICATE_KINDS);
			String second = pick(DUPLICATE_KINDS);
			if (!first.equals(second) && compatible(first, second)) {
				pairs.add(duplicate(List.of(first, second)));
				combined++;
			}
		}
		for (int k = 0; k < DISTINCT_KINDS.size(); k++) {
			for (int i = 0; i < DISTINCT_COUNTS[k]; i++) {
				pairs.add(distinct(DISTINCT_KINDS.get(k)));
			}
		}
		return pairs;
	}

	private static boolean compatible(String first, String second) {
		List<String> both = List.of(first, second);
		if (both.contains("moved-address") && both.contains("changed-phone")) {
			return false;
		}
		return !(both.contains("nickname") && both.contains("partial-hyphenated-family"));
	}

	private record Address(int number, String street, int type, @Nullable String unit) {
	}

	private record Person(String given, @Nullable String middle, String family, LocalDate birthDate, String sex,
			@Nullable String phone, @Nullable Address address, @Nullable String postalCode) {

		Person withGiven(String value) {
			return new Person(value, middle, family, birthDate, sex, phone, address, postalCode);
		}

		Person withMiddle(@Nullable String value) {
			return new Person(given, value, family, birthDate, sex, phone, address, postalCode);
		}

		Person withFamily(String value) {
			return new Person(given, middle, value, birthDate, sex, phone, address, postalCode);
		}

		Person withBirthDate(LocalDate value) {
			return new Person(given, middle, family, value, sex, phone, address, postalCode);
		}

		Person withSex(String value) {
			return new Person(given, middle, family, birthDate, value, phone, address, postalCode);
		}

		Person withPhone(@Nullable String value) {
			return new Person(given, middle, family, birthDate, sex, value, address, postalCode);
		}

		Person withHome(@Nullable Address newAddress, @Nullable String newPostal) {
			return new Person(given, middle, family, birthDate, sex, phone, newAddress, newPostal);
		}
	}

	private LabelledPair duplicate(List<String> kinds) {
		Person original = newPerson(null, null);
		if (kinds.contains("nickname")) {
			String[] entry = pick(NICKNAMES);
			original = original.withSex(entry[0].equals("F") ? "female" : "male").withGiven(entry[1]);
		}
		if (kinds.contains("partial-hyphenated-family")) {
			original = original.withFamily(doubleSurname());
		}
		if (kinds.contains("day-month-swap")) {
			LocalDate date = original.birthDate();
			int day = date.getMonthValue();
			while (day == date.getMonthValue()) {
				day = 1 + random.nextInt(12);
			}
			original = original.withBirthDate(LocalDate.of(date.getYear(), date.getMonthValue(), day));
		}
		if ((kinds.contains("changed-phone") || kinds.contains("moved-address")) && original.phone() == null) {
			original = original.withPhone(newPhone());
		}
		if (kinds.contains("missing-middle") && (original.middle() == null || original.middle().length() < 2)) {
			original = original.withMiddle(givenFor(original.sex(), randomOrigin()));
		}
		Person copy = original;
		boolean swapRoles = false;
		boolean cosmetic = false;
		List<String> steps = new ArrayList<>(kinds);
		if (steps.remove("nickname")) {
			steps.add(0, "nickname");
		}
		for (String kind : steps) {
			switch (kind) {
				case "typo-given" -> copy = copy.withGiven(typo(copy.given()));
				case "typo-family" -> copy = copy.withFamily(typo(copy.family()));
				case "transposition" -> {
					if (chance(0.5)) {
						copy = copy.withGiven(transpose(copy.given()));
					}
					else {
						copy = copy.withFamily(transpose(copy.family()));
					}
				}
				case "nickname" -> {
					String[] entry = nicknameEntry(original.given());
					copy = copy.withGiven(entry[2 + random.nextInt(entry.length - 2)]);
					swapRoles = chance(0.3);
				}
				case "day-month-swap" -> {
					LocalDate date = copy.birthDate();
					copy = copy.withBirthDate(LocalDate.of(date.getYear(), date.getDayOfMonth(), date.getMonthValue()));
				}
				case "changed-phone" -> copy = copy.withPhone(newPhone());
				case "missing-middle" -> {
					copy = copy.withMiddle(null);
					swapRoles = chance(0.3);
				}
				case "case-and-punctuation" -> cosmetic = true;
				case "moved-address" -> {
					Address moved = newAddress();
					String postal = chance(0.3) ? copy.postalCode() : pick(POSTAL_CODES);
					copy = copy.withHome(moved, postal).withPhone(chance(0.85) ? newPhone() : null);
				}
				case "partial-hyphenated-family" -> {
					String[] parts = copy.family().split("[- ]");
					copy = copy.withFamily(chance(0.75) ? parts[0] : parts[parts.length - 1]);
				}
				default -> throw new IllegalArgumentException(kind);
			}
		}
		copy = drift(copy, kinds);
		Demographics a = render(original);
		Demographics b = render(copy);
		if (cosmetic) {
			b = messUp(b);
		}
		String kind = String.join("+", kinds);
		return swapRoles ? new LabelledPair(b, a, true, kind) : new LabelledPair(a, b, true, kind);
	}

	/** Incidental gaps that accumulate between two registrations, on top of the kind being made. */
	private Person drift(Person person, List<String> kinds) {
		Person drifted = person;
		if (chance(0.10) && !kinds.contains("changed-phone") && !kinds.contains("moved-address")) {
			drifted = drifted.withPhone(null);
		}
		if (chance(0.04) && !kinds.contains("moved-address")) {
			drifted = drifted.withHome(null, drifted.postalCode());
		}
		String middle = drifted.middle();
		if (chance(0.08) && middle != null && middle.length() > 1 && !kinds.contains("missing-middle")) {
			drifted = drifted.withMiddle(chance(0.5) ? null : middle.substring(0, 1));
		}
		if (chance(0.04)) {
			drifted = drifted.withSex("unknown");
		}
		return drifted;
	}

	private LabelledPair distinct(String kind) {
		return switch (kind) {
			case "twins" -> twins();
			case "relatives-same-household" -> relatives();
			case "common-name-same-dob" -> commonNames();
			case "different-sex-otherwise-similar" -> oppositeSexSiblings();
			case "random-different-people" -> strangers();
			default -> throw new IllegalArgumentException(kind);
		};
	}

	private LabelledPair twins() {
		Person first = newPerson(null, null);
		Person second;
		if (chance(0.2)) {
			String[] names = pick(TWIN_NAMES);
			first = first.withGiven(names[0]).withSex(sexCode(names[1]));
			second = first.withGiven(names[2]).withSex(sexCode(names[3]));
		}
		else {
			String sex = chance(0.65) ? first.sex() : opposite(first.sex());
			Origin origin = randomOrigin();
			boolean sameInitial = chance(0.3);
			String name = givenFor(sex, origin);
			for (int attempt = 0; attempt < 200 && (sameInitial && initial(name) != initial(first.given())
					|| relatedNames(name, first.given())); attempt++) {
				name = givenFor(sex, attempt < 100 ? origin : randomOrigin());
			}
			second = first.withSex(sex).withGiven(name);
		}
		if (relatedNames(first.given(), second.given())) {
			return twins();
		}
		second = second.withMiddle(chance(0.55) ? givenFor(second.sex(), randomOrigin()) : null);
		return new LabelledPair(render(first), render(second), false, "twins");
	}

	private LabelledPair relatives() {
		Person first = newPerson(null, null);
		double relation = random.nextDouble();
		int years;
		String sex;
		String given;
		if (relation < 0.1) {
			first = first.withSex("male");
			years = 18 + random.nextInt(28);
			sex = "male";
			given = first.given();
		}
		else {
			if (relation < 0.5) {
				years = 18 + random.nextInt(28);
				sex = randomSex();
			}
			else if (relation < 0.8) {
				years = random.nextInt(13);
				sex = chance(0.9) ? opposite(first.sex()) : first.sex();
			}
			else {
				years = 1 + random.nextInt(12);
				sex = randomSex();
			}
			given = givenFor(sex, randomOrigin());
			while (relatedNames(given, first.given())) {
				given = givenFor(sex, randomOrigin());
			}
		}
		int days = years * 365 + random.nextInt(-150, 150);
		if (days == 0) {
			days = 400;
		}
		LocalDate birthDate = first.birthDate().minusDays(chance(0.5) ? days : -days);
		Person second = first.withSex(sex).withGiven(given).withBirthDate(birthDate)
			.withMiddle(chance(0.55) ? givenFor(sex, randomOrigin()) : null);
		return new LabelledPair(render(first), render(second), false, "relatives-same-household");
	}

	private LabelledPair commonNames() {
		String sex = chance(0.5) ? "female" : "male";
		String given = pick(sex.equals("female") ? COMMON_FEMALE : COMMON_MALE);
		String family = pick(COMMON_FAMILY);
		LocalDate birthDate = newBirthDate();
		Person first = newPerson(sex, null).withGiven(given).withFamily(family).withBirthDate(birthDate);
		Person second = newPerson(sex, null).withGiven(given).withFamily(family).withBirthDate(birthDate);
		while (first.middle() != null && second.middle() != null
				&& initial(first.middle()) == initial(second.middle())) {
			second = second.withMiddle(givenFor(sex, randomOrigin()));
		}
		if (chance(0.3)) {
			second = second.withHome(second.address(), first.postalCode());
		}
		return new LabelledPair(render(first), render(second), false, "common-name-same-dob");
	}

	private LabelledPair oppositeSexSiblings() {
		Person first = newPerson(chance(0.5) ? "female" : "male", null);
		String sex = opposite(first.sex());
		double style = random.nextDouble();
		String firstName;
		String secondName;
		if (style < 0.55) {
			String[] names = pick(GENDERED_VARIANTS);
			firstName = first.sex().equals("male") ? names[0] : names[1];
			secondName = first.sex().equals("male") ? names[1] : names[0];
		}
		else if (style < 0.7) {
			firstName = pick(UNISEX);
			secondName = pick(UNISEX);
		}
		else if (style < 0.8) {
			firstName = pick(UNISEX);
			secondName = firstName;
		}
		else {
			firstName = first.given();
			secondName = givenFor(sex, randomOrigin());
		}
		if (!firstName.equals(secondName) && relatedNames(firstName, secondName)) {
			return oppositeSexSiblings();
		}
		first = first.withGiven(firstName);
		boolean identical = style >= 0.7 && style < 0.8;
		LocalDate birthDate = identical || chance(0.6) ? first.birthDate()
				: first.birthDate().plusDays((chance(0.5) ? 1 : -1) * (300 + random.nextInt(3000)));
		Person second = first.withSex(sex).withGiven(secondName).withBirthDate(birthDate);
		if (!identical) {
			second = second.withMiddle(chance(0.55) ? givenFor(sex, randomOrigin()) : null);
		}
		return new LabelledPair(render(first), render(second), false, "different-sex-otherwise-similar");
	}

	private LabelledPair strangers() {
		Person first = newPerson(null, null);
		Person second = newPerson(null, null);
		double shared = random.nextDouble();
		if (shared < 0.4) {
			second = second.withFamily(first.family());
		}
		else if (shared < 0.6) {
			second = second.withBirthDate(first.birthDate());
		}
		else if (shared < 0.7) {
			second = second.withSex(first.sex()).withGiven(first.given());
		}
		return new LabelledPair(render(first), render(second), false, "random-different-people");
	}

	private Person newPerson(@Nullable String fixedSex, @Nullable Origin fixedOrigin) {
		String sex = fixedSex != null ? fixedSex : randomSex();
		Origin origin = fixedOrigin != null ? fixedOrigin : randomOrigin();
		Origin familyOrigin = chance(0.8) ? origin : randomOrigin();
		String given = givenFor(sex, origin);
		String middle = null;
		if (chance(0.55)) {
			middle = givenFor(sex, chance(0.7) ? origin : randomOrigin());
			while (middle.equals(given)) {
				middle = givenFor(sex, randomOrigin());
			}
			if (chance(0.12)) {
				middle = middle.substring(0, 1);
			}
		}
		String family = pick(FAMILY[familyOrigin.ordinal()]);
		if (familyOrigin == Origin.HISPANIC && chance(0.3)) {
			family = doubleSurname();
		}
		String phone = chance(0.92) ? newPhone() : null;
		Address address = chance(0.96) ? newAddress() : null;
		String postal = chance(0.97) ? pick(POSTAL_CODES) : null;
		return new Person(given, middle, family, newBirthDate(), sex, phone, address, postal);
	}

	private String doubleSurname() {
		String first = singleWordSurname();
		String second = singleWordSurname();
		while (second.equals(first)) {
			second = singleWordSurname();
		}
		return first + (chance(0.7) ? "-" : " ") + second;
	}

	private String singleWordSurname() {
		String name = pick(FAMILY[Origin.HISPANIC.ordinal()]);
		while (name.contains(" ")) {
			name = pick(FAMILY[Origin.HISPANIC.ordinal()]);
		}
		return name;
	}

	private String randomSex() {
		double roll = random.nextDouble();
		return roll < 0.48 ? "female" : roll < 0.96 ? "male" : roll < 0.98 ? "other" : "unknown";
	}

	private static String sexCode(String code) {
		return code.equals("F") ? "female" : "male";
	}

	private static String opposite(String sex) {
		return switch (sex) {
			case "female" -> "male";
			case "male" -> "female";
			default -> sex;
		};
	}

	private Origin randomOrigin() {
		int total = 0;
		for (Origin origin : Origin.values()) {
			total += origin.weight;
		}
		int roll = random.nextInt(total);
		for (Origin origin : Origin.values()) {
			roll -= origin.weight;
			if (roll < 0) {
				return origin;
			}
		}
		return Origin.ANGLO;
	}

	private String givenFor(String sex, Origin origin) {
		return switch (sex) {
			case "female" -> pick(FEMALE[origin.ordinal()]);
			case "male" -> pick(MALE[origin.ordinal()]);
			default -> chance(0.5) ? pick(UNISEX) : pick(chance(0.5) ? FEMALE[origin.ordinal()] : MALE[origin.ordinal()]);
		};
	}

	private LocalDate newBirthDate() {
		int year = 1928 + random.nextInt(95);
		int month = 1 + random.nextInt(12);
		int day = 1 + random.nextInt(YearMonth.of(year, month).lengthOfMonth());
		return LocalDate.of(year, month, day);
	}

	private String newPhone() {
		return pick(AREA_CODES) + (200 + random.nextInt(800)) + String.format(Locale.ROOT, "%04d",
				random.nextInt(10000));
	}

	private Address newAddress() {
		int number = chance(0.7) ? 1 + random.nextInt(999) : 1000 + random.nextInt(9000);
		String unit = null;
		if (chance(0.25)) {
			unit = (1 + random.nextInt(30)) + (chance(0.3) ? String.valueOf((char) ('A' + random.nextInt(4))) : "");
		}
		return new Address(number, pick(STREETS), random.nextInt(STREET_TYPES.length), unit);
	}

	private Demographics render(Person person) {
		String phone = null;
		if (person.phone() != null) {
			String p = person.phone();
			phone = switch (random.nextInt(6)) {
				case 0 -> "(" + p.substring(0, 3) + ") " + p.substring(3, 6) + "-" + p.substring(6);
				case 1 -> p.substring(0, 3) + "-" + p.substring(3, 6) + "-" + p.substring(6);
				case 2 -> p;
				case 3 -> "+1 " + p.substring(0, 3) + " " + p.substring(3, 6) + " " + p.substring(6);
				case 4 -> p.substring(0, 3) + "." + p.substring(3, 6) + "." + p.substring(6);
				default -> "1-" + p.substring(0, 3) + "-" + p.substring(3, 6) + "-" + p.substring(6);
			};
		}
		String line = null;
		Address address = person.address();
		if (address != null) {
			String[] type = STREET_TYPES[address.type()];
			line = address.number() + " " + address.street() + " " + (chance(0.5) ? type[0] : type[1]);
			if (address.unit() != null) {
				line += switch (random.nextInt(3)) {
					case 0 -> " Apt " + address.unit();
					case 1 -> ", Unit " + address.unit();
					default -> " #" + address.unit();
				};
			}
		}
		return new Demographics(person.given(), person.family(), person.middle(), person.birthDate(), person.sex(),
				phone, line, person.postalCode());
	}

	private Demographics messUp(Demographics record) {
		String given = record.givenName();
		String family = record.familyName();
		String middle = record.middleName();
		String address = record.addressLine();
		String postal = record.postalCode();
		int firstChange = random.nextInt(7);
		int secondChange = (firstChange + 1 + random.nextInt(6)) % 7;
		for (int change : new int[] { firstChange, secondChange }) {
			switch (change) {
				case 0 -> {
					given = given.toUpperCase(Locale.ROOT);
					family = family.toUpperCase(Locale.ROOT);
					middle = middle == null ? null : middle.toUpperCase(Locale.ROOT);
				}
				case 1 -> {
					given = given.toLowerCase(Locale.ROOT);
					family = family.toLowerCase(Locale.ROOT);
				}
				case 2 -> {
					given = plainLetters(given);
					family = plainLetters(family);
				}
				case 3 -> {
					family = family.contains("'") ? family.replace("'", chance(0.5) ? "" : " ")
							: family.contains("-") ? family.replace("-", " ")
							: family.contains(" ") ? family.replace(" ", chance(0.5) ? "" : "-")
							: family.startsWith("Mc") || family.startsWith("Mac")
									? family.replaceFirst("^(Ma?c)", "$1 ")
									: family + ".";
					given = given.contains("-") ? given.replace("-", chance(0.5) ? " " : "") : given;
				}
				case 4 -> {
					given = "  " + given + " ";
					family = family + " ,";
					middle = middle == null ? null : middle.substring(0, 1) + ".";
				}
				case 5 -> address = address == null ? null : restyleStreetType(address);
				default -> postal = postal == null ? null : postal + "-" + String.format(Locale.ROOT, "%04d",
						random.nextInt(10000));
			}
		}
		return new Demographics(given, family, middle, record.birthDate(), record.sex(), record.phone(), address,
				postal);
	}

	private String restyleStreetType(String line) {
		String result = line.replace(",", "").replace(" Apt ", " Apt. ");
		for (String[] type : STREET_TYPES) {
			if (result.matches(".*\\b" + type[0] + "\\b.*")) {
				result = result.replaceFirst("\\b" + type[0] + "\\b", type[1] + ".");
				break;
			}
			if (result.matches(".*\\b" + type[1] + "\\b.*")) {
				result = result.replaceFirst("\\b" + type[1] + "\\b", type[0]);
				break;
			}
		}
		return chance(0.5) ? result.toUpperCase(Locale.ROOT) : result;
	}

	private static String plainLetters(String text) {
		return Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{Mn}", "").replace("ł", "l")
			.replace("Ł", "L");
	}

	private String typo(String name) {
		String word = name;
		int position = typoPosition(word.length());
		return switch (random.nextInt(4)) {
			case 0 -> {
				char inserted = chance(0.4) ? word.charAt(Math.max(0, position - 1)) : neighbourKey(word.charAt(position));
				yield word.substring(0, position) + inserted + word.substring(position);
			}
			case 1 -> word.length() > 3 ? word.substring(0, position) + word.substring(position + 1)
					: word + neighbourKey(word.charAt(word.length() - 1));
			case 2 -> word.substring(0, position) + soundsOrLooksLike(word.charAt(position))
					+ word.substring(position + 1);
			default -> transpose(word);
		};
	}

	private int typoPosition(int length) {
		if (length < 2 || chance(0.06)) {
			return 0;
		}
		return 1 + random.nextInt(length - 1);
	}

	private String transpose(String word) {
		if (word.length() < 2) {
			return word;
		}
		for (int attempt = 0; attempt < 10; attempt++) {
			int i = word.length() == 2 || chance(0.05) ? 0 : 1 + random.nextInt(word.length() - 2);
			char left = word.charAt(i);
			char right = word.charAt(i + 1);
			if (left != right && Character.isLetter(left) && Character.isLetter(right)) {
				boolean upper = Character.isUpperCase(left);
				String swapped = String.valueOf(upper ? Character.toUpperCase(right) : Character.toLowerCase(right))
						+ (upper ? Character.toLowerCase(left) : left);
				return word.substring(0, i) + swapped + word.substring(i + 2);
			}
		}
		return word;
	}

	private char soundsOrLooksLike(char c) {
		char lower = Character.toLowerCase(c);
		String alternatives = switch (lower) {
			case 'a' -> "eos";
			case 'e' -> "iaw";
			case 'i' -> "yeo";
			case 'o' -> "aui";
			case 'u' -> "oi";
			case 'y' -> "ie";
			case 'c' -> "ksx";
			case 'k' -> "cj";
			case 's' -> "zca";
			case 'z' -> "sx";
			case 'm' -> "nn";
			case 'n' -> "mb";
			case 'b' -> "pvn";
			case 'p' -> "bo";
			case 'd' -> "tsf";
			case 't' -> "dry";
			case 'g' -> "jhf";
			case 'j' -> "ghk";
			case 'v' -> "bf";
			case 'f' -> "vph";
			case 'l' -> "kr";
			case 'r' -> "let";
			default -> String.valueOf(neighbourKey(lower));
		};
		char replacement = alternatives.charAt(random.nextInt(alternatives.length()));
		return Character.isUpperCase(c) ? Character.toUpperCase(replacement) : replacement;
	}

	private char neighbourKey(char c) {
		char lower = Character.toLowerCase(c);
		int index = KEYBOARD.indexOf(lower);
		if (index < 0) {
			return (char) ('a' + random.nextInt(26));
		}
		int neighbour = index + (chance(0.5) ? 1 : -1);
		if (neighbour < 0 || neighbour >= KEYBOARD.length() || KEYBOARD.charAt(neighbour) == ' ') {
			neighbour = index + (neighbour < index ? 1 : -1);
		}
		char result = KEYBOARD.charAt(neighbour);
		return Character.isUpperCase(c) ? Character.toUpperCase(result) : result;
	}

	private String[] nicknameEntry(String formal) {
		for (String[] entry : NICKNAMES) {
			if (entry[1].equals(formal)) {
				return entry;
			}
		}
		throw new IllegalStateException("no nicknames for " + formal);
	}

	private static boolean relatedNames(String first, String second) {
		String x = plainLetters(first).toLowerCase(Locale.ROOT);
		String y = plainLetters(second).toLowerCase(Locale.ROOT);
		if (x.equals(y)) {
			return true;
		}
		for (String[] entry : NICKNAMES) {
			if (bothIn(x, y, entry, 1)) {
				return true;
			}
		}
		for (String[] spellings : SPELLINGS_OF_ONE_NAME) {
			if (bothIn(x, y, spellings, 0)) {
				return true;
			}
		}
		return false;
	}

	private static boolean bothIn(String x, String y, String[] names, int from) {
		boolean hasX = false;
		boolean hasY = false;
		for (int i = from; i < names.length; i++) {
			String member = plainLetters(names[i]).toLowerCase(Locale.ROOT);
			hasX |= member.equals(x);
			hasY |= member.equals(y);
		}
		return hasX && hasY;
	}

	private static char initial(String name) {
		return Character.toLowerCase(name.charAt(0));
	}

	private boolean chance(double probability) {
		return random.nextDouble() < probability;
	}

	private <T> T pick(List<T> items) {
		return items.get(random.nextInt(items.size()));
	}

	private String pick(String[] items) {
		return items[random.nextInt(items.length)];
	}

	private String[] pick(String[][] items) {
		return items[random.nextInt(items.length)];
	}
}
