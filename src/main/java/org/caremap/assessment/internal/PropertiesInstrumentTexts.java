package org.caremap.assessment.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

import org.caremap.assessment.Instrument;
import org.caremap.assessment.InstrumentTexts;
import org.caremap.assessment.Item;
import org.springframework.stereotype.Component;

/** The translations shipped in {@code instruments/i18n/}, read once per instrument and language. */
@Component
class PropertiesInstrumentTexts implements InstrumentTexts {

	private final Map<String, Optional<Properties>> cache = new ConcurrentHashMap<>();

	private Optional<Properties> texts(String key, Locale locale) {
		String lang = locale.getLanguage();
		if (lang.isEmpty() || lang.equals("en") || !key.matches("[a-z0-9-]{1,60}")) return Optional.empty();
		return cache.computeIfAbsent(key + "_" + lang, name -> {
			try (InputStream in = PropertiesInstrumentTexts.class.getResourceAsStream("/instruments/i18n/" + name + ".properties")) {
				if (in == null) return Optional.empty();
				Properties p = new Properties();
				p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
				return Optional.of(p);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
	}

	@Override
	public boolean translated(String instrumentKey, Locale locale) {
		return texts(instrumentKey, locale).isPresent();
	}

	@Override
	public Instrument in(Instrument i, Locale locale) {
		Optional<Properties> found = texts(i.key(), locale);
		if (found.isEmpty()) return i;
		Properties p = found.get();
		return new Instrument(i.key(), i.seq(), i.version(), p.getProperty("title", i.title()), i.description(), i.code(),
				i.copyright(), i.items().stream().map(item -> item(item, p)).toList(), i.scoring(), i.json());
	}

	private static Item item(Item item, Properties p) {
		return new Item(item.linkId(), p.getProperty("item." + item.linkId(), item.text()), item.code(), item.type(), item.required(),
				item.repeats(),
				item.options().stream().map(o -> new Item.Option(o.code(), o.system(), option(item, o, p), o.ordinal(), o.exclusive()))
					.toList(),
				item.children().stream().map(c -> item(c, p)).toList(), p.getProperty("help." + item.linkId(), item.help()),
				item.min(), item.max());
	}

	/**
	 * An answer's text: {@code option.<linkId>.<code>} where one code means different words in different items (Katz's
	 * and Lawton's "independent"), else {@code option.<code>}, else as defined.
	 */
	private static String option(Item item, Item.Option o, Properties p) {
		return p.getProperty("option." + item.linkId() + "." + o.code(), p.getProperty("option." + o.code(), o.display()));
	}
}
