package org.caremap.community.web;

import java.io.IOException;
import java.util.UUID;

import org.caremap.community.DirectoryImports;
import org.caremap.community.ImportReport;
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
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Administration: upload an HSDS file into the directory and read the reports of the imports. */
@Controller
@RequestMapping("/admin/community/imports")
class ImportController {

	private final DirectoryImports imports;

	ImportController(DirectoryImports imports) {
		this.imports = imports;
	}

	@GetMapping
	String list(Model model) {
		model.addAttribute("imports", imports.recent(30));
		return "community/imports";
	}

	@GetMapping("/{id}")
	String report(@PathVariable UUID id, Model model) {
		ImportReport report = imports.find(id).orElseThrow(() -> new NotFoundException("community import", id));
		model.addAttribute("report", report);
		return "community/import";
	}

	@PostMapping
	String upload(@RequestParam(required = false) @Nullable String source, @RequestParam(required = false) @Nullable MultipartFile file,
			@RequestParam(defaultValue = "false") boolean full, Model model, RedirectAttributes redirect) throws IOException {
		String name = file == null ? null : file.getOriginalFilename();
		String error = null;
		if (source == null || source.isBlank() || source.length() > 200) error = "community.import.sourceRequired";
		else if (source.strip().equalsIgnoreCase("caremap")) error = "error.community.import-source-reserved";
		else if (file == null || file.isEmpty()) error = "community.import.fileRequired";
		else if (name == null || !(name.toLowerCase(java.util.Locale.ROOT).endsWith(".zip") || name.toLowerCase(java.util.Locale.ROOT).endsWith(".json"))) {
			error = "community.import.fileType";
		}
		if (error != null) {
			model.addAttribute("uploadError", error);
			model.addAttribute("source", source == null ? "" : source);
			return list(model);
		}
		ImportReport report;
		try {
			// the column keeps at most 300 characters of a file's name
			report = imports.importFile(source.strip(), name.length() > 300 ? name.substring(name.length() - 300) : name,
					file.getBytes(), full);
		}
		catch (IOException ex) {
			// the upload broke off: say so on the form instead of an error page
			model.addAttribute("uploadError", "community.import.uploadBroken");
			model.addAttribute("source", source);
			return list(model);
		}
		catch (DomainException ex) {
			model.addAttribute("uploadError", "error." + ex.code());
			model.addAttribute("source", source);
			return list(model);
		}
		if ("FAILED".equals(report.status())) redirect.addFlashAttribute("flashError", "community.import.failed");
		else redirect.addFlashAttribute("flash", "community.import.done");
		return "redirect:/admin/community/imports/" + report.id();
	}
}
