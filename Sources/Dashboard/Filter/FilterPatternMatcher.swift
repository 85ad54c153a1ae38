/// Runs a ``FilterPattern`` over a text by keeping every state the pattern can be in at once
/// (Pike's method): each character is looked at once per live instruction, so the time is at most
/// the text's length times the program's, whatever the pattern.
struct FilterPatternMatcher {
    private let program: [FilterPattern.Instruction]

    init(_ pattern: FilterPattern) {
        program = pattern.program
    }

    /// Whether the pattern matches anywhere in `text`.
    func matches(_ text: String) -> Bool { run(Array(text), anchored: false) }

    /// Whether the pattern matches at the start of `text` (a match may end anywhere).
    func matchesAtStart(_ text: String) -> Bool { run(Array(text), anchored: true) }

    private func run(_ text: [Character], anchored: Bool) -> Bool {
        var current = InstructionSet(capacity: program.count)
        var next = InstructionSet(capacity: program.count)
        add(0, at: 0, length: text.count, to: &current)
        for position in 0...text.count {
            if current.members.contains(where: { program[$0] == .match }) { return true }
            guard position < text.count else { break }
            next.removeAll()
            for pc in current.members {
                if case .character(let set) = program[pc], set.accepts(text[position]) {
                    add(pc + 1, at: position + 1, length: text.count, to: &next)
                }
            }
            swap(&current, &next)
            // Unanchored: a match may also start at the next character.
            if !anchored { add(0, at: position + 1, length: text.count, to: &current) }
            if current.members.isEmpty, anchored { return false }
        }
        return false
    }

    /// Adds `pc` and everything reachable from it without reading a character.
    private func add(_ pc: Int, at position: Int, length: Int, to set: inout InstructionSet) {
        guard pc < program.count, set.insert(pc) else { return }
        switch program[pc] {
        case .jump(let target): add(target, at: position, length: length, to: &set)
        case .split(let first, let second):
            add(first, at: position, length: length, to: &set)
            add(second, at: position, length: length, to: &set)
        case .assertStart: if position == 0 { add(pc + 1, at: position, length: length, to: &set) }
        case .assertEnd: if position == length { add(pc + 1, at: position, length: length, to: &set) }
        case .character, .match: break
        }
    }
}

/// Instruction numbers with constant-time insert, membership and clear (a sparse set).
private struct InstructionSet {
    private(set) var members: [Int] = []
    private var slot: [Int]

    init(capacity: Int) {
        slot = Array(repeating: 0, count: capacity)
        members.reserveCapacity(capacity)
    }

    /// Inserts `pc`; false when it was already in.
    mutating func insert(_ pc: Int) -> Bool {
        let index = slot[pc]
        if index < members.count, members[index] == pc { return false }
        slot[pc] = members.count
        members.append(pc)
        return true
    }

    mutating func removeAll() { members.removeAll(keepingCapacity: true) }
}
