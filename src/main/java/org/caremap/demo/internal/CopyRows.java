package org.caremap.demo.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;

/**
 * Rows of one table in PostgreSQL's COPY text format (tab-separated, {@code \N} for null, backslash escapes),
 * ready to stream with {@code COPY ... FROM STDIN}.
 */
final class CopyRows {

	private final String table;
	private final String columns;
	private final StringBuilder text = new StringBuilder(1 << 16);
	private long rows;

	CopyRows(String table, String columns) {
		this.table = table;
		this.columns = columns;
	}

	String table() {
		return table;
	}

	String copyStatement() {
		return "copy " + table + " (" + columns + ") from stdin";
	}

	long rows() {
		return rows;
	}

	CopyRows row(Object... values) {
		for (int i = 0; i < values.length; i++) {
			if (i > 0) text.append('\t');
			append(values[i]);
		}
		text.append('\n');
		rows++;
		return this;
	}

	/** The rows so far as bytes, and an empty buffer for the next ones. */
	byte[] drain() {
		byte[] out = text.toString().getBytes(StandardCharsets.UTF_8);
		text.setLength(0);
		return out;
	}

	private void append(Object value) {
		if (value == null) {
			text.append("\\N");
		}
		else if (value instanceof Boolean b) {
			text.append(b ? 't' : 'f');
		}
		else if (value instanceof Instant t) {
			text.append(t.toString());
		}
		else if (value instanceof Collection<?> list) {
			text.append('{');
			boolean first = true;
			for (Object item : list) {
				if (!first) text.append(',');
				first = false;
				text.append('"');
				escape(item.toString().replace("\\", "\\\\").replace("\"", "\\\""));
				text.append('"');
			}
			text.append('}');
		}
		else {
			escape(value.toString());
		}
	}

	private void escape(String s) {
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			switch (c) {
				case '\\' -> text.append("\\\\");
				case '\t' -> text.append("\\t");
				case '\n' -> text.append("\\n");
				case '\r' -> text.append("\\r");
				default -> text.append(c);
			}
		}
	}
}
