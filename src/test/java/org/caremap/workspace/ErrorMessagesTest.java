package org.caremap.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** Every refusal Caremap can raise has a sentence a case manager understands in messages.properties. */
class ErrorMessagesTest {

	private static final Pattern CODE = Pattern.compile("new DomainException\\(\"([a-z0-9.-]+)\"");

	@Test
	void everyDomainErrorCodeHasAMessage() throws IOException {
		Properties messages = new Properties();
		try (InputStream in = Files.newInputStream(Path.of("src/main/resources/messages.properties"))) {
			messages.load(in);
		}
		TreeSet<String> codes = new TreeSet<>();
		try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
			for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
				Matcher m = CODE.matcher(Files.readString(file));
				while (m.find()) codes.add(m.group(1));
			}
		}
		List<String> missing = new ArrayList<>();
		for (String code : codes) {
			if (!messages.containsKey("error." + code)) missing.add("error." + code);
		}
		assertThat(codes).hasSizeGreaterThan(30);
		assertThat(missing).as("error codes without a message").isEmpty();
	}
}
