package org.caremap.community.web;

import java.time.LocalDate;
import java.util.Locale;
import java.util.UUID;

import jakarta.validation.Valid;

import org.caremap.chart.ChartHeaders;
import org.caremap.chart.ChartPage;
import org.caremap.chart.ChartTab;
import org.caremap.community.DirectorySearch;
import org.caremap.community.Origin;
import org.caremap.patient.PatientDetails;
import org.caremap.patient.PatientRegistry;
import org.caremap.shared.NotFoundException;
import org.caremap.shared.PatientId;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The community search from a patient's chart: the distance is measured from the patient's home (the centre of its
 * ZIP code; Caremap has no street geocoder), the patient's language ranks services up and their age filters; each
 * result offers Refer.
 */
@ChartPage
@Controller
class PatientCommunityController {

	private final ChartHeaders headers;
	private final PatientRegistry registry;
	private final DirectorySearch search;
	private final SearchPage page;

	PatientCommunityController(ChartHeaders headers, PatientRegistry registry, DirectorySearch search, SearchPage page) {
		this.headers = headers;
		this.registry = registry;
		this.search = search;
		this.page = page;
	}

	@GetMapping("/patients/{id}/community")
	String search(@PathVariable UUID id, @Valid @ModelAttribute("searchForm") SearchForm form, BindingResult errors, Model model,
			Locale locale) {
		headers.prepare(id, model, "community");
		PatientDetails details = registry.details(new PatientId(id)).orElseThrow(() -> new NotFoundException("patient", id));
		Origin home = null;
		if (details.postalCode() != null) {
			String label = details.addressLine() == null ? details.postalCode()
					: details.addressLine() + ", " + (details.city() == null ? "" : details.city() + " ") + details.postalCode();
			home = search.zip(details.postalCode()).map(o -> new Origin(o.latitude(), o.longitude(), o.zip(), label)).orElse(null);
		}
		String language = details.header().preferredLanguage();
		SearchForm filled = form.withDefaults(home == null ? null : home.label(), "en".equals(language) ? null : language,
				details.header().ageOn(LocalDate.now()));
		model.addAttribute("home", home);
		page.fill(filled, errors, id, home, model, locale);
		return "community/search";
	}

	/** The chart's tab for community resources, after the medications. */
	@Component
	static final class Tab implements ChartTab {

		@Override
		public String key() {
			return "community";
		}

		@Override
		public int order() {
			return 58;
		}

		@Override
		public String path() {
			return "/community";
		}
	}
}
