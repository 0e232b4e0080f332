package org.caremap.workspace;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds user-visible text written in Java instead of taken from the message bundles: a literal text handed to a page
 * ({@code addAttribute}, {@code addFlashAttribute}, {@code addObject}), a field error's default message whose code is
 * not in both bundles ({@code rejectValue}, {@code reject}) or any literal {@code new FieldError} message, a
 * problem+json detail or title, an OperationOutcome's diagnostics or a FHIR refusal's text, and the note Caremap
 * writes when it closes a task. A text is a literal holding a letter and a space (a key such as
 * {@code account.saved} is not text).
 */
final class JavaTextCheck {

	/** One piece of text written in Java: the file, the line and what was found. */
	record Finding(String file, int line, String kind, String what) {
		@Override
		public String toString() {
			return file + ":" + line + ": " + kind + " " + what;
		}
	}

	private static final String LITERAL = "\"((?:[^\"\\\\\\n]|\\\\.)*)\"";

	private record Sink(String kind, Pattern pattern) {
	}

	private static final List<Sink> SINKS = List.of(
			new Sink("page attribute", Pattern.compile("\\.(?:addAttribute|addFlashAttribute|addObject)\\(\\s*" + LITERAL + "\\s*,\\s*" + LITERAL + "\\s*\\)")),
			new Sink("field error default", Pattern.compile("\\.rejectValue\\(\\s*[^,;]+,\\s*" + LITERAL + "\\s*,\\s*(?:[^;]*?,\\s*)?" + LITERAL + "\\s*\\)")),
			new Sink("form error default", Pattern.compile("\\.reject\\(\\s*" + LITERAL + "\\s*,\\s*(?:[^;]*?,\\s*)?" + LITERAL + "\\s*\\)")),
			new Sink("new FieldError", Pattern.compile("new\\s+FieldError\\([^;]*?" + LITERAL + "\\s*\\)")),
			new Sink("problem detail", Pattern.compile("(?:forStatusAndDetail\\([^,;]+,|\\bproblem\\w*\\.setDetail\\(|\\bproblem\\w*\\.setTitle\\()\\s*" + LITERAL)),
			new Sink("OperationOutcome diagnostics", Pattern.compile("\\.setDiagnostics\\(\\s*" + LITERAL)),
			new Sink("FHIR refusal", Pattern.compile("new\\s+(?:ResourceNotFound|UnprocessableEntity|InvalidRequest|ForbiddenOperation|ResourceGone|PreconditionFailed|MethodNotAllowed|ResourceVersionConflict|NotImplementedOperation|AuthenticationException)Exception\\(\\s*" + LITERAL)),
			new Sink("task note", Pattern.compile("\\.(?:completeFromSource|cancelFromSource|returnActing)\\(\\s*[^,;]+,\\s*" + LITERAL)));

	private JavaTextCheck() {
	}

	/** Every finding under this folder of Java sources, with the bundles at these paths. */
	static List<Finding> scan(Path sources, Path english, Path spanish) throws IOException {
		Properties en = load(english);
		Properties es = load(spanish);
		List<Finding> found = new ArrayList<>();
		try (Stream<Path> files = Files.walk(sources)) {
			for (Path file : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
				found.addAll(check(sources.relativize(file).toString().replace('\\', '/'), Files.readString(file), en, es));
			}
		}
		return found;
	}

	/** The findings in one source file. */
	static List<Finding> check(String file, String source, Properties en, Properties es) {
		String code = withoutComments(source);
		List<Finding> found = new ArrayList<>();
		for (Sink sink : SINKS) {
			Matcher m = sink.pattern().matcher(code);
			while (m.find()) {
				int line = 1 + (int) code.substring(0, m.start()).chars().filter(c -> c == '\n').count();
				String text = m.group(m.groupCount());
				switch (sink.kind()) {
					case "field error default", "form error default" -> {
						String key = m.group(m.groupCount() - 1);
						if (isText(text) && !(en.containsKey(key) && es.containsKey(key))) {
							found.add(new Finding(file, line, sink.kind(), "\"" + text + "\" (code " + key + " not in both bundles)"));
						}
					}
					default -> {
						if (isText(text)) found.add(new Finding(file, line, sink.kind(), "\"" + text + "\""));
					}
				}
			}
		}
		return found;
	}

	/** Words a person reads: a letter and a space (not a key, a code, a format or a path). */
	static boolean isText(String literal) {
		return literal.chars().anyMatch(Character::isLetter) && literal.contains(" ");
	}

	/** The source with comments blanked (their lines kept), so that a comment's words are never findings. */
	static String withoutComments(String source) {
		StringBuilder out = new StringBuilder(source.length());
		int i = 0;
		boolean inString = false;
		while (i < source.length()) {
			char c = source.charAt(i);
			if (inString) {
				out.append(c);
				if (c == '\\' && i + 1 < source.length()) {
					out.append(source.charAt(i + 1));
					i += 2;
					continue;
				}
				if (c == '"') inString = false;
				i++;
			}
			else if (c == '"') {
				inString = true;
				out.append(c);
				i++;
			}
			else if (source.startsWith("//", i)) {
				while (i < source.length() && source.charAt(i) != '\n') i++;
			}
			else if (source.startsWith("/*", i)) {
				int end = source.indexOf("*/", i + 2);
				end = end < 0 ? source.length() : end + 2;
				for (int j = i; j < end; j++) if (source.charAt(j) == '\n') out.append('\n');
				i = end;
			}
			else if (c == '\'' && i + 2 < source.length()) {
				// a char literal ('"' must not open a string)
				int end = source.indexOf('\'', i + (source.charAt(i + 1) == '\\' ? 3 : 2));
				end = end < 0 ? i + 1 : end + 1;
				out.append(source, i, end);
				i = end;
			}
			else {
				out.append(c);
				i++;
			}
		}
		return out.toString();
	}

	private static Properties load(Path bundle) throws IOException {
		Properties p = new Properties();
		try (var in = new InputStreamReader(Files.newInputStream(bundle), StandardCharsets.UTF_8)) {
			p.load(in);
		}
		return p;
	}
}
