/// Turns a pattern tree into the instructions ``FilterPatternMatcher`` runs (Thompson's
/// construction), refusing programs past ``FilterPattern/maximumProgramSize``.
struct FilterPatternCompiler {
    private(set) var program: [FilterPattern.Instruction] = []

    @discardableResult
    mutating func append(_ instruction: FilterPattern.Instruction) -> Int {
        program.append(instruction)
        return program.count - 1
    }

    mutating func emit(_ node: FilterPatternNode) throws(FilterPattern.SyntaxError) {
        guard program.count <= FilterPattern.maximumProgramSize else {
            throw FilterPattern.SyntaxError(message: "the pattern is too large")
        }
        switch node {
        case .characters(let set): append(.character(set))
        case .start: append(.assertStart)
        case .end: append(.assertEnd)
        case .concatenation(let items):
            for item in items { try emit(item) }
        case .alternation(let branches):
            var exits: [Int] = []
            for branch in branches.dropLast() {
                let split = append(.split(0, 0))
                try emit(branch)
                exits.append(append(.jump(0)))
                program[split] = .split(split + 1, program.count)
            }
            if let last = branches.last { try emit(last) }
            for exit in exits { program[exit] = .jump(program.count) }
        case .repetition(let inner, let min, let max):
            try emitRepetition(inner, min: min, max: max)
        }
    }

    private mutating func emitRepetition(_ inner: FilterPatternNode, min: Int, max: Int?) throws(FilterPattern.SyntaxError) {
        guard let max else {
            if min == 0 {
                // L: split(body, out); body; jump L
                let loop = append(.split(0, 0))
                try emit(inner)
                append(.jump(loop))
                program[loop] = .split(loop + 1, program.count)
            } else {
                for _ in 0..<(min - 1) { try emit(inner) }
                // L: body; split(L, out)
                let body = program.count
                try emit(inner)
                append(.split(body, program.count + 1))
            }
            return
        }
        for _ in 0..<min { try emit(inner) }
        var skips: [Int] = []
        for _ in 0..<(max - min) {
            skips.append(append(.split(0, 0)))
            try emit(inner)
        }
        for skip in skips { program[skip] = .split(skip + 1, program.count) }
    }
}
