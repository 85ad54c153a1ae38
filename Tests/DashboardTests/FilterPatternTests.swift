@testable import Dashboard
import ProtectionCore
import Testing

/// The filter's own expression engine: the syntax it takes, what it refuses, agreement with
/// Swift's `Regex` (an independent, backtracking implementation) on thousands of generated
/// patterns, and patterns that take a backtracking engine minutes finishing on long texts.
@Suite struct FilterPatternTests {
    private func matches(_ pattern: String, _ text: String) throws -> Bool {
        FilterPatternMatcher(try FilterPattern(pattern)).matches(text)
    }

    @Test func theCommonSyntax() throws {
        let table: [(String, String, Bool)] = [
            ("web", "prod-web-1", true), ("^web", "prod-web-1", false), ("^prod", "prod-web-1", true),
            ("1$", "prod-web-1", true), ("web-[13]$", "web-3", true), ("web-[13]$", "web-2", false),
            ("a.c", "abc", true), ("a.c", "ac", false), ("colou?r", "color", true), ("colou?r", "colour", true),
            ("ab+c", "ac", false), ("ab+c", "abbbc", true), ("ab*c", "ac", true), ("(ab)+$", "xabab", true),
            ("x{3}", "xx", false), ("x{3}", "axxxb", true), ("^x{2,3}$", "xxxx", false), ("^x{2,}$", "xxxx", true),
            ("web|worker", "worker-a", true), ("^(web|worker)-a$", "web-a", true), ("(?:ab)+", "abab", true),
            ("\\d+s", "in 45s", true), ("\\d", "none", false), ("\\w+-\\d", "web-1", true), ("\\s", "a b", true),
            ("\\S+", "   ", false), ("[^a-z]", "abc", false), ("[^a-z]", "abC", true), ("[]a]", "]", true),
            ("[a-]", "-", true), ("\\.", "a.b", true), ("\\.", "ab", false), ("a{", "a{", true), ("\\(5s\\)", "ok (5s)", true),
            ("批处理", "批处理-1", true), ("^$", "", true), ("x*", "", true),
        ]
        for (pattern, text, expected) in table {
            #expect(try matches(pattern, text) == expected, "\(pattern) on \(text)")
        }
    }

    @Test func whatALinearEngineCannotDoIsRefusedInPlainWords() {
        let refused: [(String, String)] = [
            ("(a", "missing )"), ("a)", "unmatched )"), ("[ab", "missing ]"), ("*a", "nothing to repeat before *"),
            ("a**", "a repeat of a repeat"), ("(a)\\1", "backreferences are not supported"),
            ("(?=a)", "lookaround and flags are not supported"), ("(?i)a", "lookaround and flags are not supported"),
            ("a{101}", "a count above 100"), ("a{3,2}", "a count range backwards"), ("[z-a]", "a range backwards in [ ]"),
            ("a\\", "a trailing backslash"), ("\\bword", "\\b is not supported"),
            (String(repeating: "(a{100})", count: 30), "the pattern is too large"),
        ]
        for (pattern, message) in refused {
            #expect(throws: FilterPattern.SyntaxError(message: message), "\(pattern)") { _ = try FilterPattern(pattern) }
        }
    }

    @Test func smartCaseCountsLiteralCapitalsOnly() throws {
        #expect(try FilterPattern("Web").hasCapital)
        #expect(try FilterPattern("[A-Z]").hasCapital)
        #expect(try !FilterPattern("\\W\\S\\D").hasCapital)
        #expect(try !FilterPattern("web").hasCapital)
    }

    @Test func patternsThatStallABacktrackingEngineFinishOnLongTexts() throws {
        // Swift's Regex did not finish `(a+)+$` on 28 characters in a minute; here 5,000 each.
        let text = String(repeating: "a", count: 5_000) + "!"
        for pattern in ["(a+)+$", "(a*)*b", "(a|aa)+$", "(.*)*x", "^(a|a)*$", ".*.*.*.*.*x"] {
            #expect(try !matches(pattern, text), "\(pattern)")
        }
        #expect(try matches("(a+)+!$", text))
    }

    /// Patterns and texts drawn from a small alphabet so backtracking stays cheap for `Regex`.
    @Test func agreesWithSwiftRegexOnGeneratedPatterns() throws {
        var generator = SeededRandomNumberGenerator(seed: 0x5EED_F11E)
        var compared = 0
        for _ in 0..<3_000 {
            let pattern = randomPattern(depth: 0, using: &generator)
            guard let ours = try? FilterPattern(pattern), let theirs = try? Regex(pattern) else { continue }
            for _ in 0..<4 {
                let text = String((0..<Int.random(in: 0...8, using: &generator)).map { _ in "abc-1".randomElement(using: &generator)! })
                let expected = (try? theirs.firstMatch(in: text)) != nil
                #expect(FilterPatternMatcher(ours).matches(text) == expected, "\(pattern) on '\(text)'")
                compared += 1
            }
        }
        #expect(compared > 8_000)
    }

    private func randomPattern(depth: Int, using generator: inout SeededRandomNumberGenerator) -> String {
        let pieces = Int.random(in: 1...3, using: &generator)
        var pattern = ""
        for _ in 0..<pieces {
            var atom: String
            switch Int.random(in: 0..<10, using: &generator) {
            case 0..<4: atom = String("abc-1".randomElement(using: &generator)!)
            case 4: atom = "."
            case 5: atom = ["[ab]", "[^a]", "[a-c]", "\\d", "\\w"].randomElement(using: &generator)!
            case 6: atom = ["^", "$"].randomElement(using: &generator)!
            default:
                atom = depth < 2 ? "(" + randomPattern(depth: depth + 1, using: &generator)
                    + (Bool.random(using: &generator) ? "|" + randomPattern(depth: depth + 1, using: &generator) : "") + ")" : "a"
            }
            if atom != "^", atom != "$", Int.random(in: 0..<3, using: &generator) == 0 {
                atom += ["*", "+", "?", "{1,2}", "{2}"].randomElement(using: &generator)!
            }
            pattern += atom
        }
        return pattern
    }
}
