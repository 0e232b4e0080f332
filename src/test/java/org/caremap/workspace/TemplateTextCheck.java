package org.caremap.workspace;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

import org.attoparser.AbstractMarkupHandler;
import org.attoparser.MarkupParser;
import org.attoparser.ParseException;
import org.attoparser.config.ParseConfiguration;

/**
 * Finds user-visible text written straight into templates instead of coming from {@code messages.properties}:
 * text between tags, and the attributes people read or hear (placeholder, title, alt, aria-label, label, value
 * of input buttons). Text inside an element whose body Thymeleaf replaces (th:text, th:utext, th:replace, th:insert)
 * does not count, nor do symbols without letters.
 */
final class TemplateTextCheck {

	static final Set<String> READ_ATTRIBUTES = Set.of("placeholder", "title", "alt", "aria-label", "label",
			"aria-description", "aria-placeholder", "aria-roledescription", "aria-valuetext");
	static final Set<String> REPLACING = Set.of("th:text", "th:utext", "th:replace", "th:insert", "th:remove");
	static final Set<String> IGNORED_ELEMENTS = Set.of("script", "style", "code", "kbd");

	record Finding(Path file, int line, String what) {
		@Override
		public String toString() {
			return file + ":" + line + ": " + what;
		}
	}

	static List<Finding> scan(Path root) throws IOException {
		List<Finding> findings = new ArrayList<>();
		try (Stream<Path> files = Files.walk(root)) {
			for (Path file : files.filter(p -> p.toString().endsWith(".html")).sorted().toList()) {
				findings.addAll(check(file));
			}
		}
		return findings;
	}

	static List<Finding> check(Path file) throws IOException {
		Handler handler = new Handler(file);
		try (Reader reader = Files.newBufferedReader(file)) {
			new MarkupParser(ParseConfiguration.htmlConfiguration()).parse(reader, handler);
		}
		catch (ParseException ex) {
			throw new IOException("cannot parse " + file, ex);
		}
		return handler.findings;
	}

	private static boolean hasLetters(String text) {
		return text.codePoints().anyMatch(Character::isLetter);
	}

	private static final class Handler extends AbstractMarkupHandler {
		final Path file;
		final List<Finding> findings = new ArrayList<>();
		/** For each open element: does its body come from Thymeleaf, or is it ignored? */
		final Deque<Boolean> replaced = new ArrayDeque<>();
		final Deque<String> names = new ArrayDeque<>();
		String currentName = "";
		boolean currentReplaced;
		String pendingValue;
		int pendingLine;
		boolean inputIsButton;

		private void endOfStartTag() {
			if (pendingValue != null && inputIsButton) {
				findings.add(new Finding(file, pendingLine, "button label value=\"" + pendingValue + "\" is hard-coded"));
			}
			pendingValue = null;
			inputIsButton = false;
		}

		Handler(Path file) {
			this.file = file;
		}

		private boolean insideReplaced() {
			return replaced.contains(Boolean.TRUE);
		}

		@Override
		public void handleOpenElementStart(char[] buffer, int offset, int len, int line, int col) {
			currentName = new String(buffer, offset, len).toLowerCase(Locale.ROOT);
			currentReplaced = IGNORED_ELEMENTS.contains(currentName);
		}

		@Override
		public void handleStandaloneElementStart(char[] buffer, int offset, int len, boolean minimized, int line,
				int col) {
			currentName = new String(buffer, offset, len).toLowerCase(Locale.ROOT);
			currentReplaced = false;
		}

		@Override
		public void handleAttribute(char[] buffer, int nameOffset, int nameLen, int nameLine, int nameCol,
				int operatorOffset, int operatorLen, int operatorLine, int operatorCol, int valueContentOffset,
				int valueContentLen, int valueOuterOffset, int valueOuterLen, int valueLine, int valueCol) {
			String name = new String(buffer, nameOffset, nameLen).toLowerCase(Locale.ROOT);
			String value = new String(buffer, valueContentOffset, valueContentLen);
			if (REPLACING.contains(name)) currentReplaced = true;
			if (READ_ATTRIBUTES.contains(name) && hasLetters(value)) {
				findings.add(new Finding(file, nameLine, "attribute " + name + "=\"" + value + "\" on <" + currentName
						+ "> is hard-coded; use th:" + name + " with a message key"));
			}
			if (name.equals("value") && currentName.equals("input") && hasLetters(value) && !value.startsWith("${")) {
				// an input's value is data, unless the input is a button: then it is its label
				pendingValue = value;
				pendingLine = nameLine;
			}
			if (name.equals("type") && currentName.equals("input")
					&& (value.equals("submit") || value.equals("button") || value.equals("reset"))) {
				inputIsButton = true;
			}
			if ((name.equals("th:text") || name.equals("th:utext")) && value.trim().matches("^'[^']*\\p{L}[^']*'$")) {
				findings.add(new Finding(file, nameLine, name + " holds a literal text " + value + "; use a message key"));
			}
		}

		@Override
		public void handleOpenElementEnd(char[] buffer, int offset, int len, int line, int col) {
			endOfStartTag();
			names.push(currentName);
			replaced.push(currentReplaced);
		}

		@Override
		public void handleStandaloneElementEnd(char[] buffer, int offset, int len, boolean minimized, int line, int col) {
			endOfStartTag();
		}

		@Override
		public void handleCloseElementEnd(char[] buffer, int offset, int len, int line, int col) {
			if (!names.isEmpty()) {
				names.pop();
				replaced.pop();
			}
		}

		@Override
		public void handleAutoCloseElementEnd(char[] buffer, int offset, int len, int line, int col) {
			handleCloseElementEnd(buffer, offset, len, line, col);
		}

		@Override
		public void handleText(char[] buffer, int offset, int len, int line, int col) {
			String text = new String(buffer, offset, len).strip();
			if (text.isEmpty() || !hasLetters(text) || insideReplaced()) return;
			findings.add(new Finding(file, line, "text \"" + abbreviate(text) + "\" is hard-coded; use th:text=\"#{key}\""));
		}

		private static String abbreviate(String text) {
			return text.length() > 60 ? text.substring(0, 57) + "..." : text;
		}
	}
}
