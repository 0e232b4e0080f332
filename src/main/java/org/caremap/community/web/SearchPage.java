package org.caremap.community.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.caremap.community.DirectorySearch;
import org.caremap.community.Eligibility;
import org.caremap.community.Need;
import org.caremap.community.Origin;
import org.caremap.community.SearchHit;
import org.caremap.community.SearchQuery;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.util.UriComponentsBuilder;

/** Fills the search page's model, for the directory's own search and for a patient's. */
@Component
class SearchPage {

	/** A result as the page shows it: the hit, why it matched, and where Refer goes (a patient in context). */
	record Result(SearchHit hit, List<String> why, @Nullable String referHref) {
	}

	private final DirectorySearch search;
	private final MessageSource messages;

	SearchPage(DirectorySearch search, MessageSource messages) {
		this.search = search;
		this.messages = messages;
	}

	void fill(SearchForm form, BindingResult errors, @Nullable UUID patient, @Nullable Origin home, Model model, Locale locale) {
		model.addAttribute("needs", Arrays.asList(Need.values()));
		model.addAttribute("groups", Arrays.asList(Eligibility.values()));
		model.addAttribute("languages", Languages.choices(locale));
		model.addAttribute("days", Arrays.asList(java.time.DayOfWeek.values()));
		model.addAttribute("searchForm", form);
		model.addAttribute("asked", form.asked() || patient != null);
		model.addAttribute("moreFilters", Boolean.TRUE.equals(form.languageOnly()) || Boolean.TRUE.equals(form.openNow())
				|| form.day() != null || form.at() != null || form.age() != null || form.fpl() != null
				|| (form.groups() != null && !form.groups().isEmpty()) || Boolean.TRUE.equals(form.free())
				|| errors.hasFieldErrors("age") || errors.hasFieldErrors("fpl") || errors.hasFieldErrors("at"));
		if (errors.hasErrors()) {
			model.addAttribute("results", List.of());
			return;
		}
		Origin origin = null;
		if (form.place() != null && !form.place().isBlank()) {
			if (home != null && form.place().equals(home.label())) origin = home;
			else {
				origin = search.place(form.place()).orElse(null);
				if (origin == null) {
					errors.rejectValue("place", "community.search.placeUnknown");
					model.addAttribute("results", List.of());
					return;
				}
			}
		}
		if (form.need() != null && !form.need().isBlank() && form.needCode() == null) {
			errors.rejectValue("need", "community.search.needUnknown");
			model.addAttribute("results", List.of());
			return;
		}
		model.addAttribute("origin", origin);
		if (!form.asked() && patient == null) {
			model.addAttribute("results", List.of());
			return;
		}
		SearchQuery query = form.query(origin);
		List<Result> results = new ArrayList<>();
		for (SearchHit hit : search.search(query)) {
			results.add(new Result(hit, Why.of(hit, query, messages, locale), patient == null ? null : refer(patient, hit, form)));
		}
		model.addAttribute("results", results);
	}

	/** The referral side's page for this service and patient (built by the referrals of this module). */
	static String refer(UUID patient, SearchHit hit, SearchForm form) {
		UriComponentsBuilder b = UriComponentsBuilder.fromPath("/patients/{patient}/community/referrals/new")
			.queryParam("service", hit.id());
		if (form.socialNeed() != null) b.queryParam("need", form.socialNeed());
		if (form.intervention() != null) b.queryParam("intervention", form.intervention());
		return b.buildAndExpand(patient).toUriString();
	}
}
