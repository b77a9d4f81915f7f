package dev.cumulus.engine.protocol;

import java.util.List;
import java.util.Map;

/**
 * What a protocol asks the driver to invoke: one function per role, and the small values every
 * function's task carries (such as the rows of the smallest chunk).
 */
public record Launch(List<RoleSpec> roles, Map<String, Long> attributes) {
    public Launch {
        roles = List.copyOf(roles);
        attributes = Map.copyOf(attributes);
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("a launch needs at least one function");
        }
        if (roles.stream().map(RoleSpec::id).distinct().count() != roles.size()) {
            throw new IllegalArgumentException("two functions of a launch share a role and rank: " + roles);
        }
    }

    /** {@code n} functions of one role, ranked 0 to n - 1. */
    public static List<RoleSpec> ranks(String role, int n) {
        return java.util.stream.IntStream.range(0, n).mapToObj(r -> new RoleSpec(role, r)).toList();
    }
}
