package org.caremap.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * User-visible text built in Java comes from the message bundles too ({@link JavaTextCheck}): the test fails on any new
 * literal text handed to a page, a field error, a problem+json, an OperationOutcome or a task's closing note.
 */
class JavaTextTest {

	/**
	 * Technical or not-yet-translated texts, by file and kind, with how many there are: a file may lose some (then lower
	 * the count), never gain one. The FHIR refusals are read by programs (their diagnostics are in English, named in
	 * the README); the notes other modules write when they cancel a task through the public API stay English words.
	 */
	private static final Map<String, Integer> ALLOWED = new TreeMap<>(Map.ofEntries(
			Map.entry("careplan/internal/JdbcCarePlans.java task note", 1),
			Map.entry("contact/internal/JdbcFeedback.java task note", 1),
			Map.entry("task/internal/Cadence.java task note", 3)));

	/** The FHIR refusals and diagnostics written in English before this test (98 and 1): the count may only go down. */
	private static final int FHIR_REFUSALS_KNOWN = 99;

	private static List<JavaTextCheck.Finding> findings() throws Exception {
		return JavaTextCheck.scan(Path.of("src/main/java/org/caremap"), Path.of("src/main/resources/messages.properties"),
				Path.of("src/main/resources/messages_es.properties"));
	}

	@Test
	void javaWritesNoUserVisibleTextOutsideTheBundles() throws Exception {
		List<JavaTextCheck.Finding> all = findings();
		Map<String, Long> counted = all.stream().filter(f -> !f.kind().equals("FHIR refusal") && !f.kind().equals("OperationOutcome diagnostics"))
			.collect(Collectors.groupingBy(f -> f.file() + " " + f.kind(), TreeMap::new, Collectors.counting()));
		List<String> over = counted.entrySet().stream().filter(e -> e.getValue() > ALLOWED.getOrDefault(e.getKey(), 0))
			.map(e -> e.getKey() + " x" + e.getValue()).toList();
		assertThat(over).as("text written in Java instead of taken from the bundles:%n%s", String.join(System.lineSeparator(),
				all.stream().filter(f -> over.stream().anyMatch(o -> o.startsWith(f.file() + " " + f.kind()))).map(Object::toString).toList()))
			.isEmpty();
		long fhir = all.stream().filter(f -> f.kind().equals("FHIR refusal") || f.kind().equals("OperationOutcome diagnostics")).count();
		assertThat(fhir).as("FHIR refusals in English: a new one takes its words from the bundle (FhirErrors shows how)")
			.isLessThanOrEqualTo(FHIR_REFUSALS_KNOWN);
	}

	@Test
	void theCheckFindsEachKindOfTextWrittenInJava() {
		Properties en = new Properties();
		Properties es = new Properties();
		en.setProperty("error.known", "Known");
		es.setProperty("error.known", "Conocido");
		String source = """
				class Made {
					void page(Model model, RedirectAttributes redirect, BindingResult errors) {
						model.addAttribute("heading", "Patients at risk");
						model.addAttribute("tab", "risk");
						redirect.addFlashAttribute("flash", "account.saved");
						errors.rejectValue("name", "error.unknown", "give a name");
						errors.rejectValue("name", "error.known", "give a name");
						errors.reject("error.unknown", "the patient has no open case");
						errors.addError(new FieldError("form", "name", "The name is missing"));
						ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "The plan changed meanwhile");
						outcome.addIssue().setDiagnostics("Not kept here");
						throw new UnprocessableEntityException("The task cannot move back");
					}
					void close(JdbcTasks tasks) {
						tasks.completeFromSource("source", "The payer answered");
						tasks.cancelFromSource("source", TaskText.of("task.note.appealFiled"));
						// model.addAttribute("x", "A comment is not text");
						/* tasks.cancelFromSource("s", "Nor is this") */
						String sql = "select 'a b' from x"; // not a sink
					}
				}
				""";
		List<JavaTextCheck.Finding> found = JavaTextCheck.check("Made.java", source, en, es);
		List<String> what = found.stream().map(f -> f.kind() + " " + f.what()).toList();
		assertThat(what).containsExactlyInAnyOrder(
				"page attribute \"Patients at risk\"",
				"field error default \"give a name\" (code error.unknown not in both bundles)",
				"form error default \"the patient has no open case\" (code error.unknown not in both bundles)",
				"new FieldError \"The name is missing\"",
				"problem detail \"The plan changed meanwhile\"",
				"OperationOutcome diagnostics \"Not kept here\"",
				"FHIR refusal \"The task cannot move back\"",
				"task note \"The payer answered\"");
		assertThat(found.get(0).line()).isEqualTo(3);
	}
}
