package dev.cumulus.runtime.testfunctions;

import dev.cumulus.runtime.InvocationContext;
import dev.cumulus.runtime.WorkerFunction;
import java.nio.charset.StandardCharsets;

/**
 * Payload "count,target": while count is below target it starts its successor with count + 1, the way a
 * worker hands over to its successor at its time limit. Returns "count" or "count->successorId".
 */
public final class ChainFunction implements WorkerFunction {

    @Override
    public byte[] handle(byte[] payload, InvocationContext context) {
        String[] parts = new String(payload, StandardCharsets.UTF_8).strip().split(",");
        int count = Integer.parseInt(parts[0]);
        int target = Integer.parseInt(parts[1]);
        String answer = Integer.toString(count);
        if (count < target) {
            String next = context.invokeSuccessor(((count + 1) + "," + target).getBytes(StandardCharsets.UTF_8));
            answer += "->" + next;
        }
        return answer.getBytes(StandardCharsets.UTF_8);
    }
}
