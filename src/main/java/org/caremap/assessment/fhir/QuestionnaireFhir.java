package org.caremap.assessment.fhir;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import org.caremap.assessment.Answers;
import org.caremap.assessment.AssessmentView;
import org.caremap.assessment.Instrument;
import org.caremap.assessment.InstrumentVersionView;
import org.caremap.assessment.Item;
import org.caremap.assessment.ItemType;
import org.caremap.assessment.ScoreResult;
import org.caremap.assessment.Scoring;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Instruments and assessments as FHIR. An instrument version is a Questionnaire with the id
 * {@code <key>-v<seq>} (phq-9-v1: stable, and it names the version the answers were given to); its Caremap scoring
 * rules are not FHIR and are left out, and each score it computes is a read-only decimal item in a closing group
 * {@code scores} (linkId {@code score-<score id>}, coded with its LOINC code where it has one), so that a response
 * can carry the scores Caremap computed as ordinary answers.
 */
final class QuestionnaireFhir {

	static final String QR_PROFILE = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-questionnaireresponse";
	static final String SCORES = "scores";
	static final String SCORE_PREFIX = "score-";
	private static final String DISPLAY = "http://hl7.org/fhir/StructureDefinition/display";
	private static final Pattern ID = Pattern.compile("^(.+)-v(\\d{1,9})$");
	private static final JsonMapper JSON = JsonMapper.builder().build();

	private QuestionnaireFhir() {
	}

	static String id(String key, int seq) {
		return key + "-v" + seq;
	}

	/** The instrument key and version sequence a Questionnaire id names. */
	record VersionId(String key, int seq) {
		static Optional<VersionId> parse(@Nullable String id) {
			if (id == null) return Optional.empty();
			Matcher m = ID.matcher(id);
			return m.matches() ? Optional.of(new VersionId(m.group(1), Integer.parseInt(m.group(2)))) : Optional.empty();
		}
	}

	/** The canonical url the definition gives itself. */
	static String url(Instrument instrument) {
		return JSON.readTree(instrument.json()).path("url").asString("");
	}

	static String canonical(Instrument instrument) {
		return url(instrument) + "|" + instrument.version();
	}

	/**
	 * A question's {@code help} (Caremap's authoring shorthand) becomes what FHIR expects: a display item inside the
	 * question, shown as help (item control {@code help}).
	 */
	private static void helpAsDisplayItems(JsonNode node) {
		JsonNode items = node.path("item");
		if (!items.isArray()) return;
		for (JsonNode item : items) {
			if (item instanceof ObjectNode question && question.has("help")) {
				String text = question.get("help").asString();
				question.remove("help");
				ObjectNode display = question.withArray("item").addObject();
				display.put("linkId", question.path("linkId").asString() + "-help");
				display.put("type", "display");
				display.put("text", text);
				ObjectNode control = display.withArray("extension").addObject();
				control.put("url", "http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl");
				control.putObject("valueCodeableConcept").withArray("coding").addObject()
					.put("system", "http://hl7.org/fhir/questionnaire-item-control").put("code", "help");
			}
			helpAsDisplayItems(item);
		}
	}

	/** The stored definition without Caremap's scoring, as it stands in the catalog (older versions are retired). */
	static Questionnaire questionnaire(Instrument instrument, InstrumentVersionView stored, boolean latest) {
		JsonNode node = JSON.readTree(instrument.json());
		((ObjectNode) node).remove("scoring");
		helpAsDisplayItems(node);
		Questionnaire q = FhirContext.forR4Cached().newJsonParser().parseResource(Questionnaire.class, JSON.writeValueAsString(node));
		q.setId(id(instrument.key(), instrument.seq()));
		q.getMeta().setLastUpdated(Date.from(stored.createdAt()));
		q.setVersion(instrument.version());
		if (!latest) q.setStatus(Enumerations.PublicationStatus.RETIRED);
		if (!q.hasStatus()) q.setStatus(Enumerations.PublicationStatus.ACTIVE);
		if (!instrument.scoring().scores().isEmpty()) {
			Questionnaire.QuestionnaireItemComponent group = q.addItem().setLinkId(SCORES).setText("Scores")
				.setType(Questionnaire.QuestionnaireItemType.GROUP).setReadOnly(true);
			for (Scoring.ScoreDefinition s : instrument.scoring().scores()) {
				Questionnaire.QuestionnaireItemComponent item = group.addItem().setLinkId(SCORE_PREFIX + s.id())
					.setText(s.label()).setType(Questionnaire.QuestionnaireItemType.DECIMAL).setReadOnly(true);
				if (s.code() != null) item.addCode(new Coding("http://loinc.org", s.code(), s.label()));
			}
		}
		return q;
	}

	static QuestionnaireResponse.QuestionnaireResponseStatus status(AssessmentView a) {
		switch (a.status()) {
			case COMPLETED:
				return QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED;
			case IN_PROGRESS:
				return QuestionnaireResponse.QuestionnaireResponseStatus.INPROGRESS;
			default:
				return QuestionnaireResponse.QuestionnaireResponseStatus.STOPPED;
		}
	}

	/** The answers (and, once completed, the scores) of an assessment, shaped like the instrument's items. */
	static QuestionnaireResponse response(AssessmentView a, Instrument instrument, Date authored, Date lastUpdated,
			@Nullable Reference author) {
		QuestionnaireResponse qr = new QuestionnaireResponse();
		qr.setId(a.id().toString());
		qr.getMeta().addProfile(QR_PROFILE).setVersionId(Integer.toString(a.version())).setLastUpdated(lastUpdated);
		qr.getQuestionnaireElement().setValue(canonical(instrument))
			.addExtension(DISPLAY, new StringType(instrument.title()));
		qr.setStatus(status(a));
		qr.setSubject(new Reference("Patient/" + a.patient().value()));
		qr.setAuthored(authored);
		if (author != null) qr.setAuthor(author);
		if (a.respondent() == org.caremap.assessment.Respondent.PATIENT) qr.setSource(new Reference("Patient/" + a.patient().value()));
		for (Item item : instrument.items()) {
			QuestionnaireResponse.QuestionnaireResponseItemComponent answered = item(item, a.answers());
			if (answered != null) qr.addItem(answered);
		}
		ScoreResult result = a.result();
		if (result != null) {
			QuestionnaireResponse.QuestionnaireResponseItemComponent scores = new QuestionnaireResponse.QuestionnaireResponseItemComponent()
				.setLinkId(SCORES).setText("Scores");
			for (ScoreResult.Score s : result.scores()) {
				if (s.value() == null) continue;
				scores.addItem().setLinkId(SCORE_PREFIX + s.id()).setText(s.label()).addAnswer()
					.setValue(new DecimalType(s.value()));
			}
			if (scores.hasItem()) qr.addItem(scores);
		}
		return qr;
	}

	private static QuestionnaireResponse.@Nullable QuestionnaireResponseItemComponent item(Item item, Answers answers) {
		QuestionnaireResponse.QuestionnaireResponseItemComponent out = new QuestionnaireResponse.QuestionnaireResponseItemComponent()
			.setLinkId(item.linkId());
		if (!item.text().isBlank()) out.setText(item.text());
		if (item.type() == ItemType.GROUP) {
			for (Item child : item.children()) {
				QuestionnaireResponse.QuestionnaireResponseItemComponent answered = item(child, answers);
				if (answered != null) out.addItem(answered);
			}
			return out.hasItem() ? out : null;
		}
		if (item.type() == ItemType.DISPLAY || !answers.has(item.linkId())) return null;
		for (String value : answers.get(item.linkId())) out.addAnswer().setValue(value(item, value));
		return out;
	}

	private static Type value(Item item, String value) {
		switch (item.type()) {
			case CHOICE:
				Optional<Item.Option> option = item.option(value);
				if (option.isPresent() && option.get().system() != null) {
					return new Coding(option.get().system(), value, option.get().display());
				}
				return new StringType(value);
			case BOOLEAN:
				return new BooleanType(Boolean.parseBoolean(value));
			case INTEGER:
				return new IntegerType(new BigDecimal(value).intValueExact());
			case DECIMAL:
				return new DecimalType(new BigDecimal(value));
			case DATE:
				return new DateType(value);
			default:
				return new StringType(value);
		}
	}

	/**
	 * The answers of a response as Caremap keeps them: per question, the answer codes or the values written out. The
	 * score items are Caremap's to compute and are left aside; a value of a kind no item takes is refused.
	 */
	static Answers answers(Instrument instrument, QuestionnaireResponse response) {
		Map<String, List<String>> values = new LinkedHashMap<>();
		List<String> problems = new ArrayList<>();
		collect(instrument, response.getItem(), values, problems);
		if (!problems.isEmpty()) {
			throw new UnprocessableEntityException("The answers do not fit " + instrument.title() + ": " + String.join("; ", problems));
		}
		return Answers.of(values);
	}

	private static void collect(Instrument instrument, List<QuestionnaireResponse.QuestionnaireResponseItemComponent> items,
			Map<String, List<String>> values, List<String> problems) {
		for (QuestionnaireResponse.QuestionnaireResponseItemComponent item : items) {
			String linkId = item.getLinkId() == null ? "" : item.getLinkId();
			if (SCORES.equals(linkId) && instrument.question(SCORES).isEmpty()) continue;
			for (QuestionnaireResponse.QuestionnaireResponseItemAnswerComponent answer : item.getAnswer()) {
				String value = value(instrument, linkId, answer.getValue(), problems);
				if (value != null) values.computeIfAbsent(linkId, k -> new ArrayList<>()).add(value);
				collect(instrument, answer.getItem(), values, problems);
			}
			collect(instrument, item.getItem(), values, problems);
		}
	}

	private static @Nullable String value(Instrument instrument, String linkId, @Nullable Type value, List<String> problems) {
		if (value == null || value.isEmpty()) return null;
		if (value instanceof Coding coding) {
			Optional<Item.Option> option = instrument.question(linkId).flatMap(q -> q.option(coding.getCode()));
			if (option.isPresent() && option.get().system() != null && coding.hasSystem()
					&& !option.get().system().equals(coding.getSystem())) {
				problems.add(linkId + ": the answer " + coding.getSystem() + "|" + coding.getCode() + " is not one of the item's options");
				return null;
			}
			return coding.getCode();
		}
		if (value instanceof StringType s) return s.getValue();
		if (value instanceof IntegerType i) return i.getValueAsString();
		if (value instanceof DecimalType d) return d.getValue().toPlainString();
		if (value instanceof BooleanType b) return b.getValueAsString();
		if (value instanceof DateType d) return d.getValueAsString();
		problems.add(linkId + ": a value of type " + value.fhirType() + " is not taken by any item");
		return null;
	}

	/** What is wrong with answers, per linkId, in words a sending system's people can act on. */
	static String describe(Map<String, String> problems) {
		List<String> out = new ArrayList<>();
		problems.forEach((linkId, code) -> out.add(linkId + ": " + PROBLEMS.getOrDefault(code, code)));
		return String.join("; ", out);
	}

	private static final Map<String, String> PROBLEMS = Map.ofEntries(
			Map.entry("required", "an answer is required"),
			Map.entry("unknown-question", "the Questionnaire has no question with this linkId"),
			Map.entry("unknown-answer", "the answer is not one of the item's options"),
			Map.entry("single-answer", "the item takes one answer"),
			Map.entry("exclusive-answer", "this answer cannot be combined with others"),
			Map.entry("not-a-number", "the answer is not a number of the item's type"),
			Map.entry("below-minimum", "the answer is below the item's minimum"),
			Map.entry("above-maximum", "the answer is above the item's maximum"),
			Map.entry("not-a-date", "the answer is not a date"),
			Map.entry("too-long", "the answer is too long"));
}
