package dev.cumulus.runtime.testfunctions;

import dev.cumulus.runtime.FunctionRegistry;

/** The registry every platform test uses. */
public final class TestFunctions {

    private TestFunctions() {
    }

    public static FunctionRegistry registry() {
        return FunctionRegistry.builder()
                .register("sum", SumFunction.class)
                .register("sleep", SleepFunction.class)
                .register("unwind", UnwindFunction.class)
                .register("fail", FailingFunction.class)
                .register("span", SpanFunction.class)
                .register("remaining", RemainingFunction.class)
                .register("exit", ExitFunction.class)
                .register("self-kill", SelfKillFunction.class)
                .register("noise", OutputNoiseFunction.class)
                .register("warm-count", WarmCountFunction.class)
                .register("chain", ChainFunction.class)
                .register("invoke-unknown", InvokeUnknownFunction.class)
                .register("max-heap", MaxHeapFunction.class)
                .register("missing-class", "dev.cumulus.runtime.testfunctions.NoSuchFunction")
                .build();
    }
}
