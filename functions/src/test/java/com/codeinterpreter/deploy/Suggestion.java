package com.codeinterpreter.deploy;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** The "did you mean" of the type check's messages: the nearest name, when one is near enough. */
final class Suggestion {
    /** Two edits catch a typo or a swapped pair of letters without suggesting unrelated names. */
    private static final int MAX_EDITS = 2;

    private Suggestion() {
    }

    static Optional<String> sameIgnoringCase(String wrong, Collection<String> candidates) {
        return candidates.stream().filter(c -> c.equalsIgnoreCase(wrong)).findFirst();
    }

    static Optional<String> closest(String wrong, Collection<String> candidates) {
        Optional<String> sameCase = sameIgnoringCase(wrong, candidates);
        if (sameCase.isPresent()) {
            return sameCase;
        }
        return candidates.stream()
                .filter(c -> edits(wrong.toLowerCase(), c.toLowerCase()) <= MAX_EDITS)
                .min(Comparator.comparingInt((String c) -> edits(wrong.toLowerCase(), c.toLowerCase())));
    }

    /** Levenshtein distance. */
    static int edits(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
