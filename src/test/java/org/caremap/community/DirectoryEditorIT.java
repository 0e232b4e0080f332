package org.caremap.community;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.caremap.shared.DomainException;
import org.caremap.support.Actors;
import org.caremap.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * Who keeps the directory: administrators and supervisors add, correct and verify entries, each change recorded field
 * by field with who made it; case managers and the care team suggest corrections but cannot edit; a change made on
 * a stale copy is refused; an entry not verified within the stale period is marked in the list.
 */
class DirectoryEditorIT extends IntegrationTest {

	@Autowired DirectoryEditor editor;
	@Autowired Directory directory;
	@Autowired JdbcClient jdbc;
	@Autowired UserDetailsService users;

	private static ServiceEntry entry(String name, String phone, List<ServiceEntry.Opening> hours) {
		return new ServiceEntry("Test Harvest " + name, "(614) 555-0100", null, "referrals@harvest.example", name,
				"Groceries for families", phone, null, "Walk in", null, true, null, null, null, 200,
				Set.of(Eligibility.LOW_INCOME), Set.of(Need.FOOD_INSECURITY), List.of("en", "es"), "12 Oak St", "Columbus", "OH",
				"43215", null, null, "Bus 2", hours);
	}

	@Test
	void editorsEditAndVerifyOthersSuggestAndEveryChangeIsRecorded() {
		Actors actors = new Actors(users);
		String name = "Harvest pantry " + UUID.randomUUID().toString().substring(0, 6);
		List<ServiceEntry.Opening> weekdays = List.of(new ServiceEntry.Opening(1, LocalTime.of(9, 0), LocalTime.of(17, 0)));
		assertThatThrownBy(() -> actors.as("casemanager", () -> editor.add(entry(name, "(614) 555-0101", weekdays))))
			.isInstanceOf(AccessDeniedException.class);
		UUID id = actors.as("supervisor", () -> editor.add(entry(name, "(614) 555-0101", weekdays)));
		ServiceCard card = directory.find(id).orElseThrow();
		assertThat(card.latitude()).as("placed at its ZIP code's centre").isNotNull();
		assertThat(card.hours()).containsExactly("Monday 09:00–17:00");

		ServiceDetail before = actors.as("casemanager", () -> editor.detail(id)).orElseThrow();
		assertThatThrownBy(() -> actors.run("casemanager", () -> editor.update(id, before.version(), entry(name, "(614) 555-0199", weekdays))))
			.isInstanceOf(AccessDeniedException.class);
		assertThatThrownBy(() -> actors.run("casemanager", () -> editor.verify(id))).isInstanceOf(AccessDeniedException.class);
		actors.run("casemanager", () -> editor.suggest(id, "The phone number changed to 555-0199"));

		List<ServiceEntry.Opening> later = List.of(new ServiceEntry.Opening(1, LocalTime.of(10, 0), LocalTime.of(17, 0)),
				new ServiceEntry.Opening(6, LocalTime.of(9, 0), LocalTime.of(12, 0)));
		actors.run("admin", () -> editor.update(id, before.version(), entry(name, "(614) 555-0199", later)));
		// the same old version again: someone changed it since
		assertThatThrownBy(() -> actors.run("supervisor", () -> editor.update(id, before.version(), entry(name, "(614) 555-0100", later))))
			.isInstanceOf(DomainException.class).hasMessageContaining("changed since");
		ServiceDetail after = actors.as("supervisor", () -> editor.detail(id)).orElseThrow();
		assertThat(after.changes()).extracting(ServiceDetail.Change::summary)
			.anySatisfy(s -> assertThat(s).contains("phone: (614) 555-0101 → (614) 555-0199")
				.contains("hours: Monday 09:00–17:00 → Monday 10:00–17:00, Saturday 09:00–12:00"));
		assertThat(after.changes()).extracting(ServiceDetail.Change::by).contains("admin", "supervisor");
		assertThat(after.corrections()).singleElement().extracting(ServiceDetail.Correction::by).isEqualTo("casemanager");

		// never verified: stale; verified now: not; a year and a half ago: stale again, and listed as such
		assertThat(after.stale()).isTrue();
		actors.run("supervisor", () -> editor.verify(id));
		assertThat(actors.as("supervisor", () -> editor.detail(id)).orElseThrow().stale()).isFalse();
		assertThat(actors.as("supervisor", () -> editor.detail(id)).orElseThrow().verifiedBy()).isEqualTo("supervisor");
		jdbc.sql("update community_service set verified_at = ? where id = ?")
			.params(java.sql.Timestamp.from(Instant.now().minus(550, ChronoUnit.DAYS)), id).update();
		DirectoryEditor.Page stale = actors.as("casemanager", () -> editor.list(name, true, false, 0));
		assertThat(stale.rows()).singleElement().satisfies(r -> {
			assertThat(r.stale()).isTrue();
			assertThat(r.openCorrections()).isEqualTo(1);
		});
		DirectoryEditor.Page all = actors.as("casemanager", () -> editor.list(null, false, false, 0));
		assertThat(all.rows()).hasSize(50);
		assertThat(all.total()).isGreaterThan(50);
		// the next page goes on by name (as PostgreSQL orders lower(name))
		assertThat(actors.as("casemanager", () -> editor.list(null, false, false, 1)).rows().get(0).id())
			.isNotIn(all.rows().stream().map(DirectoryEditor.Row::id).toList());
		UUID correction = after.corrections().get(0).id();
		assertThatThrownBy(() -> actors.run("casemanager", () -> editor.resolve(id, correction))).isInstanceOf(AccessDeniedException.class);
		actors.run("supervisor", () -> editor.resolve(id, correction));
		assertThat(actors.as("supervisor", () -> editor.detail(id)).orElseThrow().corrections()).isEmpty();
	}
}
