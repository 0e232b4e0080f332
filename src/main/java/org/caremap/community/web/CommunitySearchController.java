package org.caremap.community.web;

import java.util.Locale;

import jakarta.validation.Valid;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;

/** The community resource search, from anywhere (distance from a place typed). */
@Controller
class CommunitySearchController {

	private final SearchPage page;

	CommunitySearchController(SearchPage page) {
		this.page = page;
	}

	@GetMapping("/community")
	String search(@Valid @ModelAttribute("searchForm") SearchForm form, BindingResult errors, Model model, Locale locale) {
		page.fill(form, errors, null, null, model, locale);
		return "community/search";
	}
}
