package org.caremap.utilization.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.caremap.shared.DomainException;
import org.caremap.utilization.PayerRule;
import org.caremap.utilization.PayerRules;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Administration: the payer rules (decision time frames, appeal windows, re-authorization thresholds, with sources). */
@Controller
@RequestMapping("/admin/payer-rules")
class PayerRulesController {

	record RuleForm(@NotBlank @Size(max = 200) @Nullable String payer, @NotNull PayerRule.@Nullable PayerType type,
			@NotNull @Min(1) @Max(720) @Nullable Integer expeditedHours, @NotNull @Min(1) @Max(90) @Nullable Integer standardDays,
			@NotBlank @Size(max = 500) @Nullable String decisionSource, @NotNull @Min(1) @Max(365) @Nullable Integer appealDays,
			@NotBlank @Size(max = 500) @Nullable String appealSource, @NotNull @Min(1) @Max(100) @Nullable Integer renewalSharePercent,
			@NotNull @Min(0) @Max(60) @Nullable Integer renewalBusinessDays) {

		static RuleForm of(PayerRule r) {
			return new RuleForm(r.payer(), r.type(), r.expeditedHours(), r.standardDays(), r.decisionSource(), r.appealDays(),
					r.appealSource(), r.renewalSharePercent(), r.renewalBusinessDays());
		}
	}

	private final PayerRules rules;

	PayerRulesController(PayerRules rules) {
		this.rules = rules;
	}

	@ModelAttribute("types")
	PayerRule.PayerType[] types() {
		return PayerRule.PayerType.values();
	}

	@GetMapping
	String list(@RequestParam(required = false) @Nullable String payer, Model model) {
		if (!model.containsAttribute("form")) {
			PayerRule base = payer == null ? null : rules.all().stream().filter(r -> r.payer().equalsIgnoreCase(payer)).findFirst().orElse(null);
			model.addAttribute("form", base != null ? RuleForm.of(base)
					: new RuleForm("", PayerRule.PayerType.OTHER, 72, 7, "", 60, "", 80, 10));
		}
		model.addAttribute("rules", rules.all());
		return "utilization/payer-rules";
	}

	@PostMapping
	String save(@Valid @ModelAttribute("form") RuleForm form, BindingResult errors, Model model, RedirectAttributes redirect) {
		if (!errors.hasErrors()) {
			try {
				rules.save(new PayerRule(null, form.payer(), form.type(), form.expeditedHours(), form.standardDays(),
						form.decisionSource(), form.appealDays(), form.appealSource(), form.renewalSharePercent(),
						form.renewalBusinessDays()));
				redirect.addFlashAttribute("flash", "payerRule.saved");
				return "redirect:/admin/payer-rules";
			}
			catch (DomainException ex) {
				errors.reject("error." + ex.code(), ex.arguments(), ex.getMessage());
			}
		}
		model.addAttribute("rules", rules.all());
		return "utilization/payer-rules";
	}
}
