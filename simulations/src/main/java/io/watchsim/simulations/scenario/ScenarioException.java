package io.watchsim.simulations.scenario;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A scenario with mistakes: every one of them, in file and line order. Its message has one line
 * per mistake; it carries no stack trace, since the mistakes are the user's.
 */
public final class ScenarioException extends RuntimeException {
    private final List<ScenarioProblem> problems;

    public ScenarioException(List<ScenarioProblem> problems) {
        super(problems.stream().sorted(ScenarioProblem.ORDER).map(ScenarioProblem::toString)
                .collect(Collectors.joining(System.lineSeparator())), null, false, false);
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a scenario exception needs a problem");
        }
        this.problems = problems.stream().sorted(ScenarioProblem.ORDER).toList();
    }

    /** The mistakes, in file and line order. */
    public List<ScenarioProblem> problems() {
        return problems;
    }
}
