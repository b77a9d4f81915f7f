package dev.cumulus.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cumulus.runtime.testfunctions.SumFunction;
import org.junit.jupiter.api.Test;

class FunctionRegistryTest {

    /** Not a function at all. */
    public static final class NotAFunction {
    }

    /** A function without a no-argument constructor. */
    public static final class NeedsArgument implements WorkerFunction {
        public NeedsArgument(String ignored) {
        }

        @Override
        public byte[] handle(byte[] payload, InvocationContext context) {
            return payload;
        }
    }

    @Test
    void readsBackWhatItWrites() {
        FunctionRegistry registry = FunctionRegistry.builder().register("sum", SumFunction.class)
                .register("worker", "dev.cumulus.engine.Worker").build();

        FunctionRegistry copy = FunctionRegistry.parse(registry.toText(), "test");

        assertThat(copy.entries()).isEqualTo(registry.entries());
        assertThat(copy.className("worker")).contains("dev.cumulus.engine.Worker");
        assertThat(FunctionRegistry.parse("# comment\n a = b.C ,\n\n", "test").entries()).containsEntry("a", "b.C");
    }

    @Test
    void invalidEntryIsNamedWithItsSource() {
        assertThatThrownBy(() -> FunctionRegistry.parse("a=b.C,oops", "environment variable CUMULUS_FUNCTIONS"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'oops'")
                .hasMessageContaining("entry 2").hasMessageContaining("CUMULUS_FUNCTIONS");
        assertThatThrownBy(() -> FunctionRegistry.builder().register("has space", "a.B"))
                .hasMessageContaining("'has space'");
        assertThatThrownBy(() -> FunctionRegistry.builder().register("f", "not a class"))
                .hasMessageContaining("'not a class'").hasMessageContaining("'f'");
    }

    @Test
    void instantiatesRegisteredClassesAndExplainsWhyOthersFail() {
        FunctionRegistry registry = FunctionRegistry.builder().register("sum", SumFunction.class)
                .register("missing", "no.such.Type").register("plain", NotAFunction.class.getName())
                .register("needs-arg", NeedsArgument.class).build();

        assertThat(registry.instantiate("sum")).isInstanceOf(SumFunction.class);
        assertThatThrownBy(() -> registry.instantiate("nope")).isInstanceOf(InvalidInvocationException.class)
                .hasMessageContaining("'nope' is not registered").hasMessageContaining("sum, missing, plain, needs-arg");
        assertThatThrownBy(() -> registry.instantiate("missing")).isInstanceOf(FunctionLoadException.class)
                .hasMessageContaining("no.such.Type").hasMessageContaining("cannot be loaded");
        assertThatThrownBy(() -> registry.instantiate("plain")).isInstanceOf(FunctionLoadException.class)
                .hasMessageContaining("does not implement");
        assertThatThrownBy(() -> registry.instantiate("needs-arg")).isInstanceOf(FunctionLoadException.class)
                .hasMessageContaining("no public no-argument constructor");
    }

    @Test
    void discoversFunctionsListedOnTheClassPath() {
        assertThat(FunctionRegistry.discover().className("discovered-sum")).contains(SumFunction.class.getName());
    }
}
