package org.caremap.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.caremap.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The publication registry is kept small: what was completed over a week ago goes; the rest stays. */
class EventPublicationsIT extends IntegrationTest {

	@Autowired EventPublications publications;
	@Autowired JdbcClient jdbc;

	private UUID publication(String completed, String published) {
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				insert into event_publication (id, listener_id, event_type, serialized_event, publication_date, completion_date)
				values (?, 'test.Listener', 'test.Event', '{}', now() - cast(? as interval),
				        now() - cast(? as interval))""")
			.params(id, published, completed).update();
		return id;
	}

	private boolean kept(UUID id) {
		return jdbc.sql("select count(*) from event_publication where id = ?").param(id).query(Long.class).single() == 1;
	}

	@Test
	void completedPublicationsOlderThanAWeekAreRemovedAndNothingElse() {
		UUID old = publication("8 days", "9 days");
		UUID recent = publication("6 days", "9 days");
		UUID waiting = UUID.randomUUID();
		jdbc.sql("""
				insert into event_publication (id, listener_id, event_type, serialized_event, publication_date)
				values (?, 'test.Listener', 'test.Event', '{}', now() - interval '30 days')""").param(waiting).update();
		try {
			assertThat(publications.removeCompleted()).isGreaterThanOrEqualTo(1);
			assertThat(kept(old)).isFalse();
			assertThat(kept(recent)).isTrue();
			assertThat(kept(waiting)).as("a publication never completed stays, to be published again").isTrue();
			assertThat(publications.incomplete()).isGreaterThanOrEqualTo(1);
		}
		finally {
			jdbc.sql("delete from event_publication where id in (?, ?, ?)").params(old, recent, waiting).update();
		}
	}
}
