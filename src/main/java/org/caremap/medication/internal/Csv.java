package org.caremap.medication.internal;

import java.util.ArrayList;
import java.util.List;

/** A small RFC 4180 reader: commas, double-quoted fields with "" inside, CRLF or LF; blank lines skipped. */
final class Csv {

	private Csv() {
	}

	static List<List<String>> parse(String text) {
		List<List<String>> rows = new ArrayList<>();
		List<String> row = new ArrayList<>();
		StringBuilder cell = new StringBuilder();
		boolean quoted = false;
		String s = text.startsWith("\uFEFF") ? text.substring(1) : text;
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			if (quoted) {
				if (c == '"' && i + 1 < s.length() && s.charAt(i + 1) == '"') {
					cell.append('"');
					i++;
				}
				else if (c == '"') quoted = false;
				else cell.append(c);
			}
			else if (c == '"') quoted = true;
			else if (c == ',') {
				row.add(cell.toString());
				cell.setLength(0);
			}
			else if (c == '\n' || c == '\r') {
				if (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') i++;
				row.add(cell.toString());
				cell.setLength(0);
				if (!(row.size() == 1 && row.get(0).isBlank())) rows.add(row);
				row = new ArrayList<>();
			}
			else cell.append(c);
		}
		row.add(cell.toString());
		if (!(row.size() == 1 && row.get(0).isBlank())) rows.add(row);
		return rows;
	}
}
