package dev.cvkit.evaluator.criteria;

import dev.cvkit.evaluator.InvalidInputException;

/** Builds the exit-3 errors about a criteria file: file, line, problem, then the accepted grammar. */
final class CriteriaErrors {

    private CriteriaErrors() {
    }

    static InvalidInputException at(SourceLocation location, String problem) {
        return at(location.file(), location.line(), problem);
    }

    static InvalidInputException at(String file, int line, String problem) {
        return new InvalidInputException(file, line, problem + "\n" + CriteriaGrammar.DESCRIPTION);
    }
}
