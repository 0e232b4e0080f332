package org.caremap.contact.internal;

import org.caremap.access.Segmentation;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.caremap.access.AccessPurpose;
import org.caremap.access.Part2Labels;
import org.caremap.access.Part2Segment;
import org.caremap.access.PatientAccess;
import org.caremap.audit.AuditEntry;
import org.caremap.audit.AuditOutcome;
import org.caremap.audit.AuditTrail;
import org.caremap.caseload.CaseId;
import org.caremap.contact.NoteContent;
import org.caremap.contact.NoteFormat;
import org.caremap.contact.NoteView;
import org.caremap.contact.Notes;
import org.caremap.contact.Shown;
import org.caremap.shared.CurrentActor;
import org.caremap.shared.DomainException;
import org.caremap.shared.Ids;
import org.caremap.shared.NotFoundException;
import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
@Transactional
class JdbcNotes implements Notes {

	private final JdbcClient jdbc;
	private final PatientAccess access;
	private final AuditTrail audit;
	private final Segmentation segmentation;

	JdbcNotes(JdbcClient jdbc, PatientAccess access, AuditTrail audit, Segmentation segmentation) {
		this.segmentation = segmentation;
		this.jdbc = jdbc;
		this.access = access;
		this.audit = audit;
	}

	@Override
	public UUID draft(PatientId patient, @Nullable CaseId caseId, NoteContent c) {
		access.require(patient, AccessPurpose.WRITE);
		if (c.blank()) throw new DomainException("note.empty", "a note needs some text");
		UUID id = Ids.newId();
		// a note goes into a substance-use program's case only from someone who sees that program's records
		if (caseId != null) readable(id, new Current(patient, caseId.value(), false), "CREATE");
		List<String> s = padded(c);
		jdbc.sql("""
				insert into progress_note (id, patient_id, case_id, format, section_1, section_2, section_3, section_4,
				                           education_topic, teach_back, emotional_support, status, created_by)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'DRAFT', ?)""")
			.params(id, patient.value(), caseId == null ? null : caseId.value(), c.format().name(), s.get(0), s.get(1), s.get(2), s.get(3),
					c.educationTopic(), c.teachBack() == null ? null : c.teachBack().name(), c.emotionalSupport(),
					CurrentActor.name())
			.update();
		audit.record(AuditEntry.write("CREATE", "Note", id.toString(), patient));
		return id;
	}

	@Override
	public void edit(UUID note, NoteContent c) {
		Current current = current(note, "UPDATE");
		if (current.signed()) throw new DomainException("note.signed", "a signed note cannot be changed");
		if (c.blank()) throw new DomainException("note.empty", "a note needs some text");
		List<String> s = padded(c);
		jdbc.sql("""
				update progress_note set format = ?, section_1 = ?, section_2 = ?, section_3 = ?, section_4 = ?,
				       education_topic = ?, teach_back = ?, emotional_support = ?, updated_at = now(), updated_by = ?
				where id = ? and status = 'DRAFT'""")
			.params(c.format().name(), s.get(0), s.get(1), s.get(2), s.get(3), c.educationTopic(),
					c.teachBack() == null ? null : c.teachBack().name(), c.emotionalSupport(), CurrentActor.name(), note)
			.update();
		audit.record(AuditEntry.write("UPDATE", "Note", note.toString(), current.patient()));
	}

	@Override
	public void sign(UUID note) {
		Current current = current(note, "SIGN");
		if (current.signed()) throw new DomainException("note.signed", "the note is signed already");
		jdbc.sql("""
				update progress_note set status = 'SIGNED', signed_at = now(), signed_by = ?, updated_at = now(),
				       updated_by = ? where id = ? and status = 'DRAFT'""")
			.params(CurrentActor.name(), CurrentActor.name(), note).update();
		audit.record(AuditEntry.write("SIGN", "Note", note.toString(), current.patient()));
	}

	@Override
	public void addendum(UUID note, String text) {
		Current current = current(note, "ADDENDUM");
		if (!current.signed()) throw new DomainException("note.draft-addendum", "edit the draft instead");
		if (text == null || text.isBlank()) throw new DomainException("note.empty", "an addendum needs some text");
		jdbc.sql("insert into note_addendum (id, note_id, text, created_by) values (?, ?, ?, ?)")
			.params(Ids.newId(), note, text.trim(), CurrentActor.name()).update();
		audit.record(AuditEntry.write("ADDENDUM", "Note", note.toString(), current.patient()));
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<NoteView> find(UUID note) {
		Optional<Current> current = jdbc.sql("select patient_id, case_id, status from progress_note where id = ?").param(note)
			.query(JdbcNotes::current).optional();
		if (current.isEmpty()) return Optional.empty();
		access.require(current.get().patient(), AccessPurpose.READ);
		Part2Segment segment = readable(note, current.get(), "READ");
		NoteView found = jdbc.sql("select * from progress_note where id = ?").param(note).query((rs, n) -> read(rs, segment))
			.single();
		audit.record(AuditEntry.read("Note", note.toString(), found.patient()));
		return Optional.of(found);
	}

	@Override
	@Transactional(readOnly = true)
	public Shown<NoteView> shown(PatientId patient) {
		access.require(patient, AccessPurpose.READ);
		Part2Segment segment = segmentation.part2(patient);
		List<NoteView> notes = jdbc.sql("select * from progress_note where patient_id = ? order by created_at desc")
			.param(patient.value()).query((rs, n) -> read(rs, segment)).list();
		Part2Segment.Filtered<NoteView> seen = segment.filter(notes, n -> n.caseId() == null ? null : n.caseId().value());
		audit.record(new AuditEntry("READ", "Note", null, patient, AuditOutcome.SUCCESS, seen.shown().size() + " notes"
				+ (seen.withheld() > 0 ? ", " + seen.withheld() + " withheld (42 CFR Part 2)" : "")));
		return new Shown<>(seen.shown(), seen.withheld(), segment.needsNotice() && seen.shown().stream().anyMatch(NoteView::part2));
	}

	/**
	 * The reader's view of the note's Part 2 records; a note made in a Part 2 program the reader is outside of is
	 * refused (audited as denied), for reading and changing alike.
	 */
	private Part2Segment readable(UUID note, Current current, String action) {
		Part2Segment segment = segmentation.part2(current.patient());
		if (segment.withholds(current.caseId())) {
			audit.record(new AuditEntry(action, "Note", note.toString(), current.patient(), AuditOutcome.DENIED,
					"withheld under 42 CFR Part 2"));
			throw Part2Labels.withheld("note " + note);
		}
		return segment;
	}

	private record Current(PatientId patient, @Nullable UUID caseId, boolean signed) {
	}

	private static Current current(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new Current(new PatientId(rs.getObject(1, UUID.class)), rs.getObject(2, UUID.class), "SIGNED".equals(rs.getString(3)));
	}

	/** The note to change, once the writer may write the patient's record and see the note. */
	private Current current(UUID note, String action) {
		Current current = jdbc.sql("select patient_id, case_id, status from progress_note where id = ?").param(note)
			.query(JdbcNotes::current)
			.optional()
			.orElseThrow(() -> new NotFoundException("note", note));
		access.require(current.patient(), AccessPurpose.WRITE);
		readable(note, current, action);
		return current;
	}

	private static List<String> padded(NoteContent c) {
		List<String> s = new ArrayList<>(c.sections());
		while (s.size() < 4) s.add(null);
		return s;
	}

	private static @Nullable CaseId caseId(@Nullable UUID value) {
		return value == null ? null : new CaseId(value);
	}

	private NoteView read(java.sql.ResultSet rs, Part2Segment segment) throws java.sql.SQLException {
		UUID id = rs.getObject("id", UUID.class);
		NoteFormat format = NoteFormat.valueOf(rs.getString("format"));
		List<String> sections = new ArrayList<>();
		for (int i = 1; i <= format.sections().size(); i++) {
			String text = rs.getString("section_" + i);
			sections.add(text == null ? "" : text);
		}
		String teach = rs.getString("teach_back");
		OffsetDateTime signedAt = rs.getObject("signed_at", OffsetDateTime.class);
		List<NoteView.Addendum> addenda = jdbc.sql("""
				select text, created_at, created_by from note_addendum where note_id = ? order by created_at""")
			.param(id)
			.query((r, n) -> new NoteView.Addendum(r.getString(1), r.getObject(2, OffsetDateTime.class).toInstant(),
					r.getString(3)))
			.list();
		return new NoteView(id, new PatientId(rs.getObject("patient_id", UUID.class)), caseId(rs.getObject("case_id", UUID.class)),
				new NoteContent(format, sections, rs.getString("education_topic"),
						teach == null ? null : NoteContent.TeachBack.valueOf(teach), rs.getString("emotional_support")),
				"SIGNED".equals(rs.getString("status")), signedAt == null ? null : signedAt.toInstant(),
				rs.getString("signed_by"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
				rs.getString("created_by"), addenda, segment.labels(rs.getObject("case_id", UUID.class)));
	}
}
