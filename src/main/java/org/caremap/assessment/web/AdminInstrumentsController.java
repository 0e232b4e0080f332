package org.caremap.assessment.web;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.caremap.assessment.Instrument;
import org.caremap.assessment.Instruments;
import org.caremap.program.ProgramId;
import org.caremap.program.ProgramView;
import org.caremap.program.Programs;
import org.caremap.shared.DomainException;
import org.caremap.shared.NotFoundException;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Administrators manage the instrument catalog (each edit a new version) and the re-assessment schedules. */
@Controller
@RequestMapping("/admin/instruments")
class AdminInstrumentsController {

	private final Instruments instruments;
	private final Programs programs;

	AdminInstrumentsController(Instruments instruments, Programs programs) {
		this.instruments = instruments;
		this.programs = programs;
	}

	@GetMapping
	String list(Model model) {
		model.addAttribute("instruments", instruments.current());
		model.addAttribute("rules", instruments.rules());
		List<ProgramView> all = programs.all();
		model.addAttribute("programs", all);
		model.addAttribute("programNames", all.stream().collect(java.util.stream.Collectors.toMap(p -> p.id(), ProgramView::name)));
		return "assessment/admin-instruments";
	}

	@GetMapping("/{key}")
	String show(@PathVariable String key, @RequestParam(required = false) @Nullable Integer seq, Model model) {
		Instrument current = instruments.current(key).orElseThrow(() -> new NotFoundException("instrument", key));
		Instrument shown = seq == null ? current : instruments.version(key, seq).orElseThrow(() -> new NotFoundException("version", seq));
		model.addAttribute("instrument", shown);
		model.addAttribute("current", current);
		model.addAttribute("versions", instruments.versions(key));
		if (!model.containsAttribute("definition")) model.addAttribute("definition", shown.json());
		return "assessment/admin-instrument";
	}

	@PostMapping("/{key}")
	String save(@PathVariable String key, @RequestParam(defaultValue = "") String definition,
			@RequestParam(defaultValue = "") String note, Model model, RedirectAttributes redirect) {
		try {
			Instrument saved = instruments.addVersion(definition, note);
			if (!saved.key().equals(key)) throw new IllegalStateException("saved under another key");
			redirect.addFlashAttribute("flash", "instrument.saved");
			return "redirect:/admin/instruments/" + key;
		}
		catch (DomainException ex) {
			model.addAttribute("flashError", "error." + ex.code());
			model.addAttribute("flashArgs", ex.arguments());
			model.addAttribute("definition", definition);
			model.addAttribute("note", note);
			return show(key, null, model);
		}
	}

	@PostMapping("/rules")
	String saveRule(@RequestParam(required = false) @Nullable UUID program, @RequestParam(defaultValue = "") String instrument,
			@RequestParam(defaultValue = "0") int everyDays, @RequestParam(defaultValue = "") String whileCodes,
			@RequestParam(defaultValue = "") String whileLabel, RedirectAttributes redirect) {
		try {
			if (program == null || instrument.isBlank()) throw new DomainException("form.incomplete", "program and instrument");
			instruments.saveRule(new ProgramId(program), instrument, everyDays,
					Arrays.stream(whileCodes.split("[,;\\s]+")).filter(s -> !s.isBlank()).toList(), whileLabel);
			redirect.addFlashAttribute("flash", "instrument.ruleSaved");
		}
		catch (DomainException ex) {
			redirect.addFlashAttribute("flashError", "error." + ex.code());
			redirect.addFlashAttribute("flashArgs", ex.arguments());
		}
		return "redirect:/admin/instruments";
	}

	@PostMapping("/rules/{rule}/disable")
	String disableRule(@PathVariable UUID rule, RedirectAttributes redirect) {
		instruments.disableRule(rule);
		redirect.addFlashAttribute("flash", "instrument.ruleDisabled");
		return "redirect:/admin/instruments";
	}
}
