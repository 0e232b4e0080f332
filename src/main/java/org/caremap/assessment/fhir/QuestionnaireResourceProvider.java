package org.caremap.assessment.fhir;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.param.UriParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.caremap.fhir.FhirPage;
import org.caremap.assessment.Instrument;
import org.caremap.assessment.InstrumentVersionView;
import org.caremap.assessment.Instruments;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Questionnaire;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The instrument catalog as FHIR Questionnaires, one per stored version (id {@code <key>-v<seq>}, the latest
 * version of each instrument active, earlier ones retired): read, and search by {@code url}, {@code name},
 * {@code title} and {@code status} with {@code _count}/{@code _offset} paging.
 */
@Component
class QuestionnaireResourceProvider implements IResourceProvider {

	private final Instruments instruments;

	QuestionnaireResourceProvider(Instruments instruments) {
		this.instruments = instruments;
	}

	@Override
	public Class<Questionnaire> getResourceType() {
		return Questionnaire.class;
	}

	@Read
	public Questionnaire read(@IdParam IdType id) {
		return QuestionnaireFhir.VersionId.parse(id.getIdPart()).flatMap(v -> questionnaire(v.key(), v.seq()))
			.orElseThrow(() -> new ResourceNotFoundException(id));
	}

	Optional<Questionnaire> questionnaire(String key, int seq) {
		List<InstrumentVersionView> versions = instruments.versions(key);
		Optional<InstrumentVersionView> stored = versions.stream().filter(v -> v.seq() == seq).findFirst();
		Optional<Instrument> instrument = instruments.version(key, seq);
		if (stored.isEmpty() || instrument.isEmpty()) return Optional.empty();
		boolean latest = versions.stream().allMatch(v -> v.seq() <= seq);
		return Optional.of(QuestionnaireFhir.questionnaire(instrument.get(), stored.get(), latest));
	}

	@Search
	public IBundleProvider search(@OptionalParam(name = Questionnaire.SP_URL) @Nullable UriParam url,
			@OptionalParam(name = Questionnaire.SP_NAME) @Nullable StringParam name,
			@OptionalParam(name = Questionnaire.SP_TITLE) @Nullable StringParam title,
			@OptionalParam(name = Questionnaire.SP_STATUS) @Nullable TokenParam status,
			@Offset @Nullable Integer offset, @Count @Nullable Integer count) {
		if (status != null) {
			try {
				Enumerations.PublicationStatus.fromCode(status.getValue());
			}
			catch (org.hl7.fhir.exceptions.FHIRException ex) {
				throw new InvalidRequestException("Unknown Questionnaire status: " + status.getValue());
			}
		}
		List<Questionnaire> matching = new ArrayList<>();
		for (Questionnaire q : all()) {
			if (url != null && !q.getUrl().equals(url.getValue())) continue;
			if (name != null && !matches(q.getName(), name)) continue;
			if (title != null && !matches(q.getTitle(), title)) continue;
			if (status != null && !q.getStatus().toCode().equals(status.getValue())) continue;
			matching.add(q);
		}
		FhirPage page = FhirPage.of(offset, count);
		List<IBaseResource> slice = new ArrayList<>(
				matching.subList(Math.min(page.from(), matching.size()), Math.min(page.from() + page.size(), matching.size())));
		return page.bundle(slice, matching.size());
	}

	/** Every stored version, instrument by instrument (by key), newest version first. */
	private List<Questionnaire> all() {
		List<Questionnaire> all = new ArrayList<>();
		instruments.current().stream().map(Instrument::key).sorted().forEach(key -> {
			for (InstrumentVersionView v : instruments.versions(key)) questionnaire(key, v.seq()).ifPresent(all::add);
		});
		return all;
	}

	/** FHIR string search: starts with, ignoring case, or the exact text with {@code :exact}; contains with {@code :contains}. */
	private static boolean matches(@Nullable String value, StringParam param) {
		if (value == null) return false;
		if (param.isExact()) return value.equals(param.getValue());
		String v = value.toLowerCase(Locale.ROOT);
		String p = param.getValue().toLowerCase(Locale.ROOT);
		return param.isContains() ? v.contains(p) : v.startsWith(p);
	}
}
