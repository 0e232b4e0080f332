package org.caremap.assessment.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.caremap.assessment.Instrument;
import org.caremap.assessment.InstrumentDefinitions;
import org.caremap.assessment.InstrumentVersionView;
import org.caremap.assessment.Instruments;
import org.caremap.assessment.ReassessmentRule;
import org.caremap.audit.AuditEntry;
import org.caremap.audit.AuditTrail;
import org.caremap.program.ProgramId;
import org.caremap.shared.CurrentActor;
import org.caremap.shared.DomainException;
import org.caremap.shared.Ids;
import org.caremap.shared.NotFoundException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The instrument catalog in PostgreSQL. At start, every shipped file whose content is not stored yet becomes the
 * next version of its instrument (under an advisory lock, so nodes starting together store it once).
 */
@Service
@Transactional
class JdbcInstruments implements Instruments, SmartInitializingSingleton {

	private static final Logger log = LoggerFactory.getLogger(JdbcInstruments.class);
	private static final long SEED_LOCK = 0x43_4d_49_4e_53_54L; // "CMINST"

	private final JdbcClient jdbc;
	private final TransactionTemplate tx;
	private final AuditTrail audit;
	private final Map<String, Instrument> parsed = new ConcurrentHashMap<>();

	JdbcInstruments(JdbcClient jdbc, TransactionTemplate tx, AuditTrail audit) {
		this.jdbc = jdbc;
		this.tx = tx;
		this.audit = audit;
	}

	@Override
	public void afterSingletonsInstantiated() {
		tx.executeWithoutResult(s -> seed());
	}

	private void seed() {
		jdbc.sql("select pg_advisory_xact_lock(?)").param(SEED_LOCK).query((rs, n) -> 1).list();
		Resource[] files;
		try {
			files = new PathMatchingResourcePatternResolver().getResources("classpath*:instruments/*.json");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		int added = 0;
		for (Resource file : files) {
			String json;
			try {
				json = new String(file.getContentAsByteArray(), StandardCharsets.UTF_8);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			Instrument definition = InstrumentDefinitions.parse(json, 1);
			String checksum = sha256(json);
			boolean stored = jdbc.sql("select count(*) from instrument_version where key = ? and checksum = ?")
				.params(definition.key(), checksum).query(Long.class).single() > 0;
			if (stored) continue;
			boolean sameLabel = jdbc.sql("select count(*) from instrument_version where key = ? and version = ?")
				.params(definition.key(), definition.version()).query(Long.class).single() > 0;
			if (sameLabel) {
				log.warn("Instrument file {} changed but still says version {}; give it a new version to use it",
						file.getFilename(), definition.version());
				continue;
			}
			insert(definition, json, checksum, "FILE", "shipped file " + file.getFilename(), "system");
			added++;
		}
		if (added > 0) log.info("Stored {} new instrument versions from the shipped files", added);
	}

	private int insert(Instrument definition, String json, String checksum, String origin, @Nullable String note, String by) {
		int seq = jdbc.sql("select coalesce(max(seq), 0) + 1 from instrument_version where key = ?")
			.param(definition.key()).query(Integer.class).single();
		jdbc.sql("""
				insert into instrument_version (key, seq, version, title, definition, checksum, origin, note, created_by)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(definition.key(), seq, definition.version(), definition.title(), json, checksum, origin, note, by)
			.update();
		return seq;
	}

	private static String sha256(String text) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	@Transactional(readOnly = true)
	public List<Instrument> current() {
		List<Instrument> all = new ArrayList<>();
		jdbc.sql("select distinct on (key) key, seq from instrument_version order by key, seq desc")
			.query((rs, n) -> version(rs.getString(1), rs.getInt(2))).list().forEach(o -> o.ifPresent(all::add));
		all.sort(Comparator.comparing(Instrument::title, String.CASE_INSENSITIVE_ORDER));
		return all;
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<Instrument> current(String key) {
		return jdbc.sql("select max(seq) from instrument_version where key = ?").param(key)
			.query(Integer.class).optional()
			.flatMap(seq -> version(key, seq));
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<Instrument> version(String key, int seq) {
		Instrument cached = parsed.get(key + "@" + seq);
		if (cached != null) return Optional.of(cached);
		return jdbc.sql("select definition from instrument_version where key = ? and seq = ?").params(key, seq)
			.query(String.class).optional()
			.map(json -> parsed.computeIfAbsent(key + "@" + seq, k -> InstrumentDefinitions.parse(json, seq)));
	}

	@Override
	@Transactional(readOnly = true)
	public List<InstrumentVersionView> versions(String key) {
		return jdbc.sql("""
				select key, seq, version, title, origin, note, created_at, created_by from instrument_version
				where key = ? order by seq desc""")
			.param(key)
			.query((rs, n) -> new InstrumentVersionView(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4),
					rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant(), rs.getString(8)))
			.list();
	}

	@Override
	@PreAuthorize("hasRole('ADMIN')")
	public Instrument addVersion(String json, String note) {
		if (note == null || note.isBlank()) throw new DomainException("instrument.note-required", "say what changed");
		Instrument definition;
		try {
			definition = InstrumentDefinitions.parse(json, 1);
		}
		catch (InstrumentDefinitions.InvalidDefinition ex) {
			throw new DomainException("instrument.invalid", ex.getMessage(), ex.getMessage());
		}
		if (current(definition.key()).isEmpty()) {
			throw new DomainException("instrument.unknown", "no instrument " + definition.key(), definition.key());
		}
		boolean labelTaken = jdbc.sql("select count(*) from instrument_version where key = ? and version = ?")
			.params(definition.key(), definition.version()).query(Long.class).single() > 0;
		if (labelTaken) {
			throw new DomainException("instrument.version-taken", "version " + definition.version() + " exists",
					definition.version());
		}
		int seq = insert(definition, json, sha256(json), "ADMIN", note.trim(), CurrentActor.name());
		audit.record(AuditEntry.write("UPDATE", "Questionnaire", definition.key() + "/" + seq, null));
		return version(definition.key(), seq).orElseThrow();
	}

	@Override
	@Transactional(readOnly = true)
	public List<ReassessmentRule> rules() {
		return jdbc.sql("""
				select id, program_id, instrument_key, every_days, while_codes, while_label, active
				from reassessment_rule order by instrument_key, every_days""")
			.query((rs, n) -> new ReassessmentRule(rs.getObject(1, UUID.class), new ProgramId(rs.getObject(2, UUID.class)),
					rs.getString(3), rs.getInt(4), List.of((String[]) rs.getArray(5).getArray()), rs.getString(6),
					rs.getBoolean(7)))
			.list();
	}

	@Override
	@PreAuthorize("hasRole('ADMIN')")
	public ReassessmentRule saveRule(ProgramId program, String instrumentKey, int everyDays, List<String> whileCodes,
			@Nullable String whileLabel) {
		if (current(instrumentKey).isEmpty()) {
			throw new DomainException("instrument.unknown", "no instrument " + instrumentKey, instrumentKey);
		}
		if (everyDays < 7 || everyDays > 730) {
			throw new DomainException("reassessment.interval", "every 7 to 730 days", everyDays);
		}
		List<String> codes = whileCodes.stream().map(c -> c.trim().toUpperCase(java.util.Locale.ROOT).replace(".", ""))
			.filter(c -> !c.isEmpty()).toList();
		for (String c : codes) {
			if (!c.matches("^[A-Z][0-9][0-9A-Z]{0,5}$")) throw new DomainException("reassessment.code", "not ICD-10-CM: " + c, c);
		}
		UUID id = jdbc.sql("""
				insert into reassessment_rule (id, program_id, instrument_key, every_days, while_codes, while_label, created_by)
				values (?, ?, ?, ?, ?, ?, ?)
				on conflict (program_id, instrument_key) do update set every_days = excluded.every_days,
				    while_codes = excluded.while_codes, while_label = excluded.while_label, active = true
				returning id""")
			.params(Ids.newId(), program.value(), instrumentKey, everyDays, codes.toArray(String[]::new),
					whileLabel == null || whileLabel.isBlank() ? null : whileLabel.trim(), CurrentActor.name())
			.query(UUID.class).single();
		audit.record(AuditEntry.write("UPDATE", "ReassessmentRule", id.toString(), null));
		return rules().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
	}

	@Override
	@PreAuthorize("hasRole('ADMIN')")
	public void disableRule(UUID rule) {
		int n = jdbc.sql("update reassessment_rule set active = false where id = ?").param(rule).update();
		if (n == 0) throw new NotFoundException("reassessment rule", rule);
		audit.record(AuditEntry.write("UPDATE", "ReassessmentRule", rule.toString(), null));
	}
}
