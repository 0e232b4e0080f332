package org.caremap.contact.internal;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.caremap.access.AccessPurpose;
import org.caremap.access.PatientAccess;
import org.caremap.audit.AuditEntry;
import org.caremap.audit.AuditOutcome;
import org.caremap.audit.AuditTrail;
import org.caremap.caseload.CaseId;
import org.caremap.contact.NoteContent;
import org.caremap.contact.NoteFormat;
import org.caremap.contact.NoteView;
import org.caremap.contact.Notes;
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

	JdbcNotes(JdbcClient jdbc, PatientAccess access, AuditTrail audit) {
		this.jdbc = jdbc;
		this.access = access;
		this.audit = audit;
	}

	@Override
	public UUID draft(PatientId patient, @Nullable CaseId caseId, NoteContent c) {
		access.require(patient, AccessPurpose.WRITE);
		if (c.blank()) throw new DomainException("note.empty", "a note needs some text");
		UUID id = Ids.newId();
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
		Current current = current(note);
		access.require(current.patient(), AccessPurpose.WRITE);
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
		Current current = current(note);
		access.require(current.patient(), AccessPurpose.WRITE);
		if (current.signed()) throw new DomainException("note.signed", "the note is signed already");
		jdbc.sql("""
				update progress_note set status = 'SIGNED', signed_at = now(), signed_by = ?, updated_at = now(),
				       updated_by = ? where id = ? and status = 'DRAFT'""")
			.params(CurrentActor.name(), CurrentActor.name(), note).update();
		audit.record(AuditEntry.write("SIGN", "Note", note.toString(), current.patient()));
	}

	@Override
	public void addendum(UUID note, String text) {
		Current current = current(note);
		access.require(current.patient(), AccessPurpose.WRITE);
		if (!current.signed()) throw new DomainException("note.draft-addendum", "edit the draft instead");
		if (text == null || text.isBlank()) throw new DomainException("note.empty", "an addendum needs some text");
		jdbc.sql("insert into note_addendum (id, note_id, text, created_by) values (?, ?, ?, ?)")
			.params(Ids.newId(), note, text.trim(), CurrentActor.name()).update();
		audit.record(AuditEntry.write("ADDENDUM", "Note", note.toString(), current.patient()));
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<NoteView> find(UUID note) {
		Optional<NoteView> found = jdbc.sql("select * from progress_note where id = ?").param(note)
			.query((rs, n) -> read(rs)).optional();
		found.ifPresent(n -> {
			access.require(n.patient(), AccessPurpose.READ);
			audit.record(AuditEntry.read("Note", note.toString(), n.patient()));
		});
		return found;
	}

	@Override
	@Transactional(readOnly = true)
	public List<NoteView> ofPatient(PatientId patient) {
		access.require(patient, AccessPurpose.READ);
		List<NoteView> notes = jdbc.sql("select * from progress_note where patient_id = ? order by created_at desc")
			.param(patient.value()).query((rs, n) -> read(rs)).list();
		audit.record(new AuditEntry("READ", "Note", null, patient, AuditOutcome.SUCCESS, notes.size() + " notes"));
		return notes;
	}

	private record Current(PatientId patient, boolean signed) {
	}

	private Current current(UUID note) {
		return jdbc.sql("select patient_id, status from progress_note where id = ?").param(note)
			.query((rs, n) -> new Current(new PatientId(rs.getObject(1, UUID.class)), "SIGNED".equals(rs.getString(2))))
			.optional()
			.orElseThrow(() -> new NotFoundException("note", note));
	}

	private static List<String> padded(NoteContent c) {
		List<String> s = new ArrayList<>(c.sections());
		while (s.size() < 4) s.add(null);
		return s;
	}

	private static @Nullable CaseId caseId(@Nullable UUID value) {
		return value == null ? null : new CaseId(value);
	}

	private NoteView read(java.sql.ResultSet rs) throws java.sql.SQLException {
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
				rs.getString("created_by"), addenda);
	}
}
