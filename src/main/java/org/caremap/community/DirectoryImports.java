package org.caremap.community;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Imports Open Referral HSDS 3.0 files into the directory: the JSON form (one object or an array of services,
 * organisations, services at locations and locations, as the HSDS API returns them) or the tabular form (a zip or a
 * folder of CSV tables with their {@code datapackage.json}). Records are keyed by the source named for the import and
 * their own ids: the same file twice adds nothing, a changed record updates, and in a full import a record of the
 * source that the file no longer holds is retired (never deleted). Administrators import.
 */
public interface DirectoryImports {

	/** Imports an uploaded file (zip, JSON or CSV tables in a zip); {@code full}: retire what the file does not hold. */
	ImportReport importFile(String source, String fileName, byte[] content, boolean full);

	/** Imports a folder of HSDS CSV tables or JSON files (for the command line and tests). */
	ImportReport importFolder(String source, Path folder, boolean full);

	List<ImportReport> recent(int limit);

	Optional<ImportReport> find(UUID id);
}
