package org.caremap.audit.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.caremap.audit.AuditVerification;
import org.caremap.audit.AuditVerifier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Seals pending events into the hash chain and verifies it.
 * <p>
 * Sealing takes a transaction-scoped advisory lock, so on several nodes one sealer works at a time and the chain
 * never forks; events committed late (a lower id after a higher one) simply take the next place in the chain.
 */
@Component
class AuditChain implements AuditVerifier {

	private static final Logger log = LoggerFactory.getLogger(AuditChain.class);
	private static final long LOCK_KEY = 0x43_41_52_45_41_55_44L; // "CAREAUD"

	private final JdbcClient jdbc;
	private final JdbcTemplate template;
	private final JdbcTemplate streaming;
	private final TransactionTemplate tx;
	private final AuditProperties properties;
	private final AnchorFile anchors;
	private volatile Instant lastAnchor = Instant.EPOCH;

	AuditChain(JdbcClient jdbc, JdbcTemplate template, PlatformTransactionManager transactions,
			AuditProperties properties, @Value("${caremap.home:caremap-data}") Path home) {
		this.jdbc = jdbc;
		this.template = template;
		this.streaming = new JdbcTemplate(template.getDataSource());
		this.streaming.setFetchSize(2000);
		this.tx = new TransactionTemplate(transactions);
		this.properties = properties;
		this.anchors = new AnchorFile(
				properties.anchorFile() != null ? properties.anchorFile() : home.resolve("audit").resolve("anchors.log"));
	}

	record Head(long seq, String hash) {
	}

	/** One scheduled pass: seal what waits, anchor the head now and then. */
	void sealPending() {
		Head head = sealAll();
		if (head != null && Duration.between(lastAnchor, Instant.now()).compareTo(properties.anchorInterval()) >= 0) {
			anchor(head);
		}
	}

	@Override
	public int sealNow() {
		int before = (int) countSealed();
		Head head = sealAll();
		if (head != null) anchor(head);
		else {
			Head current = currentHead();
			if (current != null) anchor(current);
		}
		return (int) countSealed() - before;
	}

	private @Nullable Head sealAll() {
		Head last = null;
		while (true) {
			Head head = tx.execute(status -> sealBatch(properties.sealBatchSize()));
			if (head == null) return last;
			last = head;
		}
	}

	private @Nullable Head sealBatch(int limit) {
		jdbc.sql("select pg_advisory_xact_lock(?)").param(LOCK_KEY).query().singleValue();
		List<Long> ids = jdbc.sql("""
				delete from audit_pending where event_id in
				  (select event_id from audit_pending order by event_id limit ?)
				returning event_id""").param(limit).query(Long.class).list();
		if (ids.isEmpty()) return null;
		Head head = currentHead();
		long seq = head == null ? 0 : head.seq();
		String hash = head == null ? AuditHash.GENESIS : head.hash();
		List<AuditHash.StoredEvent> events = template.query("select * from audit_event where id = any(?) order by id",
				(rs, n) -> AuditHash.StoredEvent.from(rs), (Object) ids.toArray(Long[]::new));
		if (events.size() != ids.size()) {
			log.error("Audit sealer: {} pending events have no row in audit_event", ids.size() - events.size());
		}
		List<Object[]> links = new ArrayList<>(events.size());
		for (AuditHash.StoredEvent event : events) {
			seq++;
			String next = AuditHash.link(hash, seq, event);
			links.add(new Object[] { seq, event.id(), hash, next });
			hash = next;
		}
		template.batchUpdate("insert into audit_chain (seq, event_id, prev_hash, hash) values (?, ?, ?, ?)", links);
		return new Head(seq, hash);
	}

	private @Nullable Head currentHead() {
		return jdbc.sql("select seq, hash from audit_chain order by seq desc limit 1")
			.query((rs, n) -> new Head(rs.getLong(1), rs.getString(2)))
			.optional()
			.orElse(null);
	}

	private long countSealed() {
		return jdbc.sql("select count(*) from audit_chain").query(Long.class).single();
	}

	private void anchor(Head head) {
		anchors.append(head.seq(), head.hash());
		lastAnchor = Instant.now();
	}

	@Override
	public AuditVerification verify() {
		Map<Long, String> anchored = new HashMap<>();
		Long anchorSeq = null;
		for (AnchorFile.Anchor anchor : anchors.read()) {
			anchored.put(anchor.seq(), anchor.hash());
			if (anchorSeq == null || anchor.seq() > anchorSeq) anchorSeq = anchor.seq();
		}
		Walk walk = new Walk(anchored);
		tx.executeWithoutResult(status -> {
			streaming.query("""
					select c.seq, c.event_id, c.prev_hash, c.hash, e.*
					from audit_chain c left join audit_event e on e.id = c.event_id
					order by c.seq""", walk::accept);
		});
		long unsealed = jdbc.sql("""
				select count(*) from audit_event e
				where not exists (select 1 from audit_chain c where c.event_id = e.id)""").query(Long.class).single();
		List<String> notes = new ArrayList<>();
		notes.add("anchors read from " + anchors.path());
		if (walk.problem == null && anchorSeq != null && walk.lastSeq < anchorSeq) {
			walk.fail(walk.lastSeq + 1, null, "the chain ends at link " + walk.lastSeq + " but link " + anchorSeq
					+ " was anchored: entries were removed from the end");
		}
		// every event is sealed or waiting in the queue (its trigger puts it there in the same transaction): one that
		// is neither was taken out of the queue, and would never be sealed
		Long dropped = jdbc.sql("""
				select e.id from audit_event e
				where not exists (select 1 from audit_chain c where c.event_id = e.id)
				  and not exists (select 1 from audit_pending p where p.event_id = e.id)
				order by e.id limit 1""").query(Long.class).optional().orElse(null);
		if (walk.problem == null && dropped != null) {
			walk.fail(walk.lastSeq, dropped, "event " + dropped + " is neither sealed nor waiting to be sealed: it was taken out "
					+ "of the sealing queue");
		}
		if (anchorSeq == null) notes.add("no anchor written yet: removal of the newest entries cannot be detected");
		if (unsealed > 0) notes.add(unsealed + " events are waiting to be sealed");
		AuditVerification result = new AuditVerification(walk.problem == null, walk.checked, unsealed, walk.lastSeq,
				anchorSeq, walk.brokenSeq, walk.brokenEvent, walk.problem, notes, Instant.now());
		if (result.intact()) {
			log.info("Audit chain verified: {} links intact", result.checked());
		}
		else {
			log.error("Audit chain BROKEN at link {} (event {}): {}", result.brokenAtSeq(), result.brokenEventId(),
					result.problem());
		}
		return result;
	}

	/** Walks the links in order and keeps the first problem found. */
	private static final class Walk {
		private final Map<Long, String> anchored;
		long checked;
		long lastSeq;
		String previousHash = AuditHash.GENESIS;
		@Nullable String problem;
		@Nullable Long brokenSeq;
		@Nullable Long brokenEvent;

		Walk(Map<Long, String> anchored) {
			this.anchored = anchored;
		}

		void accept(java.sql.ResultSet rs) throws java.sql.SQLException {
			long seq = rs.getLong("seq");
			long eventId = rs.getLong("event_id");
			String prevHash = rs.getString("prev_hash");
			String hash = rs.getString("hash");
			checked++;
			if (problem == null) {
				if (seq != lastSeq + 1) {
					fail(lastSeq + 1, null, "links " + (lastSeq + 1) + " to " + (seq - 1) + " are missing");
				}
				else if (!prevHash.equals(previousHash)) {
					fail(seq, eventId, "link " + seq + " does not follow the link before it");
				}
				else if (rs.getObject("id") == null) {
					fail(seq, eventId, "event " + eventId + " of link " + seq + " was deleted");
				}
				else if (!AuditHash.link(prevHash, seq, AuditHash.StoredEvent.from(rs)).equals(hash)) {
					fail(seq, eventId, "event " + eventId + " was changed after it was sealed");
				}
				else if (anchored.containsKey(seq) && !anchored.get(seq).equals(hash)) {
					fail(seq, eventId, "link " + seq + " differs from its anchor: the chain was rewritten");
				}
			}
			lastSeq = seq;
			previousHash = hash;
		}

		void fail(long seq, @Nullable Long eventId, String why) {
			if (problem != null) return;
			problem = why;
			brokenSeq = seq;
			brokenEvent = eventId;
		}
	}
}
