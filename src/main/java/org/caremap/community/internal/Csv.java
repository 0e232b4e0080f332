package org.caremap.community.internal;

import java.util.ArrayList;
import java.util.List;

/** RFC 4180 CSV: fields separated by commas, quoted with double quotes (a doubled quote inside is one quote). */
final class Csv {

	private Csv() {
	}

	static List<List<String>> parse(String text, int maxRows) {
		List<List<String>> rows = new ArrayList<>();
		List<String> row = new ArrayList<>();
		StringBuilder field = new StringBuilder();
		boolean quoted = false;
		boolean any = false;
		int i = text.startsWith("\uFEFF") ? 1 : 0;
		for (; i < text.length(); i++) {
			char c = text.charAt(i);
			if (quoted) {
				if (c == '"') {
					if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
						field.append('"');
						i++;
					}
					else quoted = false;
				}
				else field.append(c);
				continue;
			}
			if (c == '"') {
				quoted = true;
				any = true;
			}
			else if (c == ',') {
				row.add(field.toString());
				field.setLength(0);
				any = true;
			}
			else if (c == '\n' || c == '\r') {
				if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') i++;
				if (any || field.length() > 0 || !row.isEmpty()) {
					row.add(field.toString());
					rows.add(row);
					if (rows.size() > maxRows) throw new IllegalArgumentException("more than " + maxRows + " rows");
				}
				row = new ArrayList<>();
				field.setLength(0);
				any = false;
			}
			else {
				field.append(c);
				any = true;
			}
		}
		if (any || field.length() > 0 || !row.isEmpty()) {
			row.add(field.toString());
			rows.add(row);
		}
		return rows;
	}
}
