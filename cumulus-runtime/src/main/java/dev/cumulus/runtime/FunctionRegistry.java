package dev.cumulus.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * An immutable map from function name to the class that implements it.
 *
 * <p>Functions are registered by class <em>name</em> so that the same registry works wherever the function
 * runs: the class is loaded and instantiated in the thread sandbox, the child JVM or the Lambda sandbox.
 * A registry can be written as text, {@code name=fully.qualified.Class} pairs separated by commas or new
 * lines, which is how it travels in the {@code CUMULUS_FUNCTIONS} environment variable of a Lambda
 * function and in {@value #RESOURCE} files on the classpath.
 */
public final class FunctionRegistry {

    /** Classpath resource listing functions as properties, merged by {@link #discover()}. */
    public static final String RESOURCE = "META-INF/cumulus/functions.properties";

    /** Environment variable listing functions as {@code name=class} pairs, merged by {@link #discover()}. */
    public static final String ENVIRONMENT_VARIABLE = "CUMULUS_FUNCTIONS";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final Pattern CLASS_NAME = Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*");

    private final Map<String, String> classNames;

    private FunctionRegistry(Map<String, String> classNames) {
        this.classNames = Collections.unmodifiableMap(new LinkedHashMap<>(classNames));
    }

    /** A registry with no functions. */
    public static FunctionRegistry empty() {
        return new FunctionRegistry(Map.of());
    }

    /** Starts an empty builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Parses {@code name=class} pairs separated by commas or new lines; blank entries and lines starting
     * with {@code #} are ignored.
     *
     * @param source names where the text came from, for error messages
     * @throws IllegalArgumentException naming the source, the entry and what was expected
     */
    public static FunctionRegistry parse(String text, String source) {
        Builder builder = builder();
        String[] entries = text.split("[,\\n]");
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i].strip();
            if (entry.isEmpty() || entry.startsWith("#")) {
                continue;
            }
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("Invalid function entry '" + entry + "' (entry " + (i + 1)
                        + ") in " + source + ": expected name=fully.qualified.ClassName");
            }
            builder.register(entry.substring(0, eq).strip(), entry.substring(eq + 1).strip(), source);
        }
        return builder.build();
    }

    /**
     * The registry a deployed function uses: every {@value #RESOURCE} on the context class path, then the
     * {@value #ENVIRONMENT_VARIABLE} environment variable (later entries replace earlier ones).
     */
    public static FunctionRegistry discover() {
        Builder builder = builder();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = FunctionRegistry.class.getClassLoader();
        }
        try {
            Enumeration<URL> resources = loader.getResources(RESOURCE);
            while (resources.hasMoreElements()) {
                URL url = resources.nextElement();
                Properties properties = new Properties();
                try (InputStream in = url.openStream()) {
                    properties.load(in);
                }
                for (String name : properties.stringPropertyNames()) {
                    builder.register(name.strip(), properties.getProperty(name).strip(), url.toString());
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + RESOURCE + " from the class path: " + e.getMessage(), e);
        }
        String fromEnvironment = System.getenv(ENVIRONMENT_VARIABLE);
        if (fromEnvironment != null) {
            builder.registerAll(parse(fromEnvironment, "environment variable " + ENVIRONMENT_VARIABLE));
        }
        return builder.build();
    }

    /** The class name registered for {@code functionName}, if any. */
    public Optional<String> className(String functionName) {
        return Optional.ofNullable(functionName == null ? null : classNames.get(functionName));
    }

    /** Whether {@code functionName} is registered. */
    public boolean contains(String functionName) {
        return className(functionName).isPresent();
    }

    /** All registrations, name to class name, in registration order. */
    public Map<String, String> entries() {
        return classNames;
    }

    /** The registry written as text that {@link #parse} reads back. */
    public String toText() {
        StringBuilder text = new StringBuilder();
        classNames.forEach((name, className) -> {
            if (text.length() > 0) {
                text.append(',');
            }
            text.append(name).append('=').append(className);
        });
        return text.toString();
    }

    /** Why {@code functionName} cannot be invoked, or empty if it is registered. */
    public Optional<String> violation(String functionName) {
        if (contains(functionName)) {
            return Optional.empty();
        }
        return Optional.of("function '" + functionName + "' is not registered; registered: "
                + (classNames.isEmpty() ? "none" : String.join(", ", classNames.keySet())));
    }

    /**
     * Creates a new instance of the function registered as {@code functionName}, in the calling class loader.
     *
     * @throws InvalidInvocationException if the name is not registered
     * @throws FunctionLoadException if the class cannot be loaded or instantiated
     */
    public WorkerFunction instantiate(String functionName) {
        String className = className(functionName)
                .orElseThrow(() -> new InvalidInvocationException(violation(functionName).orElseThrow()));
        return instantiateClass(functionName, className);
    }

    /**
     * Creates a new instance of {@code className} through its public no-argument constructor.
     *
     * @throws FunctionLoadException naming the function, the class and the reason
     */
    public static WorkerFunction instantiateClass(String functionName, String className) {
        String prefix = "Function '" + functionName + "' is registered as class " + className + ", which ";
        Class<?> type;
        try {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            type = Class.forName(className, true, loader != null ? loader : FunctionRegistry.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new FunctionLoadException(prefix + "cannot be loaded: " + e, e);
        }
        if (!WorkerFunction.class.isAssignableFrom(type)) {
            throw new FunctionLoadException(prefix + "does not implement " + WorkerFunction.class.getName(), null);
        }
        if (Modifier.isAbstract(type.getModifiers())) {
            throw new FunctionLoadException(prefix + "is abstract", null);
        }
        try {
            return (WorkerFunction) type.getConstructor().newInstance();
        } catch (NoSuchMethodException e) {
            throw new FunctionLoadException(prefix + "has no public no-argument constructor", e);
        } catch (InvocationTargetException e) {
            throw new FunctionLoadException(prefix + "threw from its constructor: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new FunctionLoadException(prefix + "cannot be instantiated: " + e, e);
        }
    }

    @Override
    public String toString() {
        return "FunctionRegistry" + classNames;
    }

    /** Collects registrations; names and class names are validated as they are added. */
    public static final class Builder {
        private final Map<String, String> classNames = new LinkedHashMap<>();

        private Builder() {
        }

        /** Registers {@code type} under {@code functionName}. */
        public Builder register(String functionName, Class<? extends WorkerFunction> type) {
            return register(functionName, type.getName(), "code");
        }

        /** Registers the class named {@code className} under {@code functionName}; the class is not loaded now. */
        public Builder register(String functionName, String className) {
            return register(functionName, className, "code");
        }

        /** Adds every registration of {@code other}, replacing same-named ones. */
        public Builder registerAll(FunctionRegistry other) {
            classNames.putAll(other.classNames);
            return this;
        }

        private Builder register(String functionName, String className, String source) {
            if (functionName == null || !NAME.matcher(functionName).matches()) {
                throw new IllegalArgumentException("Invalid function name '" + functionName + "' in " + source
                        + ": expected 1..64 characters of letters, digits, '_', '.', '-'");
            }
            if (className == null || !CLASS_NAME.matcher(className).matches()) {
                throw new IllegalArgumentException("Invalid class name '" + className + "' for function '"
                        + functionName + "' in " + source + ": expected a fully qualified Java class name");
            }
            classNames.put(functionName, className);
            return this;
        }

        public FunctionRegistry build() {
            return new FunctionRegistry(classNames);
        }
    }
}
