import Testing
@testable import GameDay

/// The scenario files' YAML, composed from libyaml's events: values as written, pairs in file
/// order, lines right, aliases honoured, and hostile texts refused with libyaml's words, never a crash.
@Suite struct YAMLComposerTests {
    /// The tree as compact text: `{k: v}`, `[a, b]`, scalars as they were written, each with `@line`.
    private static func shape(_ node: YAMLNode?) -> String {
        switch node {
        case nil: "nil"
        case .scalar(let value, let line)?: "\(value)@\(line)"
        case .sequence(let items, let line)?: "[\(items.map { shape($0) }.joined(separator: ", "))]@\(line)"
        case .mapping(let pairs, let line)?: "{\(pairs.map { "\(shape($0.key)): \(shape($0.value))" }.joined(separator: ", "))}@\(line)"
        }
    }

    @Test func valuesStayTextInFileOrderWithTheirLines() throws {
        let text = """
        name: "drill"
        tasks:
          - label: a
            protected: no
          - {label: b, fault: 'none'}
        steps: []
        empty:
        """
        #expect(Self.shape(try YAMLComposer.compose(text)) ==
            "{name@1: drill@1, tasks@2: [{label@3: a@3, protected@4: no@4}@3, {label@5: b@5, fault@5: none@5}@5]@3, steps@6: []@6, empty@7: @7}@1")
    }

    @Test func anAliasIsTheNodeItsAnchorNamed() throws {
        let node = try YAMLComposer.compose("base: &b {label: x}\ncopy: *b\n")
        #expect(Self.shape(node) == "{base@1: {label@1: x@1}@1, copy@2: {label@1: x@1}@1}@1")
        #expect(throws: YAMLComposer.Failure(line: 1, problem: "found undefined alias")) { try YAMLComposer.compose("a: *missing\n") }
    }

    @Test func nothingButCommentsIsNoDocumentAndTwoDocumentsAreRefused() throws {
        #expect(try YAMLComposer.compose("") == nil)
        #expect(try YAMLComposer.compose("# only a comment\n") == nil)
        // The second document begins at its `---`.
        #expect(throws: YAMLComposer.Failure(line: 2, problem: "expected a single document in the stream")) {
            try YAMLComposer.compose("a: 1\n---\nb: 2\n")
        }
    }

    @Test func malformedTextIsRefusedWithLibyamlsProblemAndLine() {
        do {
            _ = try YAMLComposer.compose("name: x\ntasks: [\nsteps: []\n")
            Issue.record("an unclosed bracket was accepted")
        } catch {
            #expect(error.line == 4 && !error.unreadable && !error.problem.isEmpty, "\(error)")
        }
        do {
            _ = try YAMLComposer.compose("name: x\u{0001}\n")
            Issue.record("a control character was accepted")
        } catch {
            #expect(error.unreadable && error.problem.contains("control characters"), "\(error)")
        }
    }

    @Test func aCollectionPastTheDepthAskedForEndsTheParseWithItsLine() {
        #expect(throws: YAMLComposer.Failure(line: 3, problem: "nested more than 2 deep", nestedTooDeep: true)) {
            try YAMLComposer.compose("a:\n  b:\n    - c\n", maximumDepth: 2)
        }
        #expect(throws: Never.self) { try YAMLComposer.compose("a:\n  b: [c]\n", maximumDepth: 3) }
    }

    @Test func deepNestingCostsHeapNotStack() throws {
        // As deep as the text that crashed the recursive composer used before, and far deeper
        // than a scenario may be (the parser stops past 32), composed here
        // directly: no recursion, so no stack to overflow. (libyaml's own scanner slows down
        // with the square of the depth, one reason the parser refuses deep texts first.)
        let depth = 5000
        var node = try #require(try YAMLComposer.compose(String(repeating: "[", count: depth) + String(repeating: "]", count: depth)))
        var levels = 0
        while case .sequence(let items, _) = node, let first = items.first {
            node = first
            levels += 1
        }
        #expect(levels == depth - 1)
    }
}
