package io.github.reselleroffboarding.schemaregistry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;

/**
 * The registry's state, in memory: schema ids shared across subjects (identical schemas get one id, as in
 * Confluent's registry), each subject's versions, and compatibility levels. One lock: every operation is a few
 * map look-ups, so contention is not worth more machinery.
 */
final class SchemaStore {

    /** What a subject version is: the triple Confluent returns from version and lookup calls. */
    record SubjectVersion(String subject, int version, int id, String schema) {
    }

    private final Object lock = new Object();
    private final Map<String, Integer> idsByCanonical = new HashMap<>();
    private final Map<Integer, Schema> schemasById = new HashMap<>();
    private final Map<String, List<Integer>> idsBySubject = new TreeMap<>();
    private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
    private CompatibilityLevel globalLevel;
    private int nextId = 1;

    SchemaStore(CompatibilityLevel globalLevel) {
        this.globalLevel = globalLevel;
    }

    /** Registers {@code schemaText} under {@code subject}, or returns its id when the subject already has it. */
    int register(String subject, String schemaText) {
        Schema schema = parse(schemaText);
        String canonical = schema.toString();
        synchronized (lock) {
            List<Integer> versions = idsBySubject.getOrDefault(subject, List.of());
            Integer known = idsByCanonical.get(canonical);
            if (known != null && versions.contains(known)) {
                return known;
            }
            List<String> problems = levelOf(subject).problems(schema, schemasOf(versions));
            if (!problems.isEmpty()) {
                throw RegistryException.incompatible(String.join(", ", problems));
            }
            int id = known != null ? known : allocate(canonical, schema);
            idsBySubject.computeIfAbsent(subject, s -> new ArrayList<>()).add(id);
            return id;
        }
    }

    /** The version of {@code subject} that holds exactly {@code schemaText}. */
    SubjectVersion lookup(String subject, String schemaText) {
        Schema schema = parse(schemaText);
        synchronized (lock) {
            List<Integer> versions = versionsOf(subject);
            Integer id = idsByCanonical.get(schema.toString());
            int index = id == null ? -1 : versions.indexOf(id);
            if (index < 0) {
                throw RegistryException.schemaNotFound();
            }
            return new SubjectVersion(subject, index + 1, id, schemasById.get(id).toString());
        }
    }

    String schemaById(int id) {
        synchronized (lock) {
            Schema schema = schemasById.get(id);
            if (schema == null) {
                throw RegistryException.schemaNotFound(id);
            }
            return schema.toString();
        }
    }

    List<String> subjects() {
        synchronized (lock) {
            return List.copyOf(idsBySubject.keySet());
        }
    }

    List<Integer> versions(String subject) {
        synchronized (lock) {
            int count = versionsOf(subject).size();
            List<Integer> numbers = new ArrayList<>(count);
            for (int v = 1; v <= count; v++) {
                numbers.add(v);
            }
            return numbers;
        }
    }

    SubjectVersion version(String subject, String versionRef) {
        synchronized (lock) {
            List<Integer> versions = versionsOf(subject);
            int version = resolve(versionRef, versions.size());
            int id = versions.get(version - 1);
            return new SubjectVersion(subject, version, id, schemasById.get(id).toString());
        }
    }

    /** Problems with {@code schemaText} against one version of {@code subject} under the subject's level. */
    List<String> compatibilityProblems(String subject, String versionRef, String schemaText) {
        Schema candidate = parse(schemaText);
        synchronized (lock) {
            List<Integer> versions = versionsOf(subject);
            int version = resolve(versionRef, versions.size());
            Schema existing = schemasById.get(versions.get(version - 1));
            return levelOf(subject).againstOne(candidate, existing);
        }
    }

    /** Problems with {@code schemaText} against the whole subject, as a registration would be checked. */
    List<String> compatibilityProblems(String subject, String schemaText) {
        Schema candidate = parse(schemaText);
        synchronized (lock) {
            return levelOf(subject).problems(candidate, schemasOf(versionsOf(subject)));
        }
    }

    CompatibilityLevel globalLevel() {
        synchronized (lock) {
            return globalLevel;
        }
    }

    void globalLevel(CompatibilityLevel level) {
        synchronized (lock) {
            globalLevel = level;
        }
    }

    Optional<CompatibilityLevel> subjectLevel(String subject) {
        synchronized (lock) {
            return Optional.ofNullable(subjectLevels.get(subject));
        }
    }

    void subjectLevel(String subject, CompatibilityLevel level) {
        synchronized (lock) {
            subjectLevels.put(subject, level);
        }
    }

    /** Removes the subject's own level; returns the level it had. */
    CompatibilityLevel clearSubjectLevel(String subject) {
        synchronized (lock) {
            CompatibilityLevel removed = subjectLevels.remove(subject);
            if (removed == null) {
                throw RegistryException.subjectNotFound(subject);
            }
            return removed;
        }
    }

    private CompatibilityLevel levelOf(String subject) {
        return subjectLevels.getOrDefault(subject, globalLevel);
    }

    private List<Integer> versionsOf(String subject) {
        List<Integer> versions = idsBySubject.get(subject);
        if (versions == null) {
            throw RegistryException.subjectNotFound(subject);
        }
        return versions;
    }

    private List<Schema> schemasOf(List<Integer> ids) {
        List<Schema> schemas = new ArrayList<>(ids.size());
        for (int id : ids) {
            schemas.add(schemasById.get(id));
        }
        return schemas;
    }

    private int allocate(String canonical, Schema schema) {
        int id = nextId++;
        idsByCanonical.put(canonical, id);
        schemasById.put(id, schema);
        return id;
    }

    /** "latest" and -1 mean the newest version; otherwise a positive version number that must exist. */
    private static int resolve(String versionRef, int count) {
        String ref = versionRef.strip();
        if (ref.equalsIgnoreCase("latest") || ref.equals("-1")) {
            return count;
        }
        int version;
        try {
            version = Integer.parseInt(ref);
        } catch (NumberFormatException e) {
            throw RegistryException.invalidVersion(versionRef);
        }
        if (version < 1) {
            throw RegistryException.invalidVersion(versionRef);
        }
        if (version > count) {
            throw RegistryException.versionNotFound(version);
        }
        return version;
    }

    private static Schema parse(String schemaText) {
        if (schemaText == null || schemaText.isBlank()) {
            throw RegistryException.invalidSchema("the request has no schema");
        }
        try {
            return new Schema.Parser().parse(schemaText);
        } catch (AvroRuntimeException e) { // SchemaParseException and invalid defaults alike
            throw RegistryException.invalidSchema(e.getMessage());
        }
    }
}
