package dev.dashmech.schemas.registry;

import dev.dashmech.schemas.registry.internal.Incompatibilities;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * A schema registry living in this JVM, selected by {@code schema.registry.url=mock://NAME}: every client
 * asking for the same name shares one instance, so a serializer and a deserializer configured alike see the
 * same ids. It is a real registry, not a stub: global ids shared across subjects for identical schemas,
 * versions per subject, and compatibility rules enforced with Avro's
 * {@link org.apache.avro.SchemaCompatibility} (default
 * {@link CompatibilityLevel#BACKWARD}, settable globally and per subject). For the embedded default and
 * tests; nothing persists beyond the JVM.
 *
 * <p>Schemas are compared by their full JSON text (documentation included), as a registry compares
 * submitted schema strings. Thread-safe.
 */
public final class InMemorySchemaRegistry implements SchemaRegistryClient {

    /** The URL scheme that selects an in-process registry. */
    public static final String SCHEME = "mock://";

    private static final ConcurrentHashMap<String, InMemorySchemaRegistry> NAMED = new ConcurrentHashMap<>();

    private final String url;
    private final Map<Integer, Schema> schemasById = new HashMap<>();
    private final Map<String, Integer> idsByText = new HashMap<>();
    private final Map<String, List<RegisteredSchema>> versionsBySubject = new HashMap<>();
    private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
    private CompatibilityLevel globalLevel = CompatibilityLevel.BACKWARD;
    private int nextId = 1;

    private InMemorySchemaRegistry(String url) {
        this.url = url;
    }

    /** The registry of this JVM named {@code name}, created empty on first use. */
    public static InMemorySchemaRegistry named(String name) {
        requireName(name);
        return NAMED.computeIfAbsent(name, n -> new InMemorySchemaRegistry(SCHEME + n));
    }

    /** Forgets the registry named {@code name}; the next {@link #named} call gets an empty one. */
    public static void drop(String name) {
        NAMED.remove(requireName(name));
    }

    /** A registry of its own, reachable only through the returned instance. */
    public static InMemorySchemaRegistry create() {
        return new InMemorySchemaRegistry(SCHEME + "(unnamed)");
    }

    private static String requireName(String name) {
        if (name == null || name.isBlank() || name.contains(",") || name.contains("/")) {
            throw new InvalidRegistryUrlException(SCHEME + name, "an in-process registry needs a name without ','"
                    + " or '/', as in mock://my-registry; was '" + name + "'");
        }
        return name;
    }

    @Override
    public String url() {
        return url;
    }

    @Override
    public synchronized int register(String subject, Schema schema) {
        Objects.requireNonNull(subject, "subject");
        String text = schema.toString();
        List<RegisteredSchema> versions = versionsBySubject.getOrDefault(subject, List.of());
        for (RegisteredSchema v : versions) {
            if (v.schema().toString().equals(text)) {
                return v.id();
            }
        }
        List<String> reasons = incompatibilities(subject, schema, versions);
        if (!reasons.isEmpty()) {
            throw new IncompatibleSchemaException(url, subject, reasons, "registry " + url + " refused schema "
                    + schema.getFullName() + " under subject '" + subject + "': it breaks "
                    + levelOf(subject) + " compatibility: " + String.join("; ", reasons)
                    + ". Make the change compatible (add fields with defaults) or change the subject's"
                    + " compatibility level deliberately.");
        }
        Integer id = idsByText.get(text);
        if (id == null) {
            id = nextId++;
            idsByText.put(text, id);
            schemasById.put(id, schema);
        }
        List<RegisteredSchema> updated = new ArrayList<>(versions);
        updated.add(new RegisteredSchema(subject, versions.size() + 1, id, schema));
        versionsBySubject.put(subject, updated);
        return id;
    }

    @Override
    public synchronized int idOf(String subject, Schema schema) {
        String text = schema.toString();
        List<RegisteredSchema> versions = versionsBySubject.get(subject);
        if (versions == null) {
            throw new SchemaNotFoundException(url, "registry " + url + " has no subject '" + subject
                    + "'; register " + schema.getFullName() + " first, or enable auto.register.schemas", null, subject);
        }
        for (RegisteredSchema v : versions) {
            if (v.schema().toString().equals(text)) {
                return v.id();
            }
        }
        throw new SchemaNotFoundException(url, "registry " + url + " has no schema " + schema.getFullName()
                + " with this definition under subject '" + subject + "' (it has versions 1.." + versions.size()
                + "); register it first, or enable auto.register.schemas", null, subject);
    }

    @Override
    public synchronized Schema schemaById(int id) {
        Schema schema = schemasById.get(id);
        if (schema == null) {
            throw new SchemaNotFoundException(url, "registry " + url + " has no schema with id " + id
                    + " (it has ids 1.." + (nextId - 1) + ")", id, null);
        }
        return schema;
    }

    @Override
    public synchronized RegisteredSchema latest(String subject) {
        List<RegisteredSchema> versions = versionsBySubject.get(subject);
        if (versions == null) {
            throw new SchemaNotFoundException(url, "registry " + url + " has no subject '" + subject + "'",
                    null, subject);
        }
        return versions.get(versions.size() - 1);
    }

    @Override
    public synchronized CompatibilityCheck checkCompatibility(String subject, Schema schema) {
        List<String> reasons = incompatibilities(subject, schema, versionsBySubject.getOrDefault(subject, List.of()));
        return new CompatibilityCheck(reasons.isEmpty(), reasons);
    }

    @Override
    public synchronized CompatibilityLevel setCompatibility(CompatibilityLevel level) {
        globalLevel = Objects.requireNonNull(level, "level");
        return level;
    }

    @Override
    public synchronized CompatibilityLevel setCompatibility(String subject, CompatibilityLevel level) {
        subjectLevels.put(Objects.requireNonNull(subject, "subject"), Objects.requireNonNull(level, "level"));
        return level;
    }

    /** The compatibility level that applies to {@code subject}. */
    public synchronized CompatibilityLevel levelOf(String subject) {
        return subjectLevels.getOrDefault(subject, globalLevel);
    }

    /** The subjects registered so far, in no particular order. */
    public synchronized List<String> subjects() {
        return List.copyOf(versionsBySubject.keySet());
    }

    @Override
    public String toString() {
        return "InMemorySchemaRegistry[" + url + "]";
    }

    private List<String> incompatibilities(String subject, Schema candidate, List<RegisteredSchema> versions) {
        CompatibilityLevel level = levelOf(subject);
        if (versions.isEmpty() || level == CompatibilityLevel.NONE) {
            return List.of();
        }
        List<RegisteredSchema> against = level.transitive() ? versions : List.of(versions.get(versions.size() - 1));
        List<String> reasons = new ArrayList<>();
        for (RegisteredSchema existing : against) {
            if (level.newReadsOld()) {
                for (String why : Incompatibilities.of(candidate, existing.schema())) {
                    reasons.add("new schema cannot read data written with version " + existing.version() + ": " + why);
                }
            }
            if (level.oldReadsNew()) {
                for (String why : Incompatibilities.of(existing.schema(), candidate)) {
                    reasons.add("version " + existing.version() + " cannot read data written with the new schema: "
                            + why);
                }
            }
        }
        return reasons;
    }
}
