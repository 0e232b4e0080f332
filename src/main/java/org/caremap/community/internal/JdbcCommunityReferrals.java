package org.caremap.community.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.caremap.access.AccessPurpose;
import org.caremap.access.PatientAccess;
import org.caremap.audit.AuditEntry;
import org.caremap.audit.AuditOutcome;
import org.caremap.audit.AuditTrail;
import org.caremap.caseload.CaseStatus;
import org.caremap.caseload.CaseView;
import org.caremap.caseload.Cases;
import org.caremap.community.CommunityReferralClosed;
import org.caremap.community.CommunityReferralRow;
import org.caremap.community.CommunityReferralSent;
import org.caremap.community.CommunityReferralUpdated;
import org.caremap.community.CommunityReferralView;
import org.caremap.community.CommunityReferrals;
import org.caremap.community.Directory;
import org.caremap.community.NewCommunityReferral;
import org.caremap.community.OrganizationLinks;
import org.caremap.community.ReferralOrigin;
import org.caremap.community.ReferralOrigins;
import org.caremap.community.ReferralOutcome;
import org.caremap.community.ReferralStatus;
import org.caremap.community.ReferralStatus.Action;
import org.caremap.identity.UserAccounts;
import org.caremap.identity.UserView;
import org.caremap.organization.BusinessCalendar;
import org.caremap.organization.Organizations;
import org.caremap.patient.Coverage;
import org.caremap.patient.PatientDetails;
import org.caremap.patient.PatientHeader;
import org.caremap.patient.PatientRegistry;
import org.caremap.program.Confidentiality;
import org.caremap.program.Programs;
import org.caremap.shared.CurrentActor;
import org.caremap.shared.DomainException;
import org.caremap.shared.Ids;
import org.caremap.shared.NotFoundException;
import org.caremap.shared.PatientId;
import org.caremap.shared.Texts;
import org.caremap.shared.UserId;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Community referrals in the {@code community_referral*} tables. Staff paths check the patient's record first (read,
 * or contribute for a change) and audit; the organisation's link is looked up by the hash of its token and reaches
 * one referral's snapshot (what was consented, copied when it was sent), never the patient's record; every change of
 * status is one update joined to {@code community_referral_transition} and adds a history row, and its events are
 * published in the same transaction.
 */
@Service
@Transactional
class JdbcCommunityReferrals implements CommunityReferrals, OrganizationLinks {

	static final String RESOURCE = "CommunityReferral";
	private static final Set<Action> ORGANIZATION_ACTIONS = EnumSet.of(Action.ACCEPT, Action.REJECT, Action.START, Action.COMPLETE);
	private static final SecureRandom RANDOM = new SecureRandom();

	private final JdbcClient jdbc;
	private final PatientAccess access;
	private final AuditTrail audit;
	private final ApplicationEventPublisher events;
	private final PatientRegistry patients;
	private final Cases cases;
	private final Programs programs;
	private final Organizations organizations;
	private final UserAccounts accounts;
	private final List<ReferralOrigins> origins;
	private final ReferralDocument document;
	private final Directory directory;
	private final Duration linkLifetime;
	private final int answerDays;
	private final String publicUrl;

	JdbcCommunityReferrals(JdbcClient jdbc, PatientAccess access, AuditTrail audit, ApplicationEventPublisher events,
			PatientRegistry patients, Cases cases, Programs programs, Organizations organizations, UserAccounts accounts,
			List<ReferralOrigins> origins, ReferralDocument document, Directory directory,
			@Value("${caremap.community.link-lifetime:P30D}") Duration linkLifetime,
			@Value("${caremap.community.answer-business-days:5}") int answerDays,
			@Value("${caremap.community.public-url:http://localhost:8080}") String publicUrl) {
		this.jdbc = jdbc;
		this.access = access;
		this.audit = audit;
		this.events = events;
		this.patients = patients;
		this.cases = cases;
		this.programs = programs;
		this.organizations = organizations;
		this.accounts = accounts;
		this.origins = List.copyOf(origins);
		this.document = document;
		this.directory = directory;
		this.linkLifetime = linkLifetime;
		this.answerDays = answerDays;
		this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
	}

	// ---------------------------------------------------------------- sending

	/** The service as it would be sent: its organisation, first active location, phone, hours, how to get there. */
	record Snapshot(UUID service, String name, boolean active, UUID organization, String organizationName,
			@Nullable String address, @Nullable String phone, @Nullable String hours, @Nullable String transportation,
			@Nullable String applicationProcess, @Nullable String referralEmail) {
	}

	Optional<Snapshot> snapshot(UUID service) {
		return directory.find(service).map(c -> new Snapshot(c.id(), c.name(), c.active(), c.organizationId(), c.organizationName(),
				join(", ", c.address(), c.city(), join(" ", c.state(), c.postalCode())), c.phone(),
				c.hours().isEmpty() ? null : String.join("; ", c.hours()), c.transportation(), c.applicationProcess(),
				c.referralEmail()));
	}

	private static @Nullable String join(String separator, @Nullable String... parts) {
		List<String> kept = new ArrayList<>();
		for (String p : parts) if (p != null && !p.isBlank()) kept.add(p.trim());
		return kept.isEmpty() ? null : String.join(separator, kept);
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<ServicePreview> preview(UUID service) {
		return snapshot(service).filter(Snapshot::active).map(s -> new ServicePreview(s.service(), s.name(), s.organizationName(),
				s.address(), s.phone(), s.hours(), s.referralEmail() != null));
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<ReferralOrigin> origin(PatientId patient, ReferralOrigin.Kind kind, UUID id) {
		access.require(patient, AccessPurpose.READ);
		return origins.stream().map(o -> o.find(patient, kind, id)).flatMap(Optional::stream).findFirst();
	}

	@Override
	public UUID send(NewCommunityReferral r) {
		PatientId patient = r.patient();
		access.require(patient, AccessPurpose.CONTRIBUTE);
		String request = Texts.orNull(r.request());
		if (request == null) throw new DomainException("community.request", "say what is asked of the organisation");
		if (request.length() > 2000) throw new DomainException("community.request-too-long", "at most 2000 characters");
		String note = Texts.orNull(r.sharing().noteForOrganization());
		if (note != null && note.length() > 2000) throw new DomainException("community.note-too-long", "at most 2000 characters");
		NewCommunityReferral.ContactPreferences contact = r.contact();
		if (!contact.phone() && !contact.text() && !contact.email()) {
			throw new DomainException("community.contact", "choose at least one way to reach the patient");
		}
		String times = Texts.orNull(contact.times());
		if (times != null && times.length() > 200) throw new DomainException("community.contact-times", "at most 200 characters");
		String contactLanguage = Texts.orNull(contact.language());
		if (contactLanguage != null && contactLanguage.length() > 50) throw new DomainException("community.contact-language", "at most 50 characters");
		Snapshot s = snapshot(r.service()).filter(Snapshot::active)
			.orElseThrow(() -> new DomainException("community.service", "choose a service of the directory"));
		Optional<ReferralOrigin> origin = Optional.empty();
		if (r.originKind() != null && r.originId() != null) {
			origin = origin(patient, r.originKind(), r.originId());
			if (origin.isEmpty()) throw new DomainException("community.origin", "the need or intervention is not this patient's");
		}
		List<CaseView> open = openCases(patient);
		boolean part2 = part2(open);
		NewCommunityReferral.Part2Consent consent = part2 ? checkedPart2(r.part2(), s) : null;
		PatientDetails details = patients.details(patient).orElseThrow(() -> new NotFoundException("patient", patient.value()));
		PatientHeader h = details.header();
		NewCommunityReferral.Sharing share = r.sharing();
		String insurance = share.insurance() ? details.coverage().stream()
			.filter(c -> c.activeOn(LocalDate.now(zone()))).findFirst()
			.map(c -> c.payer() + (c.plan() == null ? "" : " " + c.plan()) + ", member " + c.memberId()).orElse(null) : null;
		UserView sender = accounts.findByUsername(CurrentActor.name())
			.orElseThrow(() -> new DomainException("community.sender", "the signed-in account has no user record"));
		Instant now = Instant.now();
		Instant due = answerDue(open, now);
		String token = newToken();
		Instant expires = now.plus(linkLifetime);
		UUID id = Ids.newId();
		String actor = CurrentActor.name();
		jdbc.sql("""
				insert into community_referral (id, patient_id, service_id, organization_id, sender_id, sender_name, origin_kind,
				    origin_id, origin_label, need_code, request, service_name, organization_name, address, phone, hours,
				    transportation, application_process, referral_email, share_name_contact, share_birth_date, share_language,
				    share_need, share_insurance, shared_name, shared_phone, shared_email, shared_birth_date, shared_language,
				    shared_insurance, note_for_organization, consent_by, consent_at, part2_recipient, part2_purpose,
				    part2_information, part2_expires_on, part2_signed_on, contact_phone, contact_text, contact_email,
				    contact_times, contact_language, status, sent_at, answer_due_at, link_hash, link_expires_at, created_by,
				    updated_by)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
				        ?, ?, ?, ?, ?, ?, ?, 'REQUESTED', ?, ?, ?, ?, ?, ?)""")
			.params(id, patient.value(), s.service(), s.organization(), sender.id().value(), sender.displayName(),
					origin.map(o -> o.kind().name()).orElse("NONE"), origin.map(ReferralOrigin::id).orElse(null),
					origin.map(o -> cut(o.label(), 500)).orElse(null), origin.map(ReferralOrigin::needCode).orElse(null), request,
					s.name(), s.organizationName(), s.address(), s.phone(), cut(s.hours(), 2000), s.transportation(),
					s.applicationProcess(), s.referralEmail(), share.nameAndContact(), share.birthDate(), share.language(),
					share.need(), share.insurance(),
					share.nameAndContact() ? h.givenName() + " " + h.familyName() : null,
					share.nameAndContact() ? details.phone() : null, share.nameAndContact() ? details.email() : null,
					share.birthDate() ? h.birthDate() : null,
					share.language() ? h.languageName(Locale.ENGLISH) : null, cut(insurance, 500), note, sender.displayName(), time(now),
					consent == null ? null : consent.recipient(), consent == null ? null : consent.purpose(),
					consent == null ? null : consent.information(), consent == null ? null : consent.expiresOn(),
					consent == null ? null : consent.signedOn(), contact.phone(), contact.text(), contact.email(), times,
					contactLanguage, time(now), time(due), hash(token), time(expires), actor, actor)
			.update();
		history(id, "SEND", null, ReferralStatus.REQUESTED, null, null, null, "STAFF", sender.displayName());
		audit.record(AuditEntry.write("CREATE", RESOURCE, id.toString(), patient));
		events.publishEvent(new CommunityReferralSent(id, patient, s.organization(), s.organizationName(), s.name(),
				s.referralEmail(), link(token), expires, false, s.service(), Instant.now()));
		return id;
	}

	private static @Nullable String cut(@Nullable String text, int max) {
		return text == null || text.length() <= max ? text : text.substring(0, max);
	}

	private List<CaseView> openCases(PatientId patient) {
		return cases.ofPatient(patient).stream().filter(c -> c.status() != CaseStatus.CLOSED).toList();
	}

	private boolean part2(List<CaseView> open) {
		return open.stream().anyMatch(c -> programs.find(c.program()).map(p -> p.confidentiality() == Confidentiality.PART2).orElse(false));
	}

	@Override
	@Transactional(readOnly = true)
	public boolean needsPart2Consent(PatientId patient) {
		access.require(patient, AccessPurpose.READ);
		return part2(openCases(patient));
	}

	/** The 42 CFR 2.31 elements, each present and plausible, naming the organisation the referral goes to. */
	private NewCommunityReferral.Part2Consent checkedPart2(NewCommunityReferral.@Nullable Part2Consent c, Snapshot s) {
		if (c == null) throw new DomainException("community.part2-consent", "a Part 2 patient's referral needs the patient's written consent");
		String recipient = Texts.orNull(c.recipient());
		String purpose = Texts.orNull(c.purpose());
		String information = Texts.orNull(c.information());
		if (recipient == null) throw new DomainException("community.part2-recipient", "name the organisation the consent lets Caremap share with");
		if (!normal(recipient).contains(normal(s.organizationName())) && !normal(s.organizationName()).contains(normal(recipient))) {
			throw new DomainException("community.part2-recipient-other", "the consent names another organisation", s.organizationName());
		}
		if (purpose == null) throw new DomainException("community.part2-purpose", "say what the information is shared for");
		if (information == null) throw new DomainException("community.part2-information", "say how much and what kind of information");
		if (recipient.length() > 300 || purpose.length() > 500 || information.length() > 1000) {
			throw new DomainException("community.part2-too-long", "the consent's texts are too long");
		}
		LocalDate today = LocalDate.now(zone());
		if (c.signedOn() == null) throw new DomainException("community.part2-signed", "give the date the patient signed the consent");
		if (c.signedOn().isAfter(today)) throw new DomainException("community.part2-signed-future", "the consent cannot be signed in the future");
		if (c.expiresOn() == null) throw new DomainException("community.part2-expires", "give the date or event the consent ends");
		if (!c.expiresOn().isAfter(today)) throw new DomainException("community.part2-expired", "the consent has ended");
		return new NewCommunityReferral.Part2Consent(recipient, purpose, information, c.expiresOn(), c.signedOn());
	}

	private static String normal(String text) {
		return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
	}

	/** The end of the Nth business day after now, N as the patient's program sets it (else the property). */
	private Instant answerDue(List<CaseView> open, Instant now) {
		int days = answerDays;
		for (CaseView c : open) {
			Optional<Integer> set = jdbc.sql("select business_days from community_answer_deadline where program_id = ?")
				.param(c.program().value()).query(Integer.class).optional();
			if (set.isPresent()) {
				days = set.get();
				break;
			}
		}
		BusinessCalendar calendar = organizations.primary().map(o -> organizations.calendar(o.id()))
			.orElse(new BusinessCalendar(ZoneOffset.UTC, Set.of()));
		return calendar.endOfBusinessDaysAfter(now, days);
	}

	private ZoneId zone() {
		return organizations.primary().map(o -> o.zone()).orElse(ZoneOffset.UTC);
	}

	private static String newToken() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	static String hash(String token) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private String link(String token) {
		return publicUrl + "/community/answer/" + token;
	}

	@Override
	public void resendLink(UUID id) {
		CommunityReferralView r = load(id).orElseThrow(() -> new NotFoundException("referral", id));
		access.require(r.patient(), AccessPurpose.CONTRIBUTE);
		if (r.status().closed()) throw new DomainException("community.closed", "the referral is closed");
		if (part2Ended(r)) throw new DomainException("community.part2-ended", "the Part 2 consent has ended");
		String token = newToken();
		Instant expires = Instant.now().plus(linkLifetime);
		jdbc.sql("update community_referral set link_hash = ?, link_expires_at = ?, updated_at = now(), updated_by = ? where id = ?")
			.params(hash(token), time(expires), CurrentActor.name(), id).update();
		audit.record(new AuditEntry("UPDATE", RESOURCE, id.toString(), r.patient(), AuditOutcome.SUCCESS, "link made again"));
		events.publishEvent(new CommunityReferralSent(id, r.patient(), r.organization(), r.organizationName(), r.serviceName(),
				r.referralEmail(), link(token), expires, true, r.service(), Instant.now()));
	}

	// ---------------------------------------------------------------- reading

	@Override
	@Transactional(readOnly = true)
	public Optional<CommunityReferralView> find(UUID id) {
		// read once; nothing leaves before the patient's record is checked
		Optional<CommunityReferralView> found = load(id);
		if (found.isEmpty()) return found;
		access.require(found.get().patient(), AccessPurpose.READ);
		audit.record(AuditEntry.read(RESOURCE, id.toString(), found.get().patient()));
		return found;
	}

	@Override
	@Transactional(readOnly = true)
	public List<CommunityReferralView> ofPatient(PatientId patient) {
		access.require(patient, AccessPurpose.READ);
		List<CommunityReferralView> list = loadWhere("patient_id = ?", patient.value());
		audit.record(new AuditEntry("READ", RESOURCE, null, patient, AuditOutcome.SUCCESS, list.size() + " community referrals"));
		return list;
	}

	@Override
	@Transactional(readOnly = true)
	public List<CommunityReferralView> search(PatientId patient) {
		return ofPatient(patient);
	}

	@Override
	@Transactional(readOnly = true)
	public List<CommunityReferralRow> mine(int limit) {
		UserView me = accounts.findByUsername(CurrentActor.name()).orElse(null);
		if (me == null) return List.of();
		List<CommunityReferralRow> rows = new ArrayList<>(jdbc.sql("""
				select * from community_referral
				where sender_id = ? and status in ('REQUESTED', 'RECEIVED', 'ACCEPTED', 'IN_PROGRESS')
				order by (status in ('REQUESTED', 'RECEIVED') and answer_due_at < now()) desc, answer_due_at, id limit ?""")
			.params(me.id().value(), limit).query(JdbcCommunityReferrals::row).list());
		rows.addAll(jdbc.sql("""
				select * from community_referral
				where sender_id = ? and status in ('REJECTED', 'COMPLETED', 'CANCELLED') and closed_at > now() - interval '30 days'
				order by closed_at desc limit ?""")
			.params(me.id().value(), limit).query(JdbcCommunityReferrals::row).list());
		Set<PatientId> readable = access.readable(rows.stream().map(CommunityReferralRow::patient).toList());
		Map<PatientId, PatientHeader> names = patients.headers(readable);
		List<CommunityReferralRow> out = rows.stream().filter(r -> readable.contains(r.patient()))
			.map(r -> new CommunityReferralRow(r.id(), r.patient(), names.containsKey(r.patient()) ? names.get(r.patient()).displayName() : null,
					r.organizationName(), r.serviceName(), r.originLabel(), r.needCode(), r.status(), r.outcome(), r.sentAt(),
					r.answerDueAt(), r.lastAnswerAt()))
			.toList();
		audit.recordAll(out.stream().map(r -> AuditEntry.read(RESOURCE, r.id().toString(), r.patient())).toList());
		return out;
	}

	private static CommunityReferralRow row(ResultSet rs, int n) throws SQLException {
		String outcome = rs.getString("outcome");
		return new CommunityReferralRow(rs.getObject("id", UUID.class), new PatientId(rs.getObject("patient_id", UUID.class)), null,
				rs.getString("organization_name"), rs.getString("service_name"), rs.getString("origin_label"),
				rs.getString("need_code"), ReferralStatus.valueOf(rs.getString("status")),
				outcome == null ? null : ReferralOutcome.valueOf(outcome), instant(rs, "sent_at"), instant(rs, "answer_due_at"),
				instant(rs, "last_answer_at"));
	}

	/** The referral with its history, unchecked: callers check the patient's record (or the link) first. */
	Optional<CommunityReferralView> load(UUID id) {
		return loadWhere("id = ?", id).stream().findFirst();
	}

	/** The referrals a condition on their row selects, newest first, each with its history: two queries in all. */
	private List<CommunityReferralView> loadWhere(String condition, Object value) {
		List<CommunityReferralView> rows = jdbc.sql("select * from community_referral where " + condition + " order by sent_at desc, id")
			.param(value).query(JdbcCommunityReferrals::view).list();
		if (rows.isEmpty()) return rows;
		Map<UUID, List<CommunityReferralView.Step>> steps = new java.util.HashMap<>();
		jdbc.sql("select * from community_referral_history where referral_id = any(?) order by at, id")
			.param(rows.stream().map(CommunityReferralView::id).toArray(UUID[]::new))
			.query((rs, n) -> {
				String from = rs.getString("from_status");
				String outcome = rs.getString("outcome");
				return steps.computeIfAbsent(rs.getObject("referral_id", UUID.class), k -> new ArrayList<>())
					.add(new CommunityReferralView.Step(rs.getString("action"), from == null ? null : ReferralStatus.valueOf(from),
							ReferralStatus.valueOf(rs.getString("to_status")), rs.getString("reason"),
							outcome == null ? null : ReferralOutcome.valueOf(outcome), rs.getString("note"),
							rs.getString("actor_kind"), rs.getString("actor_name"), instant(rs, "at")));
			})
			.list();
		return rows.stream().map(r -> r.withHistory(steps.getOrDefault(r.id(), List.of()))).toList();
	}

	/** A referral's row, its history left empty (see {@link #loadWhere}). */
	private static CommunityReferralView view(ResultSet rs, int n) throws SQLException {
			String originKind = rs.getString("origin_kind");
			String outcome = rs.getString("outcome");
			NewCommunityReferral.Part2Consent part2 = rs.getString("part2_recipient") == null ? null
					: new NewCommunityReferral.Part2Consent(rs.getString("part2_recipient"), rs.getString("part2_purpose"),
							rs.getString("part2_information"), rs.getObject("part2_expires_on", LocalDate.class),
							rs.getObject("part2_signed_on", LocalDate.class));
			return new CommunityReferralView(rs.getObject("id", UUID.class), new PatientId(rs.getObject("patient_id", UUID.class)),
					rs.getObject("service_id", UUID.class), rs.getObject("organization_id", UUID.class),
					rs.getObject("sender_id", UUID.class), rs.getString("sender_name"),
					"NONE".equals(originKind) ? null : ReferralOrigin.Kind.valueOf(originKind), rs.getObject("origin_id", UUID.class),
					rs.getString("origin_label"), rs.getString("need_code"), rs.getString("request"), rs.getString("service_name"),
					rs.getString("organization_name"), rs.getString("address"), rs.getString("phone"), rs.getString("hours"),
					rs.getString("transportation"), rs.getString("application_process"), rs.getString("referral_email"),
					shared(rs), new NewCommunityReferral.ContactPreferences(rs.getBoolean("contact_phone"), rs.getBoolean("contact_text"),
							rs.getBoolean("contact_email"), rs.getString("contact_times"), rs.getString("contact_language")),
					part2, ReferralStatus.valueOf(rs.getString("status")), rs.getString("status_reason"),
					outcome == null ? null : ReferralOutcome.valueOf(outcome), instant(rs, "sent_at"), instant(rs, "answer_due_at"),
					instant(rs, "last_answer_at"), instant(rs, "closed_at"), instant(rs, "link_expires_at"), rs.getString("consent_by"),
					instant(rs, "consent_at"), List.of(), rs.getInt("version"));
	}

	private static CommunityReferralView.Shared shared(ResultSet rs) throws SQLException {
		return new CommunityReferralView.Shared(rs.getBoolean("share_name_contact"), rs.getBoolean("share_birth_date"),
				rs.getBoolean("share_language"), rs.getBoolean("share_need"), rs.getBoolean("share_insurance"),
				rs.getString("shared_name"), rs.getString("shared_phone"), rs.getString("shared_email"),
				rs.getObject("shared_birth_date", LocalDate.class), rs.getString("shared_language"),
				rs.getString("shared_insurance"), rs.getString("note_for_organization"));
	}

	// ---------------------------------------------------------------- changes

	@Override
	public void act(UUID id, Action action, @Nullable String reason, @Nullable ReferralOutcome outcome, @Nullable String note,
			int expectedVersion) {
		CommunityReferralView r = load(id).orElseThrow(() -> new NotFoundException("referral", id));
		access.require(r.patient(), AccessPurpose.CONTRIBUTE);
		if (r.version() != expectedVersion) throw new DomainException("community.stale", "the referral was changed in the meantime");
		String who = accounts.findByUsername(CurrentActor.name()).map(UserView::displayName).orElse(CurrentActor.name());
		move(r, action, reason, outcome, note, "STAFF", who, action != Action.CANCEL);
		audit.record(new AuditEntry("UPDATE", RESOURCE, id.toString(), r.patient(), AuditOutcome.SUCCESS, action.name()));
	}

	@Override
	public void updateFromSystem(UUID id, ReferralStatus to, @Nullable String reason, @Nullable ReferralOutcome outcome) {
		CommunityReferralView r = load(id).orElseThrow(() -> new NotFoundException("referral", id));
		access.require(r.patient(), AccessPurpose.CONTRIBUTE);
		if (r.status() == to) return; // nothing to change: the same update sent twice
		Action action = java.util.Arrays.stream(Action.values()).filter(a -> a.to() == to && a.allowedFrom(r.status())).findFirst()
			.orElseThrow(() -> new DomainException("community.illegal-transition", "the referral is " + r.status() + ": cannot become " + to,
					r.status().fhirCode(), to.fhirCode()));
		move(r, action, reason, outcome, null, "SYSTEM", CurrentActor.name(), true);
		audit.record(new AuditEntry("UPDATE", RESOURCE, id.toString(), r.patient(), AuditOutcome.SUCCESS, "Task " + to.fhirCode()));
	}

	/**
	 * One step along the table, guarded in SQL: the update joins the transition table on the status the referral is in
	 * now, so a step the table does not allow (or one raced by another answer) changes nothing and is refused.
	 */
	void move(CommunityReferralView r, Action action, @Nullable String reason, @Nullable ReferralOutcome outcome,
			@Nullable String note, String actorKind, String actorName, boolean answer) {
		String why = Texts.orNull(reason);
		String said = Texts.orNull(note);
		if (why != null && why.length() > 1000) throw new DomainException("community.reason-too-long", "at most 1000 characters");
		if (said != null && said.length() > 2000) throw new DomainException("community.note-too-long", "at most 2000 characters");
		if (action.needsReason() && why == null) throw new DomainException("community.reason", "say why");
		if (action == Action.COMPLETE && outcome == null) throw new DomainException("community.outcome", "choose the outcome");
		ReferralOutcome kept = action == Action.COMPLETE ? outcome : null;
		List<String> moved = jdbc.sql("""
				update community_referral r set status = t.to_status, status_reason = coalesce(?, r.status_reason), outcome = ?,
				    last_answer_at = case when ? then now() else r.last_answer_at end,
				    closed_at = case when t.to_status in ('REJECTED', 'COMPLETED', 'CANCELLED') then now() else null end,
				    version = r.version + 1, updated_at = now(), updated_by = ?
				from community_referral_transition t
				where r.id = ? and t.action = ? and t.from_status = r.status
				returning t.to_status""")
			.params(why, kept == null ? null : kept.name(), answer, actorKind.equals("STAFF") ? CurrentActor.name() : actorName, r.id(),
					action.name())
			.query(String.class).list();
		if (moved.isEmpty()) {
			ReferralStatus now = jdbc.sql("select status from community_referral where id = ?").param(r.id())
				.query((rs, n) -> ReferralStatus.valueOf(rs.getString(1))).single();
			throw new DomainException("community.illegal-transition", "the referral is " + now + ": cannot " + action,
					now.name().toLowerCase(Locale.ROOT).replace('_', ' '));
		}
		ReferralStatus to = ReferralStatus.valueOf(moved.get(0));
		if (action == Action.CANCEL) {
			// withdrawn (the wrong organisation, or the patient changed their mind): the link shows nothing any more
			jdbc.sql("update community_referral set link_expires_at = least(link_expires_at, now()) where id = ?").param(r.id()).update();
		}
		history(r.id(), action.name(), r.status(), to, why, kept, said, actorKind, actorName);
		Instant at = Instant.now();
		if (to.closed()) {
			String sender = jdbc.sql("select created_by from community_referral where id = ?").param(r.id()).query(String.class).single();
			events.publishEvent(new CommunityReferralClosed(r.id(), r.patient(), new UserId(r.sender()), sender, to, kept, why,
					r.originKind(), r.originId(), r.service(), r.organizationName(), at));
		}
		else {
			events.publishEvent(new CommunityReferralUpdated(r.id(), r.patient(), new UserId(r.sender()), to, r.organizationName(),
					actorKind, at));
		}
	}

	private void history(UUID referral, String action, @Nullable ReferralStatus from, ReferralStatus to, @Nullable String reason,
			@Nullable ReferralOutcome outcome, @Nullable String note, String actorKind, String actorName) {
		jdbc.sql("""
				insert into community_referral_history (id, referral_id, action, from_status, to_status, reason, outcome, note,
				    actor_kind, actor_name) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(Ids.newId(), referral, action, from == null ? null : from.name(), to.name(), reason,
					outcome == null ? null : outcome.name(), note, actorKind, cut(actorName, 300))
			.update();
	}

	// ---------------------------------------------------------------- the organisation's link

	private record Linked(CommunityReferralView referral, boolean expired) {
	}

	/**
	 * The referral behind a token. An unknown token is audited as a refused attempt and refused like an expired one,
	 * so that a guess learns nothing.
	 */
	private Linked byToken(@Nullable String token, String what) {
		if (token == null || token.length() < 20 || token.length() > 100) {
			audit.record("community-link", new AuditEntry(what, RESOURCE, null, null, AuditOutcome.DENIED, "unknown link"));
			throw new DomainException("community.link-unknown", "this link does not open a referral");
		}
		Optional<Object[]> found = jdbc.sql("select id, link_expires_at from community_referral where link_hash = ?")
			.param(hash(token)).query((rs, n) -> new Object[] { rs.getObject(1, UUID.class), instant(rs, "link_expires_at") }).optional();
		if (found.isEmpty()) {
			audit.record("community-link", new AuditEntry(what, RESOURCE, null, null, AuditOutcome.DENIED, "unknown link"));
			throw new DomainException("community.link-unknown", "this link does not open a referral");
		}
		CommunityReferralView r = load((UUID) found.get()[0]).orElseThrow();
		Instant expires = (Instant) found.get()[1];
		return new Linked(r, expires == null || !expires.isAfter(Instant.now()) || part2Ended(r));
	}

	/** A Part 2 patient's written consent has ended: nothing more is disclosed under it (42 CFR 2.31). */
	private boolean part2Ended(CommunityReferralView r) {
		return r.part2() != null && r.part2().expiresOn() != null && r.part2().expiresOn().isBefore(LocalDate.now(zone()));
	}

	private static String organizationActor(CommunityReferralView r) {
		return "organization:" + r.organization() + " (" + r.organizationName() + ")";
	}

	@Override
	@Transactional(noRollbackFor = DomainException.class)
	public Page open(String token) {
		Linked linked = byToken(token, "READ");
		CommunityReferralView r = linked.referral();
		if (linked.expired()) {
			audit.record(organizationActor(r), new AuditEntry("READ", RESOURCE, r.id().toString(), r.patient(), AuditOutcome.DENIED, "link expired"));
			throw new DomainException("community.link-expired", "this link has expired");
		}
		audit.record(organizationActor(r), new AuditEntry("READ", RESOURCE, r.id().toString(), r.patient(), AuditOutcome.SUCCESS,
				"through the organisation's link"));
		if (r.status() == ReferralStatus.REQUESTED) {
			try {
				move(r, Action.RECEIVE, null, null, null, "ORGANIZATION", r.organizationName(), true);
			}
			catch (DomainException ex) {
				// opened twice at once (a mail scanner and a person): the other open marked it; show it as it is
				if (!"community.illegal-transition".equals(ex.code())) throw ex;
			}
			r = load(r.id()).orElseThrow();
		}
		return page(r);
	}

	private Page page(CommunityReferralView r) {
		ReferralStatus status = r.status();
		Set<Action> actions = EnumSet.noneOf(Action.class);
		for (Action a : ORGANIZATION_ACTIONS) if (a.allowedFrom(status)) actions.add(a);
		List<Answer> answers = r.history().stream().filter(s -> !s.action().equals("SEND"))
			.map(s -> new Answer(s.to(), s.outcome(), "ORGANIZATION".equals(s.actorKind()) ? s.reason() : null, s.at())).toList();
		return new Page(r.id(), r.organizationName(), r.serviceName(), r.request(), r.senderName(), r.shared(),
				r.shared().need() ? r.originLabel() : null, r.contact().phone(), r.contact().text(), r.contact().email(),
				r.contact().times(), r.contact().language(), status, r.outcome(), r.statusReason(), r.sentAt(),
				r.linkExpiresAt() == null ? Instant.EPOCH : r.linkExpiresAt(), actions, answers, r.part2() != null,
				r.part2() == null ? null : r.part2().expiresOn());
	}

	@Override
	public void answer(String token, @Nullable Action action, @Nullable String reason, @Nullable ReferralOutcome outcome, @Nullable String note) {
		Linked linked = byToken(token, "UPDATE");
		CommunityReferralView r = linked.referral();
		if (linked.expired()) {
			audit.record(organizationActor(r), new AuditEntry("UPDATE", RESOURCE, r.id().toString(), r.patient(), AuditOutcome.DENIED, "link expired"));
			throw new DomainException("community.link-expired", "this link has expired");
		}
		if (action == null) throw new DomainException("community.answer", "choose the answer");
		if (!ORGANIZATION_ACTIONS.contains(action)) throw new DomainException("community.link-action", "the organisation cannot do that");
		move(r, action, reason, outcome, note, "ORGANIZATION", r.organizationName(), true);
		audit.record(organizationActor(r), new AuditEntry("UPDATE", RESOURCE, r.id().toString(), r.patient(), AuditOutcome.SUCCESS,
				action.name() + " through the organisation's link"));
	}

	// ---------------------------------------------------------------- the patient's copy

	@Override
	@Transactional(readOnly = true)
	public byte[] patientCopy(UUID id, String language) {
		CommunityReferralView r = find(id).orElseThrow(() -> new NotFoundException("referral", id));
		PatientHeader h = patients.headers(List.of(r.patient())).get(r.patient());
		return document.pdf(r, h == null ? "" : h.givenName() + " " + h.familyName(), language);
	}

	// ---------------------------------------------------------------- the report

	@Override
	@Transactional(readOnly = true)
	@PreAuthorize("hasAnyRole('SUPERVISOR', 'ADMIN')")
	public Report report(LocalDate from, LocalDate to) {
		if (to.isBefore(from)) throw new DomainException("community.report-dates", "the period ends before it starts");
		if (from.plusYears(5).isBefore(to)) throw new DomainException("community.report-too-long", "at most five years");
		ZoneId zone = zone();
		OffsetDateTime start = from.atStartOfDay(zone).toOffsetDateTime();
		OffsetDateTime end = to.plusDays(1).atStartOfDay(zone).toOffsetDateTime();
		String figures = """
				count(*) sent, count(*) filter (where status in ('REJECTED', 'COMPLETED', 'CANCELLED')) closed,
				count(*) filter (where outcome = 'SERVICE_DELIVERED') delivered,
				count(*) filter (where status in ('REQUESTED', 'RECEIVED', 'ACCEPTED', 'IN_PROGRESS')) open,
				percentile_cont(0.5) within group (order by extract(epoch from closed_at - sent_at) / 86400.0)
				    filter (where closed_at is not null) median_days""";
		Line total = jdbc.sql("select " + figures + " from community_referral where sent_at >= ? and sent_at < ?")
			.params(start, end).query((rs, n) -> line("", rs)).single();
		List<Line> byNeed = jdbc.sql("select coalesce(need_code, '') label, " + figures
				+ " from community_referral where sent_at >= ? and sent_at < ? group by 1 order by 2 desc, 1")
			.params(start, end).query((rs, n) -> line(rs.getString("label"), rs)).list();
		List<Line> byOrganization = jdbc.sql("select organization_name label, " + figures
				+ " from community_referral where sent_at >= ? and sent_at < ? group by organization_id, 1 order by 3 desc, 1 limit 200")
			.params(start, end).query((rs, n) -> line(rs.getString("label"), rs)).list();
		audit.record(new AuditEntry("READ", RESOURCE, null, null, AuditOutcome.SUCCESS, "referral report " + from + " to " + to));
		return new Report(from, to, total, byNeed, byOrganization);
	}

	private static Line line(String label, ResultSet rs) throws SQLException {
		Object median = rs.getObject("median_days");
		return new Line(label, rs.getLong("sent"), rs.getLong("closed"), rs.getLong("delivered"), rs.getLong("open"),
				median == null ? null : Math.round(((Number) median).doubleValue() * 10) / 10.0);
	}

	// ---------------------------------------------------------------- helpers

	static OffsetDateTime time(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
		return t == null ? null : t.toInstant();
	}
}
