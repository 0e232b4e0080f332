package org.caremap.quality.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.caremap.identity.Role;
import org.caremap.identity.UserAccounts;
import org.caremap.identity.UserView;
import org.caremap.organization.Organizations;
import org.caremap.organization.TeamView;
import org.caremap.program.ProgramId;
import org.caremap.program.Programs;
import org.caremap.quality.internal.Figure;
import org.caremap.quality.internal.Measure;
import org.caremap.quality.internal.QualityDashboard;
import org.caremap.quality.internal.QualityFilter;
import org.caremap.shared.UserId;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/**
 * The supervisors' outcome dashboard: the filter (program, team, case manager, period and comparison period), the
 * figures with their charts and tables, the definitions, the drill-down to the patients behind a figure, and the
 * CSV and XLSX exports of the figures (counts only).
 */
@Controller
@PreAuthorize("hasAnyRole('SUPERVISOR', 'ADMIN')")
class QualityController {

	private final QualityDashboard dashboard;
	private final Programs programs;
	private final Organizations organizations;
	private final UserAccounts accounts;
	private final MessageSource messages;

	QualityController(QualityDashboard dashboard, Programs programs, Organizations organizations, UserAccounts accounts,
			MessageSource messages) {
		this.dashboard = dashboard;
		this.programs = programs;
		this.organizations = organizations;
		this.accounts = accounts;
		this.messages = messages;
	}

	/** The filter as typed in the page's form and carried in every link (all optional). */
	record FilterForm(@Nullable String program, @Nullable String team, @Nullable String manager, @Nullable String from,
			@Nullable String to, @Nullable String compareFrom, @Nullable String compareTo) {
	}

	/** The filter read from the form, and the fields that could not be read (shown as errors; their default is used). */
	record Parsed(QualityFilter period, QualityFilter comparison, Map<String, String> errors) {
	}

	private static @Nullable UUID uuid(@Nullable String text, String field, Map<String, String> errors) {
		if (text == null || text.isBlank()) return null;
		try {
			return UUID.fromString(text.trim());
		}
		catch (IllegalArgumentException e) {
			errors.put(field, "quality.error.choice");
			return null;
		}
	}

	private static @Nullable LocalDate day(@Nullable String text, String field, Map<String, String> errors) {
		if (text == null || text.isBlank()) return null;
		try {
			return LocalDate.parse(text.trim());
		}
		catch (DateTimeParseException e) {
			errors.put(field, "quality.error.date");
			return null;
		}
	}

	Parsed parse(FilterForm form) {
		Map<String, String> errors = new LinkedHashMap<>();
		UUID program = uuid(form.program(), "program", errors);
		UUID team = uuid(form.team(), "team", errors);
		UUID manager = uuid(form.manager(), "manager", errors);
		LocalDate lastMonth = organizations.today().withDayOfMonth(1).minusMonths(1);
		LocalDate from = day(form.from(), "from", errors);
		LocalDate to = day(form.to(), "to", errors);
		if (from == null) from = lastMonth;
		if (to == null) to = from.plusMonths(1).minusDays(1);
		if (to.isBefore(from)) {
			errors.put("to", "quality.error.order");
			to = from.plusMonths(1).minusDays(1);
		}
		LocalDate compareFrom = day(form.compareFrom(), "compareFrom", errors);
		LocalDate compareTo = day(form.compareTo(), "compareTo", errors);
		long days = java.time.temporal.ChronoUnit.DAYS.between(from, to);
		// whole months compare with as many whole months before; any other period with as many days before
		boolean months = from.getDayOfMonth() == 1 && to.plusDays(1).getDayOfMonth() == 1;
		long monthCount = java.time.temporal.ChronoUnit.MONTHS.between(from, to.plusDays(1));
		if (compareFrom == null && compareTo == null && months) {
			compareFrom = from.minusMonths(monthCount);
			compareTo = from.minusDays(1);
		}
		if (compareTo == null) compareTo = compareFrom == null ? from.minusDays(1) : compareFrom.plusDays(days);
		if (compareFrom == null) compareFrom = compareTo.minusDays(days);
		if (compareTo.isBefore(compareFrom)) {
			errors.put("compareTo", "quality.error.order");
			compareTo = compareFrom.plusDays(days);
		}
		QualityFilter period = new QualityFilter(program == null ? null : new ProgramId(program), team,
				manager == null ? null : new UserId(manager), from, to);
		return new Parsed(period, period.over(compareFrom, compareTo), errors);
	}

	private void choices(Model model) {
		model.addAttribute("programs", programs.all());
		model.addAttribute("teams", organizations.primary().map(o -> organizations.teams(o.id())).orElse(List.of())
			.stream().sorted(Comparator.comparing(TeamView::name)).toList());
		model.addAttribute("managers", accounts.withRole(Role.CASE_MANAGER).stream()
			.sorted(Comparator.comparing(UserView::displayName)).toList());
	}

	/** The query string that carries the filter into links (drill-downs, exports). */
	private static String query(Parsed p) {
		QualityFilter f = p.period();
		StringBuilder q = new StringBuilder();
		if (f.program() != null) q.append("program=").append(f.program().value()).append('&');
		if (f.team() != null) q.append("team=").append(f.team()).append('&');
		if (f.caseManager() != null) q.append("manager=").append(f.caseManager().value()).append('&');
		q.append("from=").append(f.from()).append("&to=").append(f.to());
		q.append("&compareFrom=").append(p.comparison().from()).append("&compareTo=").append(p.comparison().to());
		return q.toString();
	}

	@GetMapping("/quality")
	String page(@ModelAttribute("filter") FilterForm form, Model model, Locale locale) {
		Parsed parsed = parse(form);
		choices(model);
		QualityDashboard.Dashboard d = dashboard.dashboard(parsed.period(), parsed.comparison());
		model.addAttribute("parsed", parsed);
		model.addAttribute("errors", parsed.errors());
		model.addAttribute("query", query(parsed));
		model.addAttribute("dashboard", d);
		chart(model, locale, d, "percent", Measure.Unit.PERCENT);
		chart(model, locale, d, "rate", Measure.Unit.PER_1000);
		return "quality/dashboard";
	}

	/** The figures of this minute for the filter (where the page showed figures kept ready), then the page again. */
	@org.springframework.web.bind.annotation.PostMapping("/quality/recompute")
	String recompute(@ModelAttribute("filter") FilterForm form) {
		Parsed parsed = parse(form);
		if (parsed.errors().isEmpty()) dashboard.recompute(parsed.period(), parsed.comparison());
		return "redirect:/quality?" + query(parsed);
	}

	/** The figures of one unit for a chart: their names and the two periods' values (0 where nothing was measured). */
	private void chart(Model model, Locale locale, QualityDashboard.Dashboard d, String name, Measure.Unit unit) {
		List<QualityDashboard.Line> lines = d.lines().stream().filter(l -> l.measure().unit() == unit).toList();
		model.addAttribute(name + "Labels", lines.stream().map(l -> text(locale, "quality.measure." + l.measure().key())).toList());
		model.addAttribute(name + "Now", lines.stream().map(l -> plain(l.current())).toList());
		model.addAttribute(name + "Then", lines.stream().map(l -> plain(l.comparison())).toList());
	}

	private static String plain(Figure f) {
		return f.value() == null ? "0" : f.value().toPlainString();
	}

	@GetMapping("/quality/{measure}/patients")
	String drill(@PathVariable String measure, @ModelAttribute("filter") FilterForm form,
			@org.springframework.web.bind.annotation.RequestParam(required = false) @Nullable String page, Model model) {
		Measure m = Measure.byKey(measure).orElseThrow(() -> new ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND));
		Parsed parsed = parse(form);
		model.addAttribute("measure", m);
		model.addAttribute("parsed", parsed);
		model.addAttribute("query", query(parsed));
		int pageNumber = 0;
		if (page != null && page.matches("\\d{1,6}")) pageNumber = Integer.parseInt(page);
		model.addAttribute("drill", dashboard.drill(parsed.period(), m, pageNumber));
		return "quality/drill";
	}

	private String text(Locale locale, String key, Object... args) {
		return messages.getMessage(key, args, key, locale);
	}

	/** The exported table: one line per figure, the period's and the comparison period's counts and values. */
	private List<List<String>> table(Parsed parsed, Locale locale) {
		QualityDashboard.Dashboard d = dashboard.dashboard(parsed.period(), parsed.comparison());
		List<List<String>> rows = new ArrayList<>();
		rows.add(List.of(text(locale, "quality.export.measure"), text(locale, "quality.export.unit"),
				text(locale, "quality.export.period", parsed.period().from(), parsed.period().to()),
				text(locale, "quality.numerator"), text(locale, "quality.denominator"),
				text(locale, "quality.export.period", parsed.comparison().from(), parsed.comparison().to()),
				text(locale, "quality.numerator"), text(locale, "quality.denominator")));
		for (QualityDashboard.Line line : d.lines()) {
			rows.add(List.of(text(locale, "quality.measure." + line.measure().key()),
					text(locale, "quality.unit." + line.measure().unit()), value(line.current()),
					Long.toString(line.current().numerator()), count(line.current().denominator()), value(line.comparison()),
					Long.toString(line.comparison().numerator()), count(line.comparison().denominator())));
		}
		for (var reason : d.closedByReason().entrySet()) {
			rows.add(List.of(text(locale, "quality.export.closedBecause", reason.getKey()), text(locale, "quality.unit.COUNT"),
					Long.toString(reason.getValue()), "", "", Long.toString(d.comparisonClosedByReason().getOrDefault(reason.getKey(), 0L)),
					"", ""));
		}
		return rows;
	}

	private static String value(Figure f) {
		return f.value() == null ? "" : f.value().toPlainString();
	}

	private static String count(@Nullable Long n) {
		return n == null ? "" : Long.toString(n);
	}

	private static String csvCell(String s) {
		String safe = !s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0 && !s.matches("-?[0-9.]+") ? "'" + s : s;
		return safe.contains(",") || safe.contains("\"") || safe.contains("\n") ? '"' + safe.replace("\"", "\"\"") + '"' : safe;
	}

	private static ResponseEntity<byte[]> file(byte[] body, String name, MediaType type) {
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
			.contentType(type)
			.body(body);
	}

	@GetMapping("/quality/export.csv")
	ResponseEntity<byte[]> csv(@ModelAttribute("filter") FilterForm form, Locale locale) {
		Parsed parsed = parse(form);
		StringBuilder out = new StringBuilder();
		for (List<String> row : table(parsed, locale)) {
			out.append(String.join(",", row.stream().map(QualityController::csvCell).toList())).append("\r\n");
		}
		return file(out.toString().getBytes(StandardCharsets.UTF_8), "outcomes-" + parsed.period().from() + ".csv",
				new MediaType("text", "csv", StandardCharsets.UTF_8));
	}

	@GetMapping("/quality/export.xlsx")
	ResponseEntity<byte[]> xlsx(@ModelAttribute("filter") FilterForm form, Locale locale) throws IOException {
		Parsed parsed = parse(form);
		try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			Sheet sheet = book.createSheet(text(locale, "quality.title"));
			int r = 0;
			for (List<String> row : table(parsed, locale)) {
				Row line = sheet.createRow(r++);
				for (int c = 0; c < row.size(); c++) {
					String v = row.get(c);
					if (r > 1 && c >= 2 && v.matches("-?[0-9]+(\\.[0-9]+)?")) line.createCell(c).setCellValue(Double.parseDouble(v));
					else line.createCell(c).setCellValue(v);
				}
			}
			sheet.setColumnWidth(0, 48 * 256);
			book.write(out);
			return file(out.toByteArray(), "outcomes-" + parsed.period().from() + ".xlsx",
					MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
		}
	}
}
