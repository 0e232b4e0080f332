package org.caremap.platform;

import java.util.Locale;

import org.caremap.shared.DateTexts;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * The message bundle (what Spring Boot would set up from {@code spring.messages.*}), with one difference: a date put
 * into a sentence ('Completed {0}', 'due {1}') is written as the pages write dates ({@link DateTexts}), not as ISO.
 */
@Configuration(proxyBeanMethods = false)
class SentenceMessages {

	@Bean
	MessageSource messageSource(@Value("${spring.messages.basename:messages}") String basename) {
		ResourceBundleMessageSource source = new DatesInSentences();
		source.setBasenames(basename.split("\\s*,\\s*"));
		source.setDefaultEncoding("UTF-8");
		source.setFallbackToSystemLocale(false);
		return source;
	}

	static final class DatesInSentences extends ResourceBundleMessageSource {

		@Override
		protected Object[] resolveArguments(Object[] args, Locale locale) {
			Object[] resolved = super.resolveArguments(args, locale);
			for (int i = 0; i < resolved.length; i++) {
				if (resolved[i] != null) resolved[i] = DateTexts.inSentence(resolved[i], locale);
			}
			return resolved;
		}
	}
}
