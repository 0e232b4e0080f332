package org.caremap.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A streaming-replication standby of the embedded PostgreSQL, run from the same binaries. The binaries have no
 * {@code pg_basebackup}, so the standby is made with the low-level base-backup API: a physical replication slot on
 * the primary (which keeps the WAL the standby still needs), {@code pg_backup_start}, a copy of the data folder
 * without what the PostgreSQL documentation says to leave out (the WAL, the postmaster's files, the replication
 * slots, the folders rebuilt at start, temporary files), {@code pg_backup_stop} whose backup label (and tablespace
 * map) go into the copy, then {@code standby.signal} and the connection to the primary. Once made, the folder is kept:
 * a restart starts the standby again and it resumes streaming from its slot.
 * <p>
 * One standby per folder and JVM, shared by the contexts using it (reference counted), like the primary.
 */
final class EmbeddedStandby implements AutoCloseable {

	/** The replication slot on the primary that the standby streams from. */
	static final String SLOT = "caremap_replica";

	private static final Logger log = LoggerFactory.getLogger(EmbeddedStandby.class);
	private static final Map<Path, EmbeddedStandby> RUNNING = new HashMap<>();
	/** Files and folders (at any depth) the copy leaves out. */
	private static final Set<String> SKIPPED_FILES = Set.of("postmaster.pid", "postmaster.opts", "backup_label",
			"tablespace_map", "postgresql.auto.conf.tmp", "pg_internal.init", "current_logfiles", "epg-lock",
			"standby.signal", "recovery.signal");
	/** Folders of the data folder whose contents the copy leaves out (the folders themselves are made empty). */
	private static final Set<String> EMPTIED_DIRS = Set.of("pg_wal", "pg_replslot", "pg_dynshmem", "pg_notify",
			"pg_serial", "pg_snapshots", "pg_stat_tmp", "pg_subtrans");

	private final Path dataDir;
	private final EmbeddedPostgres postgres;
	private int users;

	private EmbeddedStandby(Path dataDir, EmbeddedPostgres postgres) {
		this.dataDir = dataDir;
		this.postgres = postgres;
	}

	/** Starts the standby of this primary in this folder (making it first when the folder holds none). */
	static synchronized EmbeddedStandby obtain(EmbeddedPostgresServer primary, Path dataDir, int port,
			Duration startupWait) {
		Path key = dataDir.toAbsolutePath().normalize();
		EmbeddedStandby standby = RUNNING.get(key);
		if (standby == null) {
			standby = start(primary, key, port, startupWait);
			RUNNING.put(key, standby);
		}
		standby.users++;
		return standby;
	}

	private static EmbeddedStandby start(EmbeddedPostgresServer primary, Path dataDir, int port, Duration startupWait) {
		long started = System.nanoTime();
		try {
			prepareReplication(primary);
			if (!Files.exists(dataDir.resolve("standby.signal")) || !Files.exists(dataDir.resolve("postgresql.conf"))) {
				baseBackup(primary, dataDir);
			}
			EmbeddedPostgres postgres = EmbeddedPostgresServer.builder(dataDir, port, startupWait, primary.credentials())
				.start();
			log.info("Embedded PostgreSQL standby ready on port {} with data in {}, streaming from port {} ({} ms)",
					postgres.getPort(), dataDir, primary.port(), (System.nanoTime() - started) / 1_000_000);
			return new EmbeddedStandby(dataDir, postgres);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start the embedded PostgreSQL standby in " + dataDir, ex);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not make the embedded PostgreSQL standby in " + dataDir, ex);
		}
	}

	/** The replication role (its password beside the primary's others) and the slot, when missing. */
	private static void prepareReplication(EmbeddedPostgresServer primary) throws SQLException, IOException {
		String password = primary.replicatorPassword();
		String quoted = "'" + password.replace("'", "''") + "'";
		try (Connection c = primary.superuser("postgres"); Statement s = c.createStatement()) {
			boolean exists;
			try (ResultSet rs = s.executeQuery(
					"select 1 from pg_roles where rolname = '" + EmbeddedPostgresServer.REPLICATOR_ROLE + "'")) {
				exists = rs.next();
			}
			s.execute((exists ? "alter" : "create") + " role " + EmbeddedPostgresServer.REPLICATOR_ROLE
					+ " with login replication nosuperuser nocreatedb nocreaterole password " + quoted);
			boolean slot;
			try (ResultSet rs = s.executeQuery("select 1 from pg_replication_slots where slot_name = '" + SLOT + "'")) {
				slot = rs.next();
			}
			// reserved at once, so that the WAL from the backup's start on is kept for the standby
			if (!slot) s.execute("select pg_create_physical_replication_slot('" + SLOT + "', true)");
		}
	}

	/**
	 * The low-level base backup into {@code target}: the backup runs on one connection from start to stop (a
	 * non-exclusive backup ends with its session).
	 */
	private static void baseBackup(EmbeddedPostgresServer primary, Path target) throws IOException, SQLException {
		long started = System.nanoTime();
		if (Files.exists(target)) Folders.deleteTree(target);
		Files.createDirectories(target);
		// PostgreSQL refuses a data folder others may read
		if (Files.getFileAttributeView(target, java.nio.file.attribute.PosixFileAttributeView.class) != null) {
			Files.setPosixFilePermissions(target, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
		}
		try (Connection c = primary.superuser("postgres"); Statement s = c.createStatement()) {
			// fast: an immediate checkpoint rather than a spread one
			s.execute("select pg_backup_start('caremap standby', true)");
			copy(primary.dataDir(), target);
			try (ResultSet rs = s.executeQuery("select labelfile, spcmapfile from pg_backup_stop(true)")) {
				rs.next();
				Files.writeString(target.resolve("backup_label"), rs.getString(1));
				String map = rs.getString(2);
				if (map != null && !map.isEmpty()) Files.writeString(target.resolve("tablespace_map"), map);
			}
		}
		String conninfo = "host=localhost port=" + primary.port() + " user=" + EmbeddedPostgresServer.REPLICATOR_ROLE
				+ " password=" + primary.replicatorPassword()
				+ " application_name=caremap_standby";
		Files.writeString(target.resolve("postgresql.auto.conf"), "\n# Caremap: a standby of the embedded primary\n"
				+ "primary_conninfo = '" + conninfo.replace("'", "''") + "'\n" + "primary_slot_name = '" + SLOT + "'\n"
				+ "hot_standby = on\n" + "hot_standby_feedback = on\n",
				java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
		Files.createFile(target.resolve("standby.signal"));
		log.info("Embedded PostgreSQL standby made from a base backup of {} into {} ({} ms)", primary.dataDir(), target,
				(System.nanoTime() - started) / 1_000_000);
	}

	/** Copies the primary's data folder as the low-level backup allows, files that vanish meanwhile left out. */
	private static void copy(Path source, Path target) throws IOException {
		Files.walkFileTree(source, new SimpleFileVisitor<>() {
			@Override
			public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
				Path relative = source.relativize(dir);
				if (dir.getFileName().toString().startsWith("pgsql_tmp")) return FileVisitResult.SKIP_SUBTREE;
				Files.createDirectories(target.resolve(relative.toString()));
				if (relative.getNameCount() == 1 && EMPTIED_DIRS.contains(relative.toString())) {
					// the WAL folder keeps its archive status folder, which the server expects
					if (relative.toString().equals("pg_wal")) Files.createDirectories(target.resolve("pg_wal/archive_status"));
					return FileVisitResult.SKIP_SUBTREE;
				}
				return FileVisitResult.CONTINUE;
			}

			@Override
			public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
				String name = file.getFileName().toString();
				if (SKIPPED_FILES.contains(name) || name.startsWith("pgsql_tmp")) return FileVisitResult.CONTINUE;
				try {
					Files.copy(file, target.resolve(source.relativize(file).toString()), StandardCopyOption.REPLACE_EXISTING);
				}
				catch (NoSuchFileException gone) {
					// dropped while copying: replaying the WAL from the backup's start removes it too
				}
				return FileVisitResult.CONTINUE;
			}

			@Override
			public FileVisitResult visitFileFailed(Path file, IOException ex) throws IOException {
				if (ex instanceof NoSuchFileException) return FileVisitResult.CONTINUE;
				throw ex;
			}
		});
	}

	/**
	 * Drops the standby's slot when no standby uses it: a slot nobody streams from keeps every WAL file on the
	 * primary's disk. Called when the embedded replica is switched off.
	 */
	static void forgetSlot(EmbeddedPostgresServer primary) {
		try (Connection c = primary.superuser("postgres"); Statement s = c.createStatement();
				ResultSet rs = s.executeQuery("select pg_drop_replication_slot(slot_name) from pg_replication_slots"
						+ " where slot_name = '" + SLOT + "' and not active")) {
			if (rs.next()) log.info("Replication slot {} dropped: the embedded replica is switched off", SLOT);
		}
		catch (SQLException ex) {
			log.warn("Could not drop the unused replication slot {}: {}", SLOT, ex.getMessage());
		}
	}

	int port() {
		return postgres.getPort();
	}

	Path dataDir() {
		return dataDir;
	}

	String jdbcUrl() {
		return "jdbc:postgresql://localhost:" + port() + "/" + EmbeddedPostgresServer.DATABASE;
	}

	@Override
	public void close() {
		synchronized (EmbeddedStandby.class) {
			if (--users > 0) return;
			RUNNING.remove(dataDir);
		}
		try {
			postgres.close();
			log.info("Embedded PostgreSQL standby stopped");
		}
		catch (IOException ex) {
			log.warn("Embedded PostgreSQL standby did not stop cleanly", ex);
		}
	}

	/** Deleting a folder tree (the standby's, before a new base backup). */
	private static final class Folders {
		static void deleteTree(Path root) throws IOException {
			Files.walkFileTree(root, new SimpleFileVisitor<>() {
				@Override
				public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
					Files.delete(file);
					return FileVisitResult.CONTINUE;
				}

				@Override
				public FileVisitResult postVisitDirectory(Path dir, IOException ex) throws IOException {
					if (ex != null) throw ex;
					Files.delete(dir);
					return FileVisitResult.CONTINUE;
				}
			});
		}
	}
}
