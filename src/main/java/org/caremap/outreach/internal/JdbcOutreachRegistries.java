package org.caremap.outreach.internal;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.caremap.outreach.NewRule;
import org.caremap.outreach.OutreachRegistries;
import org.caremap.outreach.RuleView;
import org.caremap.shared.CurrentActor;
import org.caremap.shared.DomainException;
import org.caremap.shared.Ids;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The rules and their evaluation: each rule is one SQL statement over the module's read model (a patient is a
 * member when every criterion the rule sets holds on the day), its members replace the previous ones and its size
 * is kept per day, in one transaction for all the rules.
 */
@Service
class JdbcOutreachRegistries implements OutreachRegistries {

	/** Days of size history shown as a rule's trend. */
	static final int TREND_DAYS = 90;

	/** Who is a member of rule {@code :rule} on {@code :day}: every criterion the rule sets, none that it leaves empty. */
	static final String MEMBERS = """
			select p.patient_id from outreach_rule r join outreach_patient p on true
			where r.id = :rule
			  and (cardinality(r.condition_groups) = 0 or exists (
			        select 1 from outreach_condition c where c.patient_id = p.patient_id and c.active
			          and c.code like any (select g || '%' from unnest(r.condition_groups) g)))
			  and (r.instrument_key is null or (
			        select a.total from outreach_assessment a
			        where a.patient_id = p.patient_id and a.instrument_key = r.instrument_key and a.completed_on <= :day
			        order by a.completed_on desc, a.assessment_id desc limit 1) >= r.min_score)
			  and (r.ed_months is null or (
			        select count(*) from outreach_ed_visit e where e.patient_id = p.patient_id
			          and e.arrived_on > (:day - make_interval(months => r.ed_months))::date and e.arrived_on <= :day) >= r.ed_min)
			  and (not r.no_pcp or not p.has_pcp)
			  and (r.no_contact_days is null or not exists (
			        select 1 from outreach_contact k where k.patient_id = p.patient_id
			          and k.occurred_on > :day - r.no_contact_days and k.occurred_on <= :day))
			  and (not r.not_enrolled or not exists (
			        select 1 from outreach_case k where k.patient_id = p.patient_id and k.closed_on is null
			          and (k.opened_on is null or k.opened_on <= :day)))""";

	private final JdbcClient jdbc;
	private final String node;

	JdbcOutreachRegistries(JdbcClient jdbc, @Value("${caremap.node-name:}") String node) {
		this.jdbc = jdbc;
		this.node = node.isBlank() ? "node" : node;
	}

	@Override
	@Transactional
	@PreAuthorize("hasAnyRole('SUPERVISOR', 'ADMIN')")
	public UUID save(NewRule rule) {
		String name = rule.name() == null ? "" : rule.name().trim();
		if (name.isEmpty() || name.length() > 200) throw new DomainException("outreach.rule-name", "a name of 1 to 200 characters");
		List<String> groups = new ArrayList<>();
		for (String g : rule.conditionGroups()) {
			String prefix = g.trim().toUpperCase(Locale.ROOT);
			if (prefix.isEmpty()) continue;
			if (!prefix.matches(NewRule.PREFIX)) throw new DomainException("outreach.rule-prefix", "not an ICD-10-CM prefix", prefix);
			if (!groups.contains(prefix)) groups.add(prefix);
		}
		String instrument = rule.instrumentKey() == null || rule.instrumentKey().isBlank() ? null : rule.instrumentKey().trim();
		if ((instrument == null) != (rule.minScore() == null)) {
			throw new DomainException("outreach.rule-score", "an instrument goes with a minimum score");
		}
		if ((rule.edMonths() == null) != (rule.edMin() == null)) {
			throw new DomainException("outreach.rule-ed", "ED visits need both months and a count");
		}
		if (rule.edMonths() != null && (rule.edMonths() < 1 || rule.edMonths() > 36 || rule.edMin() < 1 || rule.edMin() > 100)) {
			throw new DomainException("outreach.rule-ed", "ED visits need both months and a count");
		}
		if (rule.noContactDays() != null && (rule.noContactDays() < 1 || rule.noContactDays() > 3650)) {
			throw new DomainException("outreach.rule-contact", "days without contact between 1 and 3650");
		}
		if (rule.minScore() != null && (rule.minScore().signum() < 0 || rule.minScore().compareTo(BigDecimal.valueOf(1000)) > 0)) {
			throw new DomainException("outreach.rule-score", "an instrument goes with a minimum score");
		}
		if (groups.isEmpty() && instrument == null && rule.edMonths() == null && !rule.noPcp() && rule.noContactDays() == null
				&& !rule.notEnrolled()) {
			throw new DomainException("outreach.rule-empty", "a rule needs at least one criterion");
		}
		boolean taken = jdbc.sql("select exists (select 1 from outreach_rule where active and lower(name) = lower(?))").param(name)
			.query(Boolean.class).single();
		if (taken) throw new DomainException("outreach.rule-taken", "a rule with this name exists", name);
		String description = rule.description() == null || rule.description().isBlank() ? null : rule.description().trim();
		if (description != null && description.length() > 2000) throw new DomainException("outreach.rule-description", "too long");
		UUID id = Ids.newId();
		jdbc.sql("""
				insert into outreach_rule (id, name, description, condition_groups, instrument_key, min_score, ed_months, ed_min,
				                           no_pcp, no_contact_days, not_enrolled, created_by)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, name, description, groups.toArray(String[]::new), instrument, rule.minScore(), rule.edMonths(), rule.edMin(),
					rule.noPcp(), rule.noContactDays(), rule.notEnrolled(), CurrentActor.name())
			.update();
		return id;
	}

	@Override
	@Transactional(readOnly = true)
	@PreAuthorize("hasAnyRole('INTAKE', 'SUPERVISOR', 'ADMIN', 'SYSTEM')")
	public List<RuleView> rules() {
		Map<UUID, List<RuleView.Size>> trends = new LinkedHashMap<>();
		jdbc.sql("""
				select s.rule_id, s.day, s.members from outreach_size s join outreach_rule r on r.id = s.rule_id
				where r.active and s.day > (select coalesce(max(day), current_date) from outreach_size) - ?
				order by s.day""")
			.param(TREND_DAYS)
			.query((rs, n) -> {
				trends.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
					.add(new RuleView.Size(rs.getObject(2, LocalDate.class), rs.getInt(3)));
				return null;
			})
			.list();
		return jdbc.sql("""
				select r.*, s.day as size_day, s.members as size_members from outreach_rule r
				left join lateral (select day, members from outreach_size where rule_id = r.id order by day desc limit 1) s on true
				where r.active order by lower(r.name)""")
			.query((rs, n) -> view(rs, trends.getOrDefault(rs.getObject("id", UUID.class), List.of())))
			.list();
	}

	private static RuleView view(ResultSet rs, List<RuleView.Size> trend) throws SQLException {
		Array groups = rs.getArray("condition_groups");
		return new RuleView(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("description"),
				groups == null ? List.of() : Arrays.asList((String[]) groups.getArray()), rs.getString("instrument_key"),
				rs.getBigDecimal("min_score"), (Integer) rs.getObject("ed_months"), (Integer) rs.getObject("ed_min"),
				rs.getBoolean("no_pcp"), (Integer) rs.getObject("no_contact_days"), rs.getBoolean("not_enrolled"),
				rs.getObject("size_day", LocalDate.class), (Integer) rs.getObject("size_members"), trend);
	}

	@Override
	@Transactional
	@PreAuthorize("hasAnyRole('SUPERVISOR', 'ADMIN', 'SYSTEM')")
	public int evaluate(LocalDate day) {
		List<UUID> rules = jdbc.sql("select id from outreach_rule where active order by id for update").query(UUID.class).list();
		for (UUID rule : rules) {
			jdbc.sql("delete from outreach_member where rule_id = ?").param(rule).update();
			int members = jdbc.sql("insert into outreach_member (rule_id, patient_id, day) select :rule, m.patient_id, :day from ("
					+ MEMBERS + ") m")
				.param("rule", rule).param("day", day).update();
			jdbc.sql("""
					insert into outreach_size (rule_id, day, members) values (?, ?, ?)
					on conflict (rule_id, day) do update set members = excluded.members""")
				.params(rule, day, members).update();
		}
		jdbc.sql("""
				insert into outreach_run (day, runs, node) values (?, 1, ?)
				on conflict (day) do update set runs = outreach_run.runs + 1, node = excluded.node, finished_at = now()""")
			.params(day, node).update();
		return rules.size();
	}

}
